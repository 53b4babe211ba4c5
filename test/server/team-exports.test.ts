import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { StepUpRequired } from '../../server/services/step-up';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');

const csvRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(';'));

async function exportsLogged(caseId: string, procedure: string) {
  return world.database.db
    .select({ action: t.accessLog.action })
    .from(t.accessLog)
    .where(
      and(
        eq(t.accessLog.caseId, caseId),
        eq(t.accessLog.userId, world.f.users.lead1.id),
        eq(t.accessLog.procedure, procedure),
      ),
    );
}

describe('the caseload balance and the waiting list export as CSV, as the norms lists do', () => {
  it('asks for a step-up first', async () => {
    const stale = callerFor(world.database, world.f.users.lead1, {
      now: NOW,
      authenticatedAt: new Date(NOW.getTime() - 60 * 60_000),
    });
    for (const call of [() => stale.team.exportBalanceCsv(), () => stale.waitingList.exportCsv()]) {
      const refused = await call().catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'FORBIDDEN' });
      expect((refused as TRPCError).cause).toBeInstanceOf(StepUpRequired);
    }
  });

  it('writes the balance a row per child with its weight, and logs each child as exported', async () => {
    const lead = callerFor(world.database, world.f.users.lead1, { now: NOW });
    const balance = await lead.team.balance();
    const file = await lead.team.exportBalanceCsv();
    expect(file.filename).toBe('caseload-balans-2026-11-24.csv');
    expect(file.csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csvRows(file.csv);
    expect(header).toEqual([
      'Jeugdbeschermer',
      'Fte',
      'Kinderen',
      'Gewogen caseload',
      'Norm van',
      'Norm tot',
      'Stand',
      'Jeugdige',
      'Gewicht',
      'Opbouw gewicht',
    ]);
    // Every worker of the team; the children of each as the screen lists them.
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(balance.workers.map((w) => w.displayName)));
    const anna = rows.find((r) => r[7] === 'Anna Testkind');
    expect(anna?.[0]).toBe('worker1');
    expect(anna?.[9]).toContain('kind +1');
    expect(await exportsLogged(world.f.cases.ofWorker1, 'team.exportBalanceCsv')).toEqual([
      { action: 'export' },
    ]);
  });

  it('writes the waiting list in its order and logs each waiting child as exported', async () => {
    const lead = callerFor(world.database, world.f.users.lead1, { now: NOW });
    // A child of team 1 waits: worker2's case loses its worker and goes on the list.
    const caseId = world.f.cases.ofWorker2;
    await world.database.db.delete(t.caseAssignments).where(eq(t.caseAssignments.caseId, caseId));
    await world.database.db.update(t.cases).set({ status: 'instroom' }).where(eq(t.cases.id, caseId));
    await lead.waitingList.place({
      caseId,
      triage: 'niet_acuut',
      riskOutcome: 'Geen acuut gevaar; school signaleert verzuim',
      riskAssessedOn: '2026-11-23',
      riskInstrument: 'LIRIK',
      interimContactId: world.f.users.lead1.id,
      nextSafetyCheckOn: '2026-12-01',
      bridging: 'Wijkteam',
    });
    const list = await lead.waitingList.list();
    const file = await lead.waitingList.exportCsv();
    expect(file.filename).toBe('wachtlijst-2026-11-24.csv');
    const [header, ...rows] = csvRows(file.csv);
    expect(header?.slice(0, 4)).toEqual(['Nr.', 'Jeugdige', 'Geboortedatum', 'Triage']);
    expect(rows.map((r) => r[1])).toEqual(list.entries.map((e) => `${e.firstName} ${e.lastName}`));
    expect(rows[0]).toEqual(
      expect.arrayContaining(['1', 'Bram Testkind', 'Niet acuut', 'LIRIK', 'Wijkteam', 'lead1']),
    );
    expect(await exportsLogged(caseId, 'waitingList.exportCsv')).toEqual([{ action: 'export' }]);
  });
});
