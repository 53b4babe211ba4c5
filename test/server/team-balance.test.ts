/**
 * The caseload balance from the database: what weighs is read from the case
 * (complex divorce), its measure (placement, jeugdreclassering, start phase)
 * and the family (siblings); the organisation's weights apply; several cases
 * move at once, all or nothing, and both workers' devices follow.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { maatregelen } from '../../server/db/schema';
import { DEFAULT_CASELOAD_NORM, DEFAULT_CASELOAD_WEIGHTS } from '../../shared/rules/caseload';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

describe('team.balance and team.moveCases', () => {
  it('weighs each case from its facts with the organisation’s weights, and explains it', async () => {
    const { f, database } = world;
    const lead = callerFor(database, f.users.lead1);
    // Anna (worker1): complex divorce, placement; ruling 2026-10-01 → still in the start phase.
    await lead.team.setComplexDivorce({ caseId: f.cases.ofWorker1, complexDivorce: true });
    await expect(
      lead.team.setComplexDivorce({ caseId: f.cases.ofWorker3, complexDivorce: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await lead.cases.file({ caseId: f.cases.ofWorker1 })).complexDivorce).toBe(true);
    await database.db
      .update(maatregelen)
      .set({ outOfHomePlacement: true })
      .where(eq(maatregelen.caseId, f.cases.ofWorker1));
    const before = await lead.team.balance();
    const w1 = before.workers.find((w) => w.userId === f.users.worker1.id);
    expect(w1?.caseload).toMatchObject({
      children: 1,
      weighted: 1.8,
      band: { low: 12, high: 14 },
      state: 'onder',
    });
    expect(w1?.caseload.cases[0]?.factors.map((x) => x.factor)).toEqual([
      'base',
      'complexDivorce',
      'startPhase',
      'outOfHomePlacement',
    ]);
    expect(before.workers.map((w) => w.userId)).not.toContain(f.users.worker3.id);

    await lead.team.saveSettings({
      caseloadNorm: DEFAULT_CASELOAD_NORM,
      caseloadWeights: { ...DEFAULT_CASELOAD_WEIGHTS, complexDivorce: 1 },
      holidayPolicy: { ...DEFAULT_HOLIDAY_POLICY, extraDays: [] },
    });
    const after = await lead.team.balance();
    expect(after.workers.find((w) => w.userId === f.users.worker1.id)?.caseload.weighted).toBe(2.5);
    await expect(
      lead.team.saveSettings({
        caseloadNorm: { low: 15, high: 12 },
        caseloadWeights: DEFAULT_CASELOAD_WEIGHTS,
        holidayPolicy: { ...DEFAULT_HOLIDAY_POLICY, extraDays: [] },
      }),
    ).rejects.toThrow(/bovengrens/);
    await expect(callerFor(database, f.users.worker1).team.balance()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('moves several cases at once; both devices follow at the next pull; a bad move moves nothing', async () => {
    const { f, database } = world;
    const lead = callerFor(database, f.users.lead1);
    const w1 = callerFor(database, f.users.worker1);
    const w2 = callerFor(database, f.users.worker2);
    const d1 = randomUUID();
    const d2 = randomUUID();
    const p1 = await w1.sync.pull({ clientId: d1, cookie: null });
    const p2 = await w2.sync.pull({ clientId: d2, cookie: null });

    // All or nothing: one case of another team in the batch refuses the whole batch.
    await expect(
      lead.team.moveCases({
        moves: [
          { caseId: f.cases.ofWorker1, toUserId: f.users.worker2.id },
          { caseId: f.cases.ofWorker3, toUserId: f.users.worker2.id },
        ],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await lead.team.balance()).workers.find((w) => w.userId === f.users.worker1.id)?.caseload.children,
    ).toBe(1);

    await lead.team.moveCases({
      moves: [
        { caseId: f.cases.ofWorker1, toUserId: f.users.worker2.id },
        { caseId: f.cases.ofWorker2, toUserId: f.users.worker1.id },
      ],
    });
    const n1 = await w1.sync.pull({ clientId: d1, cookie: p1.cookie });
    const n2 = await w2.sync.pull({ clientId: d2, cookie: p2.cookie });
    expect(n1.removedCaseIds).toEqual([f.cases.ofWorker1]);
    expect(n1.rows.some((r) => r.entity === 'case' && r.id === f.cases.ofWorker2)).toBe(true);
    expect(n2.removedCaseIds).toEqual([f.cases.ofWorker2]);
    expect(n2.rows.some((r) => r.entity === 'case' && r.id === f.cases.ofWorker1)).toBe(true);
  });
});
