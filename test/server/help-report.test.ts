import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, verwijzingen } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

describe('verwijzingen.helpReport ("nog geen passende hulp")', () => {
  it("counts the organisation's measures at the peildatum and names the children without help in time that have an open request", async () => {
    const { f, database } = world;
    // Rulings: ofWorker1 1 Oct (due 1 Jan), ofWorker2 1 Sep (due 1 Dec), ofWorker3 1 Aug (due 1 Nov).
    // ofWorker3 got help on 15 Oct: in time. ofWorkerB is another organisation's.
    await database.db.insert(verwijzingen).values({
      id: randomUUID(),
      organisationId: f.orgA,
      caseId: f.cases.ofWorker3,
      status: 'gestart',
      productCategory: '45',
      productName: 'Ambulante jeugdhulp',
      need: 'Begeleiding thuis',
      urgency: 'regulier',
      gemeenteId: f.gemeenteId,
      helpDueDate: '2026-11-01',
      requestedBy: f.users.worker3.id,
      startedOn: '2026-10-15',
    });
    // ofWorker2 has no request yet: counted, but not named to support staff (not what a referral needs).
    const unnamed = await callerFor(database, f.users.support).verwijzingen.helpReport({
      peildatum: '2026-12-05',
    });
    expect(unnamed.total).toEqual({ total: 3, noHelp: 1, caseIds: [] });
    expect(unnamed.children).toEqual([]);
    expect(unnamed.unnamed).toBe(1);
    expect(JSON.stringify(unnamed)).not.toContain(f.cases.ofWorker2);

    // With an open request it is at the desk: named.
    const waiting = randomUUID();
    await database.db.insert(verwijzingen).values({
      id: waiting,
      organisationId: f.orgA,
      caseId: f.cases.ofWorker2,
      status: 'wachtlijst',
      productCategory: '45',
      productName: 'Ambulante jeugdhulp',
      need: 'Begeleiding thuis',
      urgency: 'regulier',
      gemeenteId: f.gemeenteId,
      helpDueDate: '2026-12-01',
      requestedBy: f.users.worker2.id,
    });
    const report = await callerFor(database, f.users.support).verwijzingen.helpReport({
      peildatum: '2026-12-05',
    });
    expect(report.total).toEqual({ total: 3, noHelp: 1, caseIds: [f.cases.ofWorker2] });
    expect(report.regions).toHaveLength(1);
    expect(report.regions[0]?.gemeenten).toEqual([
      { gemeente: 'Delft', cell: { total: 3, noHelp: 1, caseIds: [f.cases.ofWorker2] } },
    ]);
    // Each name leads to the child's request at the desk, with how far past the norm it is:
    // due 1 December, peildatum 5 December.
    expect(report.children).toEqual([
      {
        caseId: f.cases.ofWorker2,
        name: 'Bram Testkind',
        dueDate: '2026-12-01',
        daysOver: 4,
        requests: [{ id: waiting, status: 'wachtlijst', product: 'Ambulante jeugdhulp' }],
      },
    ]);
    expect(report.unnamed).toBe(0);
    const logged = await database.db
      .select({ procedure: accessLog.procedure })
      .from(accessLog)
      .where(and(eq(accessLog.caseId, f.cases.ofWorker2), eq(accessLog.userId, f.users.support.id)));
    expect(logged).toContainEqual({ procedure: 'verwijzingen.helpReport' });
  });

  it('is for support staff, and refuses a malformed peildatum', async () => {
    const { f, database } = world;
    await expect(
      callerFor(database, f.users.worker1).verwijzingen.helpReport({ peildatum: '2026-12-05' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(database, f.users.support).verwijzingen.helpReport({ peildatum: '5 december' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
