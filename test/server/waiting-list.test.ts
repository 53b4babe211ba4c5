import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { ACUTE_REFUSAL } from '../../server/services/waiting-list';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** A new child of team 1 without a vaste jeugdbeschermer (instroom). */
async function newChild(firstName: string, rulingDate: string) {
  const { db } = world.database;
  const { orgA, team1, gemeenteId } = world.f;
  const gezinId = randomUUID();
  const jeugdigeId = randomUUID();
  const caseId = randomUUID();
  await db
    .insert(t.gezinnen)
    .values({ id: gezinId, organisationId: orgA, name: `Gezin ${firstName}`, gemeenteId });
  await db.insert(t.jeugdigen).values({
    id: jeugdigeId,
    organisationId: orgA,
    gezinId,
    firstName,
    lastName: 'Wachtkind',
    birthDate: '2016-03-01',
    gemeenteId,
  });
  await db.insert(t.cases).values({
    id: caseId,
    organisationId: orgA,
    teamId: team1,
    jeugdigeId,
    status: 'instroom',
    openedOn: rulingDate,
  });
  await db.insert(t.maatregelen).values({
    id: randomUUID(),
    organisationId: orgA,
    caseId,
    type: 'ots',
    court: 'Rechtbank Den Haag',
    rulingDate,
    startDate: rulingDate,
    endDate: '2027-11-01',
    status: 'lopend',
  });
  return caseId;
}

const lead = () => callerFor(world.database, world.f.users.lead1);

const facts = () => ({
  triage: 'niet_acuut' as const,
  riskOutcome: 'Geen acuut gevaar; school signaleert verzuim',
  riskAssessedOn: '2026-11-23',
  riskInstrument: 'LIRIK',
  interimContactId: world.f.users.lead1.id,
  nextSafetyCheckOn: '2026-12-01',
  bridging: 'Wijkteam Delft houdt wekelijks contact',
});

describe('the waiting list (handelingswijze wachtlijsten)', () => {
  it('refuses an acute child: it is assigned at once, and then has a vaste jeugdbeschermer today', async () => {
    const caseId = await newChild('Acuut', '2026-11-23');
    await expect(lead().waitingList.place({ caseId, triage: 'acuut' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: ACUTE_REFUSAL,
    });
    await lead().waitingList.assign({ caseId, userId: world.f.users.worker2.id });
    const [row] = await world.database.db
      .select({ status: t.cases.status, rowVersion: t.cases.rowVersion })
      .from(t.cases)
      .where(eq(t.cases.id, caseId));
    expect(row?.status).toBe('actief');
    expect(row?.rowVersion).toBeGreaterThan(0);
    const assignments = await world.database.db
      .select({
        userId: t.caseAssignments.userId,
        role: t.caseAssignments.role,
        fromDate: t.caseAssignments.fromDate,
      })
      .from(t.caseAssignments)
      .where(eq(t.caseAssignments.caseId, caseId));
    expect(assignments).toEqual([{ userId: world.f.users.worker2.id, role: 'vast', fromDate: '2026-11-24' }]);
    // The worker's phone receives it at the next pull.
    const pulled = await callerFor(world.database, world.f.users.worker2).sync.pull({
      clientId: randomUUID(),
      cookie: null,
    });
    expect(pulled.rows.some((r) => r.caseId === caseId && r.entity === 'case')).toBe(true);
  });

  it('records a non-acute child with its risk assessment, interim contact and next safety check', async () => {
    const caseId = await newChild('Noor', '2026-11-16');
    await lead().waitingList.place({ caseId, ...facts() });
    const list = await lead().waitingList.list();
    const entry = list.entries.find((e) => e.caseId === caseId);
    expect(entry).toMatchObject({
      since: '2026-11-24',
      daysWaiting: 0,
      triage: 'niet_acuut',
      riskInstrument: 'LIRIK',
      interimContactName: 'lead1',
      nextSafetyCheckOn: '2026-12-01',
      safetyCheckDue: false,
      // Ruling on Monday 16 Nov: the 5 working days ended Monday 23 Nov.
      assignmentDue: '2026-11-23',
      pastNorm: true,
    });
    const [caseRow] = await world.database.db
      .select({ status: t.cases.status })
      .from(t.cases)
      .where(eq(t.cases.id, caseId));
    expect(caseRow?.status).toBe('wachtlijst');
    expect(list.candidates.some((c) => c.caseId === caseId)).toBe(false);
    const logged = await world.database.db
      .select({ action: t.accessLog.action, procedure: t.accessLog.procedure })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.caseId, caseId), eq(t.accessLog.userId, world.f.users.lead1.id)));
    expect(logged).toContainEqual({ action: 'list', procedure: 'waitingList.list' });
    expect(logged).toContainEqual({ action: 'update', procedure: 'waitingList.place' });
  });

  it('counts waiting in calendar days and flags a safety check that is due', async () => {
    const caseId = await newChild('Sem', '2026-11-20');
    await lead().waitingList.place({ caseId, ...facts(), nextSafetyCheckOn: '2026-11-26' });
    const later = callerFor(world.database, world.f.users.lead1, { now: new Date('2026-11-26T10:00:00Z') });
    const entry = (await later.waitingList.list()).entries.find((e) => e.caseId === caseId);
    expect(entry).toMatchObject({
      daysWaiting: 2,
      safetyCheckDue: true,
      assignmentDue: '2026-11-27',
      pastNorm: false,
    });
    await later.waitingList.update({ caseId, nextSafetyCheckOn: '2026-12-03', riskInstrument: 'ARIJ' });
    const after = (await later.waitingList.list()).entries.find((e) => e.caseId === caseId);
    expect(after).toMatchObject({
      safetyCheckDue: false,
      nextSafetyCheckOn: '2026-12-03',
      since: '2026-11-24',
    });
  });

  it('refuses a missing risk assessment, a past safety check and an interim contact outside the team', async () => {
    const caseId = await newChild('Fout', '2026-11-20');
    const { riskInstrument: _left, ...withoutInstrument } = facts();
    await expect(lead().waitingList.place({ caseId, ...withoutInstrument } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      lead().waitingList.place({ caseId, ...facts(), nextSafetyCheckOn: '2026-11-23' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      lead().waitingList.place({ caseId, ...facts(), interimContactId: world.f.users.worker3.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a text past its limit whole, naming the field, its length and the limit', async () => {
    const caseId = await newChild('Lang', '2026-11-20');
    const issuesOf = (e: {
      code: string;
      cause?: { issues?: { path: PropertyKey[]; message: string }[] };
    }) => ({
      code: e.code,
      issues: e.cause?.issues?.map((i) => [i.path.join('.'), i.message]),
    });
    expect(
      await lead()
        .waitingList.place({ caseId, ...facts(), riskOutcome: 'r'.repeat(640) })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['riskOutcome', 'De uitkomst van de risicotaxatie is te lang: 640 tekens, hoogstens 500.']],
    });
    expect(
      await lead()
        .waitingList.place({ caseId, ...facts(), bridging: 'b'.repeat(1001) })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['bridging', 'De overbrugging is te lang: 1001 tekens, hoogstens 1000.']],
    });
    await lead().waitingList.place({ caseId, ...facts() });
    expect(
      await lead()
        .waitingList.move({ caseId, direction: 'up', reason: 'm'.repeat(501) })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['reason', 'De reden voor de volgorde is te lang: 501 tekens, hoogstens 500.']],
    });
    expect(
      await lead()
        .waitingList.update({ caseId, riskInstrument: 'i'.repeat(81) })
        .catch(issuesOf),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [['riskInstrument', 'Het instrument is te lang: 81 tekens, hoogstens 80.']],
    });
  });

  it('keeps the order the team lead sets, with the reason', async () => {
    const first = await newChild('Eerste', '2026-11-20');
    const second = await newChild('Tweede', '2026-11-20');
    await lead().waitingList.place({ caseId: first, ...facts() });
    await lead().waitingList.place({ caseId: second, ...facts() });
    const before = (await lead().waitingList.list()).entries.map((e) => e.caseId);
    expect(before.indexOf(first)).toBeLessThan(before.indexOf(second));
    await expect(
      lead().waitingList.move({ caseId: second, direction: 'up', reason: '' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await lead().waitingList.move({
      caseId: second,
      direction: 'up',
      reason: 'Jongste kind, zorgen om veiligheid thuis',
    });
    const after = (await lead().waitingList.list()).entries;
    const ids = after.map((e) => e.caseId);
    expect(ids.indexOf(second)).toBe(ids.indexOf(first) - 1);
    expect(after.find((e) => e.caseId === second)?.priorityReason).toBe(
      'Jongste kind, zorgen om veiligheid thuis',
    );
  });

  it('assigns a waiting child when a worker has room: off the list, actief, logged', async () => {
    const caseId = await newChild('Plek', '2026-11-20');
    await lead().waitingList.place({ caseId, ...facts() });
    await lead().waitingList.assign({ caseId, userId: world.f.users.worker1.id });
    const list = await lead().waitingList.list();
    expect(list.entries.some((e) => e.caseId === caseId)).toBe(false);
    expect(list.candidates.some((c) => c.caseId === caseId)).toBe(false);
    const waiting = await world.database.db
      .select()
      .from(t.caseWaiting)
      .where(eq(t.caseWaiting.caseId, caseId));
    expect(waiting).toEqual([]);
    const logged = await world.database.db
      .select({ procedure: t.accessLog.procedure, reason: t.accessLog.reason })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.caseId, caseId), eq(t.accessLog.procedure, 'waitingList.assign')));
    expect(logged).toEqual([{ procedure: 'waitingList.assign', reason: 'toegewezen; van de wachtlijst af' }]);
    await expect(
      lead().waitingList.assign({ caseId, userId: world.f.users.worker2.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('keeps the day a child started waiting and its place when the triage is recorded again', async () => {
    const caseId = await newChild('Opnieuw', '2026-11-20');
    await lead().waitingList.place({ caseId, ...facts() });
    const first = (await lead().waitingList.list()).entries.find((e) => e.caseId === caseId);
    const later = callerFor(world.database, world.f.users.lead1, { now: new Date('2026-11-30T10:00:00Z') });
    await later.waitingList.place({
      caseId,
      ...facts(),
      riskOutcome: 'Hoger risico',
      nextSafetyCheckOn: '2026-12-02',
    });
    const again = (await later.waitingList.list()).entries.find((e) => e.caseId === caseId);
    expect(again).toMatchObject({
      since: '2026-11-24',
      daysWaiting: 6,
      riskOutcome: 'Hoger risico',
      priority: first?.priority,
    });
  });

  it('is for the team lead of the own team only', async () => {
    const caseId = await newChild('Buiten', '2026-11-20');
    await expect(
      callerFor(world.database, world.f.users.lead2).waitingList.place({ caseId, ...facts() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(world.database, world.f.users.worker1).waitingList.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await callerFor(world.database, world.f.users.lead2).waitingList.list();
    expect(other.candidates.some((c) => c.caseId === caseId)).toBe(false);
    expect(other.entries).toEqual([]);
  });
});
