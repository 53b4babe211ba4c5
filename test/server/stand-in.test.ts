import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const at = (day: string) => ({ now: new Date(`${day}T10:00:00Z`) });

describe('stand-in (waarnemer) during an absence', () => {
  it("gives the stand-in's phone the absent worker's cases for the period, and takes them away after it by itself", async () => {
    const { lead1, worker1, worker2 } = world.f.users;
    const caseId = world.f.cases.ofWorker1;
    const device = randomUUID();
    const standIn = (day: string) => callerFor(world.database, worker2, at(day));
    const first = await standIn('2026-11-24').sync.pull({ clientId: device, cookie: null });
    expect(first.rows.some((r) => r.caseId === caseId)).toBe(false);

    const started = await callerFor(world.database, lead1).waitingList.startStandIn({
      absentUserId: worker1.id,
      standInUserId: worker2.id,
      from: '2026-11-25',
      until: '2026-11-27',
    });
    expect(started).toEqual({ caseCount: 1 });
    const planned = await callerFor(world.database, lead1).waitingList.standIns();
    expect(planned).toEqual([
      {
        absentUserId: worker1.id,
        absentName: 'worker1',
        standInUserId: worker2.id,
        standInName: 'worker2',
        from: '2026-11-25',
        until: '2026-11-27',
        caseCount: 1,
        state: 'gepland',
      },
    ]);

    // Before the period: nothing yet.
    const before = await standIn('2026-11-24').sync.pull({ clientId: device, cookie: first.cookie });
    expect(before.rows.some((r) => r.caseId === caseId && r.entity === 'case')).toBe(false);

    // During the period: the case arrives whole and can be opened.
    const during = await standIn('2026-11-25').sync.pull({ clientId: device, cookie: before.cookie });
    expect(new Set(during.rows.filter((r) => r.caseId === caseId).map((r) => r.entity))).toEqual(
      new Set(['case', 'assignment', 'jeugdige', 'gezin', 'betrokkene', 'maatregel', 'contact']),
    );
    await expect(standIn('2026-11-27').cases.file({ caseId })).resolves.toBeTruthy();

    // After `until`, without anyone acting, the case leaves the device.
    const after = await standIn('2026-11-28').sync.pull({ clientId: device, cookie: during.cookie });
    expect(after.removedCaseIds).toEqual([caseId]);
    await expect(standIn('2026-11-28').cases.file({ caseId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The absent worker keeps the case throughout.
    await expect(
      callerFor(world.database, worker1, at('2026-11-26')).cases.file({ caseId }),
    ).resolves.toBeTruthy();
  });

  it('can be ended early: the stand-in loses the cases at the next pull', async () => {
    const { lead1, worker1, worker2 } = world.f.users;
    const caseId = world.f.cases.ofWorker2;
    const period = {
      absentUserId: worker2.id,
      standInUserId: worker1.id,
      from: '2026-11-24',
      until: '2026-12-11',
    };
    await callerFor(world.database, lead1).waitingList.startStandIn(period);
    const device = randomUUID();
    const during = await callerFor(world.database, worker1, at('2026-11-26')).sync.pull({
      clientId: device,
      cookie: null,
    });
    expect(during.rows.some((r) => r.caseId === caseId && r.entity === 'case')).toBe(true);
    const lead = callerFor(world.database, lead1, at('2026-11-26'));
    const mine = async () =>
      (await lead.waitingList.standIns()).filter((s) => s.standInUserId === worker1.id);
    expect((await mine()).map((s) => s.state)).toEqual(['lopend']);
    await lead.waitingList.endStandIn(period);
    const rows = await world.database.db
      .select({ untilDate: t.caseAssignments.untilDate })
      .from(t.caseAssignments)
      .where(and(eq(t.caseAssignments.caseId, caseId), eq(t.caseAssignments.role, 'waarnemer')));
    expect(rows).toEqual([{ untilDate: '2026-11-25' }]);
    expect(await mine()).toEqual([]);
    const after = await callerFor(world.database, worker1, at('2026-11-26')).sync.pull({
      clientId: device,
      cookie: during.cookie,
    });
    expect(after.removedCaseIds).toEqual([caseId]);
  });

  it('refuses a stand-in from another team, and is for team leads only', async () => {
    const { lead1, worker1, worker3 } = world.f.users;
    await expect(
      callerFor(world.database, lead1).waitingList.startStandIn({
        absentUserId: worker1.id,
        standInUserId: worker3.id,
        from: '2026-11-24',
        until: '2026-11-30',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(world.database, worker1).waitingList.startStandIn({
        absentUserId: worker1.id,
        standInUserId: worker3.id,
        from: '2026-11-24',
        until: '2026-11-30',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
