import { describe, expect, it } from 'vitest';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

describe("the team lead's case file says who carries the case", () => {
  it('names the vaste jeugdbeschermer, and a waarnemer with the period once one is planned', async () => {
    const { lead1, worker1, worker2 } = world.f.users;
    const caseId = world.f.cases.ofWorker1;
    const lead = callerFor(world.database, lead1);
    const before = await lead.cases.file({ caseId });
    expect(before.carriedBy).toEqual({
      vast: { userId: worker1.id, name: 'worker1', fromDate: '2026-10-01' },
      waarnemers: [],
    });

    await lead.waitingList.startStandIn({
      absentUserId: worker1.id,
      standInUserId: worker2.id,
      from: '2026-11-25',
      until: '2026-11-27',
    });
    const after = await lead.cases.file({ caseId });
    expect(after.carriedBy.waarnemers).toEqual([
      { userId: worker2.id, name: 'worker2', fromDate: '2026-11-25', untilDate: '2026-11-27' },
    ]);
    // A plan withdrawn before it began is no waarnemer at all: not in the file, not in the list.
    await lead.waitingList.startStandIn({
      absentUserId: worker1.id,
      standInUserId: worker2.id,
      from: '2026-12-10',
      until: '2026-12-12',
    });
    await lead.waitingList.endStandIn({
      absentUserId: worker1.id,
      standInUserId: worker2.id,
      from: '2026-12-10',
      until: '2026-12-12',
    });
    expect((await lead.cases.file({ caseId })).carriedBy.waarnemers).toHaveLength(1);
    expect(await lead.waitingList.standIns()).toEqual([
      expect.objectContaining({ from: '2026-11-25', until: '2026-11-27' }),
    ]);
    // After the period the stand-in is gone from the file by itself.
    const later = await callerFor(world.database, lead1, {
      now: new Date('2026-11-30T10:00:00Z'),
    }).cases.file({ caseId });
    expect(later.carriedBy.waarnemers).toEqual([]);
  });

  it('refuses to hand a case to the worker who carries it already, by name', async () => {
    const { lead1, worker2 } = world.f.users;
    await expect(
      callerFor(world.database, lead1).team.reassign({
        caseId: world.f.cases.ofWorker2,
        toUserId: worker2.id,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'worker2 is al de vaste jeugdbeschermer van dit dossier: kies een ander',
    });
  });
});
