import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, caseAssignments } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

describe('team.reassign', () => {
  it('moves the case: the old worker loses it at the next pull, the new one receives it whole', async () => {
    const oldDevice = randomUUID();
    const newDevice = randomUUID();
    const oldCaller = callerFor(world.database, world.f.users.worker1);
    const newCaller = callerFor(world.database, world.f.users.worker2);
    const first = await oldCaller.sync.pull({ clientId: oldDevice, cookie: null });
    const firstNew = await newCaller.sync.pull({ clientId: newDevice, cookie: null });
    expect(first.rows.some((r) => r.caseId === world.f.cases.ofWorker1)).toBe(true);

    await callerFor(world.database, world.f.users.lead1).team.reassign({
      caseId: world.f.cases.ofWorker1,
      toUserId: world.f.users.worker2.id,
    });

    const after = await oldCaller.sync.pull({ clientId: oldDevice, cookie: first.cookie });
    expect(after.removedCaseIds).toEqual([world.f.cases.ofWorker1]);
    const arrived = await newCaller.sync.pull({ clientId: newDevice, cookie: firstNew.cookie });
    expect(
      new Set(arrived.rows.filter((r) => r.caseId === world.f.cases.ofWorker1).map((r) => r.entity)),
    ).toEqual(new Set(['case', 'assignment', 'jeugdige', 'gezin', 'betrokkene', 'maatregel', 'contact']));
    await expect(oldCaller.cases.file({ caseId: world.f.cases.ofWorker1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const assignments = await world.database.db
      .select({ userId: caseAssignments.userId, untilDate: caseAssignments.untilDate })
      .from(caseAssignments)
      .where(and(eq(caseAssignments.caseId, world.f.cases.ofWorker1), eq(caseAssignments.role, 'vast')));
    expect(assignments).toContainEqual({ userId: world.f.users.worker2.id, untilDate: null });
    expect(assignments.filter((a) => a.untilDate === null)).toHaveLength(1);
    const logged = await world.database.db
      .select({ procedure: accessLog.procedure })
      .from(accessLog)
      .where(
        and(eq(accessLog.caseId, world.f.cases.ofWorker1), eq(accessLog.userId, world.f.users.lead1.id)),
      );
    expect(logged).toContainEqual({ procedure: 'team.reassign' });
  });

  it("refuses cases of another team and workers outside the lead's team", async () => {
    await expect(
      callerFor(world.database, world.f.users.lead2).team.reassign({
        caseId: world.f.cases.ofWorker2,
        toUserId: world.f.users.worker3.id,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(world.database, world.f.users.lead1).team.reassign({
        caseId: world.f.cases.ofWorker2,
        toUserId: world.f.users.worker3.id,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      callerFor(world.database, world.f.users.worker1).team.reassign({
        caseId: world.f.cases.ofWorker2,
        toUserId: world.f.users.worker1.id,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
