/**
 * A measure's whole life on the server (services/measure-life.ts): each court
 * decision registered with its effect on the phone's pull, the caseload and
 * balance, the norms, the "nog geen passende hulp" report and the waiting
 * report; who may register it; and bad input refused with nothing written.
 * Fixed dates (today is 2026-12-06), so the suite does not depend on the calendar.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import type { MaatregelType } from '../../shared/schemas/maatregel';
import type { PulledRow } from '../../shared/schemas/sync';
import { logContactArgs } from '../helpers/contact-args';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-12-06T10:00:00Z');
const as = (user: FixtureUser, now = NOW) => callerFor(world.database, user, { now });

interface NewCase {
  type?: MaatregelType;
  rulingDate: string;
  endDate: string | null;
  worker?: FixtureUser | null;
  birthDate?: string;
  status?: 'instroom' | 'wachtlijst' | 'actief';
}

/** A child of team 1 with one running measure (and its worker, from the ruling). */
async function addCase(o: NewCase) {
  const { db } = world.database;
  const { f } = world;
  const ids = {
    gezin: randomUUID(),
    jeugdige: randomUUID(),
    caseId: randomUUID(),
    maatregelId: randomUUID(),
  };
  const worker = o.worker === undefined ? f.users.worker1 : o.worker;
  await db
    .insert(t.gezinnen)
    .values({ id: ids.gezin, organisationId: f.orgA, name: 'Gezin Test', gemeenteId: f.gemeenteId });
  await db.insert(t.jeugdigen).values({
    id: ids.jeugdige,
    organisationId: f.orgA,
    gezinId: ids.gezin,
    firstName: `Kind-${ids.caseId.slice(0, 6)}`,
    lastName: 'Levensloop',
    birthDate: o.birthDate ?? '2014-05-01',
    gemeenteId: f.gemeenteId,
  });
  await db.insert(t.cases).values({
    id: ids.caseId,
    organisationId: f.orgA,
    teamId: f.team1,
    jeugdigeId: ids.jeugdige,
    status: o.status ?? (worker ? 'actief' : 'instroom'),
    openedOn: o.rulingDate,
  });
  await db.insert(t.maatregelen).values({
    id: ids.maatregelId,
    organisationId: f.orgA,
    caseId: ids.caseId,
    type: o.type ?? 'ots',
    court: 'Rechtbank Den Haag',
    rulingDate: o.rulingDate,
    startDate: o.rulingDate,
    endDate: o.endDate,
    status: 'lopend',
  });
  if (worker) {
    await db.insert(t.caseAssignments).values({
      id: randomUUID(),
      organisationId: f.orgA,
      caseId: ids.caseId,
      userId: worker.id,
      role: 'vast',
      fromDate: o.rulingDate,
    });
  }
  // A request for help sent in and not started: the desk's report names the child (support staff
  // see the children with an open request, services/projection.ts); the help norm stays open.
  await db.insert(t.verwijzingen).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId: ids.caseId,
    status: 'ingediend',
    productCategory: 'ambulant',
    productName: 'Ambulante gezinsbegeleiding',
    need: 'Hulp bij opvoeden',
    urgency: 'regulier',
    gemeenteId: f.gemeenteId,
    helpDueDate: o.rulingDate,
    requestedBy: (worker ?? f.users.lead1).id,
  });
  return { caseId: ids.caseId, maatregelId: ids.maatregelId };
}

/** Everything a transition may write for a case, and the organisation's sync counter. */
async function written(caseId: string) {
  const { db } = world.database;
  const measures = await db.select().from(t.maatregelen).where(eq(t.maatregelen.caseId, caseId));
  return {
    measures,
    orders: measures.length
      ? await db
          .select()
          .from(t.beschikkingen)
          .where(
            inArray(
              t.beschikkingen.maatregelId,
              measures.map((m) => m.id),
            ),
          )
      : [],
    kase: await db.select().from(t.cases).where(eq(t.cases.id, caseId)),
    assignments: await db.select().from(t.caseAssignments).where(eq(t.caseAssignments.caseId, caseId)),
    requests: await db.select().from(t.verwijzingen).where(eq(t.verwijzingen.caseId, caseId)),
    version: await db
      .select({ v: t.organisationVersions.version })
      .from(t.organisationVersions)
      .where(eq(t.organisationVersions.organisationId, world.f.orgA)),
  };
}

async function pullAll(user: FixtureUser, clientId: string, cookie: string | null) {
  const rows: PulledRow[] = [];
  const removed: string[] = [];
  let current = cookie;
  for (;;) {
    const page = await as(user).sync.pull({ clientId, cookie: current });
    rows.push(...page.rows);
    removed.push(...page.removedCaseIds);
    current = page.cookie;
    if (!page.more) break;
  }
  return { rows, removed, cookie: current };
}

const logged = (caseId: string, procedure: string) =>
  world.database.db
    .select({ result: t.accessLog.result, userId: t.accessLog.userId })
    .from(t.accessLog)
    .where(and(eq(t.accessLog.caseId, caseId), eq(t.accessLog.procedure, procedure)));

const workerOf = async (user: FixtureUser) =>
  (await as(world.f.users.lead1).team.balance()).workers.find((w) => w.userId === user.id);

const contactArgs = (caseId: string, report: string) =>
  logContactArgs(caseId, { occurredAt: '2026-12-05T14:00:00+01:00', report });

describe('verlenging (extension)', () => {
  it('sets the new end date with the ruling as a beschikking, reaches the phone, and the extension deadline follows', async () => {
    // Ends 2027-01-20: the request was due 2026-11-25, so the norms board lists no upcoming one,
    // the phone shows it as "te laat". Extended until 2028-01-20: next request due 2027-11-25.
    const c = await addCase({ rulingDate: '2026-01-20', endDate: '2027-01-20' });
    const clientId = randomUUID();
    const first = await pullAll(world.f.users.worker1, clientId, null);
    const before = await as(world.f.users.worker1).cases.file({ caseId: c.caseId });

    const result = await as(world.f.users.worker1).measures.extend({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      rulingDate: '2026-12-01',
      endDate: '2028-01-20',
      reference: 'C/09/123456 / JE RK 26-1',
    });
    expect(result).toEqual({ endDate: '2028-01-20', requestBy: '2027-11-25' });

    const file = await as(world.f.users.worker1).cases.file({ caseId: c.caseId });
    expect(file.measures).toEqual([
      expect.objectContaining({ id: c.maatregelId, status: 'lopend', endDate: '2028-01-20', endedOn: null }),
    ]);
    expect(file.beschikkingen).toEqual([
      expect.objectContaining({ kind: 'verlenging', date: '2026-12-01', validUntil: '2028-01-20' }),
    ]);
    // The norms run on: an extension is the same measure, counted from the same ruling.
    expect(file.summary.norms).toEqual(before.summary.norms);
    expect(file.summary.measureEndDate).toBe('2028-01-20');

    const next = await pullAll(world.f.users.worker1, clientId, first.cookie);
    expect(next.rows.find((r) => r.entity === 'maatregel' && r.id === c.maatregelId)?.data).toMatchObject({
      endDate: '2028-01-20',
      status: 'lopend',
    });
    expect(next.rows.filter((r) => r.entity === 'beschikking' && r.caseId === c.caseId)).toHaveLength(1);
    expect(await logged(c.caseId, 'measures.extend')).toEqual([
      { result: 'toegestaan', userId: world.f.users.worker1.id },
    ]);
  });

  it("moves the norms board's upcoming extension request to the new end date", async () => {
    // Ends 2027-02-10: the request is due 2026-12-16, within the board's 14 days.
    const c = await addCase({ rulingDate: '2026-02-10', endDate: '2027-02-10' });
    const upcoming = async () =>
      (await as(world.f.users.lead1).normsDashboard.board({ groupBy: 'team' })).upcoming.filter(
        (u) => u.caseId === c.caseId,
      );
    expect(await upcoming()).toEqual([
      expect.objectContaining({ kind: 'verlenging', dueDate: '2026-12-16', measureEndDate: '2027-02-10' }),
    ]);
    await as(world.f.users.lead1).measures.extend({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      rulingDate: '2026-12-04',
      endDate: '2028-02-10',
    });
    expect(await upcoming()).toEqual([]);
  });
});

describe('omzetting (conversion)', () => {
  it('turns a voorlopige OTS into an OTS linked to it; the norms run on from the first ruling', async () => {
    // vOTS ruled 2026-08-20 (help due 2026-11-20); converted by the ruling of 2026-11-15.
    const c = await addCase({ type: 'vots', rulingDate: '2026-08-20', endDate: '2026-11-20' });
    const clientId = randomUUID();
    const first = await pullAll(world.f.users.worker1, clientId, null);
    const before = await as(world.f.users.worker1).cases.file({ caseId: c.caseId });

    const result = await as(world.f.users.worker1).measures.convert({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      toType: 'ots',
      rulingDate: '2026-11-15',
      endDate: '2027-11-15',
      court: 'Rechtbank Den Haag',
      zaaknummer: `C/09/${c.caseId.slice(0, 6)}`,
      outOfHomePlacement: false,
    });
    expect(result).toMatchObject({ endDate: '2027-11-15', normsFrom: '2026-08-20' });

    const file = await as(world.f.users.worker1).cases.file({ caseId: c.caseId });
    expect(file.measures).toEqual([
      expect.objectContaining({
        id: result.maatregelId,
        type: 'ots',
        status: 'lopend',
        previousMaatregelId: c.maatregelId,
        normsFrom: '2026-08-20',
      }),
      expect.objectContaining({
        id: c.maatregelId,
        type: 'vots',
        status: 'beeindigd',
        endedOn: '2026-11-14',
        endReason: 'omgezet',
      }),
    ]);
    expect(file.caseStatus).toBe('actief');
    expect(file.summary.maatregelType).toBe('ots');
    // Same deadlines as before the omzetting: counted from the vOTS ruling, not the OTS one.
    expect(file.summary.norms.passendeHulp.dueDate).toBe('2026-11-20');
    expect(file.summary.norms).toEqual(before.summary.norms);

    // The norms board: help was due 3 months after the vOTS ruling, so it is breached, not 3 months after the OTS.
    const board = await as(world.f.users.lead1).normsDashboard.board({ groupBy: 'team' });
    expect(board.breaches.filter((b) => b.caseId === c.caseId && b.norm === 'passendeHulp')).toEqual([
      expect.objectContaining({ dueDate: '2026-11-20', state: 'te-laat' }),
    ]);

    // The help report counts the child once, and as past the 3 months since the first ruling.
    const report = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-06' });
    expect(report.total.caseIds.filter((id) => id === c.caseId)).toEqual([c.caseId]);
    const onTheDay = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-11-15' });
    const before15 = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-11-14' });
    expect(onTheDay.total.total).toBe(before15.total.total);

    // The phone receives both measures as they are now.
    const next = await pullAll(world.f.users.worker1, clientId, first.cookie);
    const measures = next.rows.filter((r) => r.entity === 'maatregel' && r.caseId === c.caseId);
    expect(measures.map((r) => r.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: c.maatregelId, status: 'beeindigd', endReason: 'omgezet' }),
        expect.objectContaining({ type: 'ots', previousMaatregelId: c.maatregelId, normsFrom: '2026-08-20' }),
      ]),
    );
    expect(await logged(c.caseId, 'measures.convert')).toHaveLength(1);
  });

  it('turns an OTS into voogdij until the 18th birthday; the start phase does not weigh again', async () => {
    const c = await addCase({ rulingDate: '2025-06-01', endDate: '2027-06-01', birthDate: '2011-02-03' });
    const weightOf = async () =>
      (await workerOf(world.f.users.worker1))?.caseload.cases.find((x) => x.caseId === c.caseId);
    const before = await weightOf();
    const result = await as(world.f.users.lead1).measures.convert({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      toType: 'voogdij',
      rulingDate: '2026-12-02',
      endDate: null,
      court: 'Rechtbank Rotterdam',
      outOfHomePlacement: true,
    });
    expect(result).toMatchObject({ endDate: '2029-02-03', normsFrom: '2025-06-01' });
    const after = await weightOf();
    // Only the placement that came with it weighs more: no new start phase.
    expect(after?.factors.map((x) => x.factor)).not.toContain('startPhase');
    expect(after?.factors.map((x) => x.factor)).toContain('outOfHomePlacement');
    expect(before?.factors.map((x) => x.factor)).not.toContain('outOfHomePlacement');
  });
});

describe('beëindiging and closing the case', () => {
  it('closes the case when its last measure ends: it leaves the caseload, the balance, the phone and the help report', async () => {
    const c = await addCase({ rulingDate: '2026-03-01', endDate: '2027-03-01' });
    const worker = world.f.users.worker1;
    const clientId = randomUUID();
    const first = await pullAll(worker, clientId, null);
    expect(first.rows.some((r) => r.caseId === c.caseId)).toBe(true);
    const balanceBefore = await workerOf(worker);
    const reportBefore = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-06' });
    expect(reportBefore.total.caseIds).toContain(c.caseId); // past 3 months, no help
    const earlierBefore = await as(world.f.users.support).verwijzingen.helpReport({
      peildatum: '2026-12-04',
    });

    // Queued on the phone before it learns of the ending: a contact and a koers.
    const queuedContact = contactArgs(c.caseId, 'Laatste huisbezoek voor de beëindiging');
    const koersId = randomUUID();

    const result = await as(worker).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-12-04',
      reason: 'doel_bereikt',
    });
    expect(result).toEqual({ closed: true, closedOn: '2026-12-04' });

    const file = await as(world.f.users.lead1).cases.file({ caseId: c.caseId });
    expect(file).toMatchObject({ caseStatus: 'afgesloten', closedOn: '2026-12-04' });
    expect(file.measures[0]).toMatchObject({
      status: 'beeindigd',
      endedOn: '2026-12-04',
      endReason: 'doel_bereikt',
    });
    expect((await as(worker).cases.mine()).map((s) => s.caseId)).not.toContain(c.caseId);
    expect((await as(world.f.users.lead1).cases.team()).map((s) => s.caseId)).not.toContain(c.caseId);
    const balanceAfter = await workerOf(worker);
    expect(balanceAfter?.caseload.children).toBe((balanceBefore?.caseload.children ?? 0) - 1);
    expect(balanceAfter?.cases.map((x) => x.caseId)).not.toContain(c.caseId);
    const reportAfter = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-06' });
    expect(reportAfter.total.total).toBe(reportBefore.total.total - 1);
    expect(reportAfter.total.caseIds).not.toContain(c.caseId);
    // On a peildatum before the ending the child still counts: the report does not rewrite history.
    // (A closed file is no longer named at the desk, but it is counted as it was.)
    const earlier = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-04' });
    expect([earlier.total.total, earlier.total.noHelp]).toEqual([
      earlierBefore.total.total,
      earlierBefore.total.noHelp,
    ]);

    // The phone pushes what it queued first: the contact is kept, the koers refused with the reason.
    const pushed = await as(worker).sync.push({
      clientId,
      mutations: [
        { id: 1, name: 'logContact', args: queuedContact },
        { id: 2, name: 'startKoers', args: { id: koersId, caseId: c.caseId } },
      ],
    });
    expect(pushed).toEqual({
      status: 'ok',
      lastMutationId: 2,
      outcomes: [
        { id: 1, status: 'toegepast' },
        {
          id: 2,
          status: 'geweigerd',
          reason:
            'Het dossier is afgesloten op 4 december 2026: de maatregel is beëindigd. Deze wijziging is niet meer verwerkt.',
        },
      ],
    });
    const stored = await world.database.db
      .select({ report: t.contacts.report })
      .from(t.contacts)
      .where(eq(t.contacts.id, queuedContact.id));
    expect(stored).toEqual([{ report: queuedContact.report }]);
    expect(await world.database.db.select().from(t.koersen).where(eq(t.koersen.id, koersId))).toEqual([]);
    // …then pulls: the case leaves the phone.
    const next = await pullAll(worker, clientId, first.cookie);
    expect(next.removed).toEqual([c.caseId]);
    expect(next.rows.some((r) => r.caseId === c.caseId)).toBe(false);
    expect(await logged(c.caseId, 'measures.end')).toEqual([{ result: 'toegestaan', userId: worker.id }]);
  });

  it("refuses a closed case's contact from a worker who did not carry it at the end", async () => {
    const c = await addCase({ rulingDate: '2026-03-01', endDate: '2027-03-01' });
    await as(world.f.users.lead1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-12-01',
      reason: 'andere_gi',
    });
    const args = contactArgs(c.caseId, 'Niet mijn dossier');
    const pushed = await as(world.f.users.worker2).sync.push({
      clientId: randomUUID(),
      mutations: [{ id: 1, name: 'logContact', args }],
    });
    expect(pushed).toMatchObject({
      outcomes: [{ id: 1, status: 'geweigerd', reason: expect.stringContaining('geen toegang') }],
    });
    expect(await world.database.db.select().from(t.contacts).where(eq(t.contacts.id, args.id))).toEqual([]);
  });

  it('keeps the case open while another measure runs, and the ended measure leaves the figures', async () => {
    const c = await addCase({ type: 'jeugdreclassering', rulingDate: '2026-01-05', endDate: '2027-01-05' });
    const other = randomUUID();
    await world.database.db.insert(t.maatregelen).values({
      id: other,
      organisationId: world.f.orgA,
      caseId: c.caseId,
      type: 'ots',
      court: 'Rechtbank Den Haag',
      rulingDate: '2026-04-01',
      startDate: '2026-04-01',
      endDate: '2027-04-01',
      status: 'lopend',
    });
    const weightOf = async () =>
      (await workerOf(world.f.users.worker1))?.caseload.cases.find((x) => x.caseId === c.caseId);
    expect((await weightOf())?.factors.map((x) => x.factor)).toContain('jeugdreclassering');
    const result = await as(world.f.users.worker1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-11-30',
      reason: 'opgeheven',
    });
    expect(result).toEqual({ closed: false, closedOn: null });
    expect((await weightOf())?.factors.map((x) => x.factor)).not.toContain('jeugdreclassering');
    const file = await as(world.f.users.worker1).cases.file({ caseId: c.caseId });
    expect(file.caseStatus).toBe('actief');
    expect(file.beschikkingen).toEqual([
      expect.objectContaining({ kind: 'beeindiging', date: '2026-11-30' }),
    ]);
    const report = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-06' });
    expect(report.total.caseIds.filter((id) => id === c.caseId)).toHaveLength(1); // the OTS only
  });

  it('withdraws help not yet started, so it leaves the waiting report and the desk queue', async () => {
    const c = await addCase({ rulingDate: '2026-03-01', endDate: '2027-03-01' });
    const requestId = randomUUID();
    await world.database.db.insert(t.verwijzingen).values({
      id: requestId,
      organisationId: world.f.orgA,
      caseId: c.caseId,
      status: 'wachtlijst',
      productCategory: '45',
      productName: 'Ambulante jeugdhulp',
      need: 'Begeleiding thuis',
      urgency: 'regulier',
      gemeenteId: world.f.gemeenteId,
      helpDueDate: '2026-06-01',
      requestedBy: world.f.users.worker1.id,
      requestedAt: new Date('2026-04-01T10:00:00Z'),
    });
    const waiting = async () =>
      (await as(world.f.users.support).verwijzingen.waitingReport({ peildatum: '2026-12-06' })).total.waiting
        .count;
    const queued = async () => (await as(world.f.users.support).verwijzingen.queue({})).map((r) => r.id);
    const waitingBefore = await waiting();
    expect(await queued()).toContain(requestId);

    await as(world.f.users.worker1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-12-06',
      reason: 'overig',
      reasonText: 'Gezin naar het buitenland vertrokken',
    });
    expect(await waiting()).toBe(waitingBefore - 1);
    expect(await queued()).not.toContain(requestId);
    const [request] = (await written(c.caseId)).requests;
    expect(request).toMatchObject({ status: 'ingetrokken' });
    const [step] = await world.database.db
      .select({ step: t.verwijzingStappen.step, answer: t.verwijzingStappen.answer })
      .from(t.verwijzingStappen)
      .where(eq(t.verwijzingStappen.verwijzingId, requestId));
    expect(step).toEqual({
      step: 'intrekken',
      answer: 'De maatregel is beëindigd; het dossier is afgesloten.',
    });
    expect((await written(c.caseId)).measures[0]).toMatchObject({
      endReason: 'overig',
      endReasonText: 'Gezin naar het buitenland vertrokken',
    });
  });

  it('takes a child off the waiting list when the measure ends before anyone was assigned', async () => {
    const c = await addCase({
      rulingDate: '2026-11-20',
      endDate: '2027-11-20',
      worker: null,
      status: 'wachtlijst',
    });
    await world.database.db.insert(t.caseWaiting).values({
      caseId: c.caseId,
      organisationId: world.f.orgA,
      since: '2026-11-27',
      triage: 'niet_acuut',
    });
    const onList = async () =>
      (await as(world.f.users.lead1).waitingList.list()).entries.map((e) => e.caseId).includes(c.caseId);
    expect(await onList()).toBe(true);
    await as(world.f.users.lead1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-12-03',
      reason: 'opgeheven',
    });
    expect(await onList()).toBe(false);
  });
});

describe('a lapsed measure (verlopen)', () => {
  it('leaves the help report at its end date, stays on the caseload until registered, then closes the case', async () => {
    const c = await addCase({ rulingDate: '2025-11-20', endDate: '2026-11-30' });
    const report = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-12-06' });
    expect(report.total.caseIds).not.toContain(c.caseId);
    const onTheLastDay = await as(world.f.users.support).verwijzingen.helpReport({ peildatum: '2026-11-30' });
    expect(onTheLastDay.total.caseIds).toContain(c.caseId);
    // Not silently kept as running, nor silently dropped: the worker still has it, to register it.
    expect((await as(world.f.users.worker1).cases.mine()).map((s) => s.caseId)).toContain(c.caseId);

    await expect(
      as(world.f.users.worker1).measures.end({
        caseId: c.caseId,
        maatregelId: c.maatregelId,
        endedOn: '2026-12-06',
        reason: 'verlopen',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Een verlopen maatregel eindigt op zijn einddatum (30 november 2026).',
    });
    const result = await as(world.f.users.worker1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-11-30',
      reason: 'verlopen',
    });
    expect(result).toEqual({ closed: true, closedOn: '2026-11-30' });
    expect((await as(world.f.users.worker1).cases.mine()).map((s) => s.caseId)).not.toContain(c.caseId);
  });
});

describe('bad input', () => {
  const refusedWithNothingWritten = async (
    caseId: string,
    call: () => Promise<unknown>,
    message: string,
    field: string,
  ) => {
    const before = await written(caseId);
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message });
    expect((error as { cause?: { issues?: { path: string[] }[] } }).cause?.issues?.[0]?.path).toEqual([
      field,
    ]);
    expect(await written(caseId)).toEqual(before);
  };

  it('refuses an extension whose end date lies before the ruling', async () => {
    const c = await addCase({ rulingDate: '2026-01-10', endDate: '2027-01-10' });
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.worker1).measures.extend({
          caseId: c.caseId,
          maatregelId: c.maatregelId,
          rulingDate: '2026-12-01',
          endDate: '2026-11-01',
        }),
      'De nieuwe einddatum ligt niet na de uitspraak.',
      'endDate',
    );
  });

  it('refuses an extension of an ended measure', async () => {
    const c = await addCase({ type: 'jeugdreclassering', rulingDate: '2026-01-10', endDate: '2027-01-10' });
    await world.database.db.insert(t.maatregelen).values({
      id: randomUUID(),
      organisationId: world.f.orgA,
      caseId: c.caseId,
      type: 'ots',
      court: 'Rechtbank Den Haag',
      rulingDate: '2026-02-01',
      startDate: '2026-02-01',
      endDate: '2027-02-01',
      status: 'lopend',
    });
    await as(world.f.users.worker1).measures.end({
      caseId: c.caseId,
      maatregelId: c.maatregelId,
      endedOn: '2026-11-01',
      reason: 'opgeheven',
    });
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.worker1).measures.extend({
          caseId: c.caseId,
          maatregelId: c.maatregelId,
          rulingDate: '2026-12-01',
          endDate: '2027-12-01',
        }),
      'Deze maatregel is op 1 november 2026 beëindigd; een beëindigde maatregel kan niet worden verlengd.',
      'measure',
    );
  });

  it('refuses a beëindiging dated in the future', async () => {
    const c = await addCase({ rulingDate: '2026-01-10', endDate: '2027-01-10' });
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.lead1).measures.end({
          caseId: c.caseId,
          maatregelId: c.maatregelId,
          endedOn: '2026-12-07',
          reason: 'doel_bereikt',
        }),
      'De datum van beëindiging ligt in de toekomst: registreer een beëindiging als die is ingegaan.',
      'endedOn',
    );
  });

  it('refuses an omzetting of the wrong type', async () => {
    const c = await addCase({ type: 'vots', rulingDate: '2026-10-01', endDate: '2026-12-31' });
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.worker1).measures.convert({
          caseId: c.caseId,
          maatregelId: c.maatregelId,
          toType: 'voogdij',
          rulingDate: '2026-12-01',
          court: 'Rechtbank Den Haag',
          outOfHomePlacement: false,
        }),
      'Een voorlopige OTS kan niet worden omgezet in voogdij. Mogelijk zijn: voorlopige OTS → OTS en OTS → voogdij.',
      'toType',
    );
  });

  it("refuses an omzetting under a zaaknummer already registered, and another case's measure", async () => {
    const c = await addCase({ type: 'vots', rulingDate: '2026-10-01', endDate: '2026-12-31' });
    const other = await addCase({ rulingDate: '2026-10-01', endDate: '2027-10-01' });
    await world.database.db
      .update(t.maatregelen)
      .set({ zaaknummer: `Z-${other.caseId}` })
      .where(eq(t.maatregelen.id, other.maatregelId));
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.worker1).measures.convert({
          caseId: c.caseId,
          maatregelId: c.maatregelId,
          toType: 'ots',
          rulingDate: '2026-12-01',
          endDate: '2027-12-01',
          court: 'Rechtbank Den Haag',
          zaaknummer: `Z-${other.caseId}`,
          outOfHomePlacement: false,
        }),
      `Zaaknummer Z-${other.caseId} is al geregistreerd.`,
      'zaaknummer',
    );
    await refusedWithNothingWritten(
      c.caseId,
      () =>
        as(world.f.users.worker1).measures.end({
          caseId: c.caseId,
          maatregelId: other.maatregelId,
          endedOn: '2026-12-01',
          reason: 'doel_bereikt',
        }),
      'Deze maatregel hoort niet bij dit dossier.',
      'measure',
    );
  });
});

describe('who may register a decision', () => {
  it('is the jeugdbeschermer of the case and the team lead of its team; everyone else is refused and logged', async () => {
    const c = await addCase({ rulingDate: '2026-01-10', endDate: '2027-01-10' });
    const { users } = world.f;
    const end = (user: FixtureUser) =>
      as(user).measures.end({
        caseId: c.caseId,
        maatregelId: c.maatregelId,
        endedOn: '2026-12-01',
        reason: 'doel_bereikt',
      });
    for (const user of [users.worker2, users.lead2, users.support, users.admin, users.workerB]) {
      await expect(end(user)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const refusals = (await logged(c.caseId, 'measures.end')).filter((r) => r.result === 'geweigerd');
    expect(refusals.map((r) => r.userId).sort()).toEqual(
      [users.worker2, users.lead2, users.support, users.admin, users.workerB].map((u) => u.id).sort(),
    );
    expect((await written(c.caseId)).measures[0]?.status).toBe('lopend');
    await expect(end(users.lead1)).resolves.toEqual({ closed: true, closedOn: '2026-12-01' });
  });
});
