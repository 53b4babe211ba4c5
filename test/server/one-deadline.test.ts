/**
 * One deadline per child: under an organisation's own holiday policy (Goede Vrijdag off,
 * Bevrijdingsdag every year, an extra closing day), every screen and API shows a new child the
 * same date for a vaste jeugdbeschermer — the intake list, the waiting list, the team's and the
 * worker's caseload, the case file, the norms dashboard, and the phone, which gets the policy with
 * its pull and counts with it offline.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { normsOf } from '../../client/src/read-models/norms';
import { cases, jeugdigen, maatregelen, organisationSettings } from '../../server/db/schema';
import { DEFAULT_CASELOAD_NORM, DEFAULT_CASELOAD_WEIGHTS } from '../../shared/rules/caseload';
import { assignmentDueDate } from '../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';
import type { PulledRow, PulledRowOf, SyncEntity } from '../../shared/schemas/sync';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const POLICY: HolidayPolicy = { goedeVrijdag: true, bevrijdingsdag: 'yearly', extraDays: ['2025-04-22'] };
/** Maundy Thursday 2025: Goede Vrijdag, Easter Monday and the closing day fall in its five working days. */
const RULING = '2025-04-17';
const DUE = '2025-04-29';
const DEFAULT_DUE = '2025-04-25';
const at = (day: string) => ({ now: new Date(`${day}T10:00:00Z`) });

let caseId: string;

beforeAll(async () => {
  const { f, database } = world;
  await database.db.insert(organisationSettings).values({
    organisationId: f.orgA,
    caseloadNorm: DEFAULT_CASELOAD_NORM,
    caseloadWeights: DEFAULT_CASELOAD_WEIGHTS,
    holidayPolicy: POLICY,
  });
  // A new child of Team Een, without a worker yet.
  caseId = randomUUID();
  const jeugdigeId = randomUUID();
  const [child] = await database.db.select().from(jeugdigen).limit(1);
  if (!child) throw new Error('fixture without children');
  await database.db.insert(jeugdigen).values({
    ...child,
    id: jeugdigeId,
    firstName: 'Goede',
    lastName: 'Vrijdag',
    clientNumber: null,
    rowVersion: 0,
  });
  await database.db.insert(cases).values({
    id: caseId,
    organisationId: f.orgA,
    teamId: f.team1,
    jeugdigeId,
    status: 'instroom',
    openedOn: RULING,
  });
  await database.db.insert(maatregelen).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId,
    type: 'ots',
    court: 'Rechtbank Den Haag',
    rulingDate: RULING,
    startDate: RULING,
    endDate: '2026-04-17',
    status: 'lopend',
  });
});

describe('one deadline per child under a holiday policy of its own', () => {
  it('is a different day than the default policy gives, so the test can tell them apart', () => {
    expect(assignmentDueDate(RULING, POLICY)).toBe(DUE);
    expect(assignmentDueDate(RULING, DEFAULT_HOLIDAY_POLICY)).toBe(DEFAULT_DUE);
  });

  it('is the same on the intake list, the waiting list, the caseloads, the case file, the dashboard and the phone', async () => {
    const { f, database } = world;
    const lead = callerFor(database, f.users.lead1, at('2025-04-23'));

    const intake = await lead.intake.list();
    expect(intake.cases.find((c) => c.caseId === caseId)?.dueDate).toBe(DUE);

    const team = await lead.cases.team();
    expect(team.find((c) => c.caseId === caseId)?.norms.vasteJeugdbeschermer.dueDate).toBe(DUE);
    const leadFile = await lead.cases.file({ caseId });
    expect(leadFile.summary.norms.vasteJeugdbeschermer.dueDate).toBe(DUE);

    await lead.waitingList.place({
      caseId,
      triage: 'niet_acuut',
      riskOutcome: 'Geen acuut gevaar.',
      riskAssessedOn: '2025-04-23',
      riskInstrument: 'LIRIK',
      interimContactId: f.users.lead1.id,
      nextSafetyCheckOn: '2025-04-30',
    });
    const waiting = await lead.waitingList.list();
    expect(waiting.entries.find((e) => e.caseId === caseId)?.assignmentDue).toBe(DUE);

    // On Monday 28 April the default would already count it late; the organisation's policy does not.
    const monday = await callerFor(database, f.users.lead1, at('2025-04-28')).normsDashboard.board({});
    expect(monday.breaches.filter((b) => b.caseId === caseId)).toEqual([]);
    const wednesday = await callerFor(database, f.users.lead1, at('2025-04-30')).normsDashboard.board({});
    expect(
      wednesday.breaches.filter((b) => b.caseId === caseId && b.norm === 'vasteJeugdbeschermer'),
    ).toMatchObject([{ dueDate: DUE }]);

    await callerFor(database, f.users.lead1, at('2025-04-30')).waitingList.assign({
      caseId,
      userId: f.users.worker1.id,
    });
    const worker = callerFor(database, f.users.worker1, at('2025-04-30'));
    const mine = await worker.cases.mine();
    expect(mine.find((c) => c.caseId === caseId)?.norms.vasteJeugdbeschermer).toMatchObject({
      dueDate: DUE,
      state: 'te-laat-voldaan',
    });
    const file = await worker.cases.file({ caseId });
    expect(file.summary.norms.vasteJeugdbeschermer.dueDate).toBe(DUE);

    // The phone: the policy comes with the pull, and the phone's own rule counts with it.
    const rows: PulledRow[] = [];
    let cookie: string | null = null;
    let policy: HolidayPolicy | undefined;
    for (;;) {
      const page = await worker.sync.pull({ clientId: randomUUID(), cookie });
      rows.push(...page.rows);
      policy = page.holidayPolicy;
      cookie = page.cookie;
      if (!page.more) break;
    }
    expect(policy).toEqual(POLICY);
    const of = <E extends SyncEntity>(entity: E) =>
      (rows.filter((r) => r.entity === entity && r.caseId === caseId) as PulledRowOf<E>[]).map((r) => r.data);
    const phone = normsOf(
      of('maatregel')[0],
      of('assignment'),
      of('koers'),
      of('verwijzing'),
      '2025-04-30',
      policy ?? DEFAULT_HOLIDAY_POLICY,
    );
    expect(phone?.vasteJeugdbeschermer.dueDate).toBe(DUE);
  });

  it('reaches the phone again when the policy changes', async () => {
    const { f, database } = world;
    const worker = callerFor(database, f.users.worker1, at('2025-05-01'));
    const clientId = randomUUID();
    const first = await worker.sync.pull({ clientId, cookie: null });
    expect(first.holidayPolicy).toEqual(POLICY);
    const changed: HolidayPolicy = { ...POLICY, extraDays: [] };
    await callerFor(database, f.users.lead1, at('2025-05-01')).team.saveSettings({
      caseloadNorm: DEFAULT_CASELOAD_NORM,
      caseloadWeights: DEFAULT_CASELOAD_WEIGHTS,
      holidayPolicy: { ...changed, extraDays: [] },
    });
    let cookie = first.cookie;
    let more = first.more;
    while (more) {
      const page = await worker.sync.pull({ clientId, cookie });
      cookie = page.cookie;
      more = page.more;
    }
    const next = await worker.sync.pull({ clientId, cookie });
    expect(next.rows).toEqual([]);
    expect(next.holidayPolicy).toEqual(changed);
  });
});
