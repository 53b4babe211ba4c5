/**
 * Need-to-know per role (README, "Need-to-know per role"; server/services/projection.ts):
 * which fields each role receives, and for support staff which children — those with an open
 * request for help, not the organisation's files. The access matrix checks every procedure's
 * answers field by field; these tests prove the rules themselves, one behaviour each.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accessLog,
  beschikkingen,
  betrokkenen,
  koersen,
  maatregelen,
  verwijzingen,
} from '../../server/db/schema';
import {
  CASE_FILE_ROLES,
  mayRead,
  NEED_TO_KNOW,
  PULL_ROLES,
  project,
} from '../../server/services/projection';
import type { VerwijzingStatus } from '../../shared/schemas/verwijzing';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

async function request(caseId: string, status: VerwijzingStatus, goalIds: string[] = []) {
  const { f, database } = world;
  const id = randomUUID();
  await database.db.insert(verwijzingen).values({
    id,
    organisationId: f.orgA,
    caseId,
    status,
    productCategory: '45',
    productName: 'Ambulante gezinsbegeleiding',
    need: 'Structuur thuis',
    urgency: 'regulier',
    goalIds,
    gemeenteId: f.gemeenteId,
    helpDueDate: '2027-01-01',
    requestedBy: f.users.worker1.id,
  });
  return id;
}

describe('the need-to-know table', () => {
  it('keeps only the listed fields of a row, also inside JSON fields and lists', () => {
    const koers = {
      id: 'k1',
      status: 'vastgesteld',
      content: {
        zorgpunten: ['Ruzie thuis'],
        doelen: [{ id: 'g1', goal: 'Rust in huis', actions: ['Dagritme'], owner: 'Moeder' }],
      },
    };
    expect(project('ondersteuner', 'koers', koers)).toEqual({
      content: { doelen: [{ id: 'g1', goal: 'Rust in huis' }] },
    });
    expect(project('teamleider', 'koers', koers)).toEqual({ id: 'k1', status: 'vastgesteld' });
    expect(project('jeugdbeschermer', 'koers', koers)).toBe(koers);
    expect(project('beheerder', 'koers', koers)).toEqual({});
  });

  it('gives support staff no network, family, contact or ruling text, and no other koers field', () => {
    for (const entity of ['betrokkene', 'gezin', 'contact', 'beschikking', 'koersConflict'] as const) {
      expect(NEED_TO_KNOW.ondersteuner[entity], entity).toBeUndefined();
    }
    expect(mayRead('ondersteuner', 'koers', 'content.zorgpunten')).toBe(false);
    expect(mayRead('ondersteuner', 'koers', 'content.doelen.actions')).toBe(false);
    expect(mayRead('ondersteuner', 'koers', 'content.doelen.goal')).toBe(true);
    expect(mayRead('teamleider', 'betrokkene', 'note')).toBe(false);
    expect(mayRead('teamleider', 'betrokkene', 'phone')).toBe(true);
  });

  it('opens the bulk pull to the field role only, and the online case file to the roles whose need covers it', () => {
    expect(PULL_ROLES).toEqual(['jeugdbeschermer']);
    expect(CASE_FILE_ROLES).toEqual(['jeugdbeschermer', 'teamleider']);
  });
});

describe('support staff: what a referral needs, for children with an open request', () => {
  const ids = { open: '', closed: '', concept: '' };
  beforeAll(async () => {
    const { f } = world;
    ids.open = await request(f.cases.ofWorker1, 'wachtlijst');
    ids.closed = await request(f.cases.ofWorker2, 'beeindigd');
    ids.concept = await request(f.cases.ofWorker3, 'concept');
  });

  it('lists and opens the children with an open request, not those whose requests ended or were never sent', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    expect((await desk.queue()).map((r) => r.caseId)).toEqual([f.cases.ofWorker1]);
    // Not by asking for the ended ones either.
    expect(await desk.queue({ status: 'beeindigd' })).toEqual([]);
    await expect(desk.get({ id: ids.open })).resolves.toMatchObject({ caseId: f.cases.ofWorker1 });
    for (const id of [ids.closed, ids.concept]) {
      await expect(desk.get({ id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(desk.step({ verwijzingId: id, step: 'afstemmen', answer: 'x' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const refused = await database.db
      .select({ procedure: accessLog.procedure })
      .from(accessLog)
      .where(and(eq(accessLog.userId, f.users.support.id), eq(accessLog.result, 'geweigerd')));
    expect(refused.map((r) => r.procedure)).toEqual(
      expect.arrayContaining(['verwijzingen.get', 'verwijzingen.step']),
    );
  });

  it('loses the child once its last open request is withdrawn', async () => {
    const { f, database } = world;
    const child = await request(f.cases.ofWorker3, 'ingediend');
    const desk = callerFor(database, f.users.support).verwijzingen;
    await expect(desk.get({ id: child })).resolves.toBeTruthy();
    await database.db.update(verwijzingen).set({ status: 'ingetrokken' }).where(eq(verwijzingen.id, child));
    await expect(desk.get({ id: child })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sees of the koers only the text of the goals the request names', async () => {
    const { f, database } = world;
    const named = randomUUID();
    await database.db.insert(koersen).values({
      id: randomUUID(),
      organisationId: f.orgA,
      caseId: f.cases.ofWorker1,
      version: 1,
      status: 'vastgesteld',
      content: {
        zorgpunten: ['Geweld tussen ouders'],
        sterkePunten: [],
        visieGezin: '',
        ontwikkelingsbedreigingen: ['Onveilig thuis'],
        doelen: [
          { id: named, goal: 'Anna gaat elke dag naar school', actions: ['Wekker zetten'], owner: 'Moeder' },
          { id: randomUUID(), goal: 'Ouders praten zonder ruzie', actions: [], owner: 'Ouders' },
        ],
        veiligheidsafspraken: ['Vader komt niet in huis'],
        benodigdeHulp: [],
      },
      agreement: { gezin: true, jeugdige: true, netwerk: false, toelichting: '' },
      createdBy: f.users.worker1.id,
    });
    const id = await request(f.cases.ofWorker1, 'ingediend', [named]);
    const detail = await callerFor(database, f.users.support).verwijzingen.get({ id });
    expect(detail.request.goals).toEqual([{ id: named, goal: 'Anna gaat elke dag naar school' }]);
    const text = JSON.stringify(detail);
    for (const secret of [
      'Geweld tussen ouders',
      'Onveilig thuis',
      'Vader komt niet in huis',
      'Wekker zetten',
      'Ouders praten zonder ruzie',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('team leads: the team’s cases on line, not in bulk', () => {
  it('open a team case with the network’s contact details, without the network’s notes or the ruling’s text', async () => {
    const { f, database } = world;
    const [moeder] = await database.db
      .select({ gezinId: betrokkenen.gezinId })
      .from(betrokkenen)
      .where(eq(betrokkenen.name, 'Moeder van Bram'));
    if (!moeder) throw new Error('fixture: no network');
    await database.db
      .update(betrokkenen)
      .set({ phone: '06-12345678', note: 'Woont apart; bezoekregeling via de rechtbank.' })
      .where(eq(betrokkenen.gezinId, moeder.gezinId));
    const [measure] = await database.db
      .select({ id: maatregelen.id })
      .from(maatregelen)
      .where(eq(maatregelen.caseId, f.cases.ofWorker2));
    await database.db.insert(beschikkingen).values({
      id: randomUUID(),
      organisationId: f.orgA,
      maatregelId: measure?.id ?? '',
      kind: 'uitspraak',
      date: '2026-09-01',
      court: 'Rechtbank Den Haag',
      reference: 'C/09/1',
      summary: 'De rechtbank overweegt dat vader …',
    });
    const file = await callerFor(database, f.users.lead1).cases.file({ caseId: f.cases.ofWorker2 });
    expect(file.network[0]).toMatchObject({ name: 'Moeder van Bram', phone: '06-12345678' });
    const text = JSON.stringify(file);
    expect(text).not.toContain('bezoekregeling');
    expect(text).not.toContain('De rechtbank overweegt');
    // Every field the answer holds of these parts is in the team lead's list.
    const allowed = (entity: 'betrokkene' | 'beschikking' | 'maatregel') =>
      NEED_TO_KNOW.teamleider[entity] as readonly string[];
    for (const p of file.network)
      expect(allowed('betrokkene')).toEqual(expect.arrayContaining(Object.keys(p)));
    for (const b of file.beschikkingen)
      expect(allowed('beschikking')).toEqual(expect.arrayContaining(Object.keys(b)));
    for (const m of file.measures)
      expect(allowed('maatregel')).toEqual(expect.arrayContaining(Object.keys(m)));
  });
});
