import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aanbiederRegions,
  aanbieders,
  accessLog,
  gemeenten,
  koersen,
  regionArrangements,
  regions,
  verwijzingen,
  verwijzingStappen,
} from '../../server/db/schema';
import { csvCell, toCsv } from '../../server/services/csv';
import { emptyKoersContent } from '../../shared/schemas/koers';
import type { Product } from '../../shared/schemas/verwijzing';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

// "Today" in every call is 24 November 2026 (test/helpers/server.ts).
const ambulant: Product = { category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' };
const ids = {
  region2: randomUUID(),
  rotterdam: randomUUID(),
  zorgDelft: randomUUID(),
  horizon: randomUUID(),
  verWeg: randomUUID(),
  ggz: randomUUID(),
  gesloten: randomUUID(),
  goal: randomUUID(),
};
/** The requests of the queue tests, named by what makes each one differ. */
const q = {
  annaRegulier: randomUUID(),
  bramUrgent: randomUUID(),
  casVerlopen: randomUUID(),
  annaAcuut: randomUUID(),
  casGestart: randomUUID(),
  bramRegulier: randomUUID(),
  dewiOtherOrg: randomUUID(),
};

async function insertRequest(
  values: Partial<typeof verwijzingen.$inferInsert> & { id: string; caseId: string; organisationId: string },
) {
  const { f, database } = world;
  await database.db.insert(verwijzingen).values({
    status: 'ingediend',
    productCategory: '45',
    productName: 'Ambulante gezinsbegeleiding',
    productCode: '45A01',
    need: 'Ouders hebben hulp nodig bij structuur thuis.',
    urgency: 'regulier',
    gemeenteId: f.gemeenteId,
    helpDueDate: '2027-01-01',
    requestedBy: f.users.worker1.id,
    requestedAt: new Date('2026-11-20T09:00:00Z'),
    ...values,
  });
  return values.id;
}

const row = async (id: string) =>
  (await world.database.db.select().from(verwijzingen).where(eq(verwijzingen.id, id)))[0];
const historyOf = (id: string) =>
  world.database.db.select().from(verwijzingStappen).where(eq(verwijzingStappen.verwijzingId, id));

beforeAll(async () => {
  const { f, database } = world;
  const db = database.db;
  await db.insert(regions).values({ id: ids.region2, name: `Rijnmond ${ids.region2.slice(0, 6)}` });
  await db.insert(gemeenten).values({
    id: ids.rotterdam,
    name: 'Rotterdam',
    cbsCode: `r${ids.rotterdam.slice(0, 6)}`,
    regionId: ids.region2,
  });
  await db.insert(aanbieders).values([
    { id: ids.zorgDelft, name: 'Zorg Delft', agbCode: '12345678', products: [ambulant], waitWeeks: 6 },
    { id: ids.horizon, name: 'Horizon', agbCode: '22345678', products: [ambulant], waitWeeks: 8 },
    { id: ids.verWeg, name: 'Ver Weg', agbCode: '32345678', products: [ambulant], waitWeeks: 1 },
    {
      id: ids.ggz,
      name: 'GGZ Kind',
      agbCode: '42345678',
      products: [{ category: '54', code: '54001', name: 'Traumabehandeling' }],
      waitWeeks: 2,
    },
    { id: ids.gesloten, name: 'Gesloten BV', agbCode: '52345678', products: [ambulant], active: false },
  ]);
  await db.insert(aanbiederRegions).values([
    { aanbiederId: ids.zorgDelft, regionId: f.regionId },
    { aanbiederId: ids.horizon, regionId: f.regionId },
    { aanbiederId: ids.verWeg, regionId: ids.region2 },
    { aanbiederId: ids.ggz, regionId: f.regionId },
    { aanbiederId: ids.gesloten, regionId: f.regionId },
  ]);
  await db.insert(regionArrangements).values([
    {
      organisationId: f.orgA,
      regionId: f.regionId,
      consultation: 'email',
      contactPoint: 'jeugdhulpbepaling@delft.example',
      answerWorkdays: 5,
      expertteamContact: 'Expertteam Haaglanden',
    },
    { organisationId: f.orgB, regionId: f.regionId, consultation: 'geen', contactPoint: 'van GI Beta' },
  ]);
  await db.insert(koersen).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId: f.cases.ofWorker1,
    version: 1,
    status: 'vastgesteld',
    content: {
      ...emptyKoersContent(),
      doelen: [{ id: ids.goal, goal: 'Anna gaat elke dag naar school', actions: [], owner: 'moeder' }],
    },
    agreement: { gezin: true, jeugdige: true, netwerk: false, toelichting: '' },
    createdBy: f.users.worker1.id,
  });

  // Rulings: Anna 1 Oct (hulp uiterlijk 1 Jan), Bram 1 Sep (1 Dec), Cas 1 Aug (1 Nov).
  await insertRequest({ id: q.annaRegulier, caseId: f.cases.ofWorker1, organisationId: f.orgA });
  await insertRequest({
    id: q.bramUrgent,
    caseId: f.cases.ofWorker2,
    organisationId: f.orgA,
    status: 'wachtlijst',
    urgency: 'urgent',
    urgencyReason: 'Moeder kan het niet meer aan',
    helpDueDate: '2026-12-01',
    requestedAt: new Date('2026-10-01T09:00:00Z'),
    aanbiederId: ids.zorgDelft,
    bridging: { description: 'Wekelijks gesprek', provider: 'Wijkteam Delft', startedOn: '2026-10-10' },
    expectedStartOn: '2027-02-01',
  });
  await insertRequest({
    id: q.casVerlopen,
    caseId: f.cases.ofWorker3,
    organisationId: f.orgA,
    status: 'afgewezen',
    helpDueDate: '2026-11-01',
    gemeenteId: ids.rotterdam,
    requestedAt: new Date('2026-09-01T09:00:00Z'),
    requestedBy: f.users.worker3.id,
  });
  await insertRequest({
    id: q.annaAcuut,
    caseId: f.cases.ofWorker1,
    organisationId: f.orgA,
    status: 'aangemeld',
    urgency: 'acuut',
    urgencyReason: 'Onveilige situatie thuis',
    requestedAt: new Date('2026-11-23T09:00:00Z'),
    aanbiederId: ids.zorgDelft,
    goalIds: [ids.goal],
    preferredAanbiederIds: [ids.horizon],
    consent: 'gedeeltelijk',
    familyViews: 'Moeder wil hulp, vader twijfelt',
  });
  await insertRequest({
    id: q.casGestart,
    caseId: f.cases.ofWorker3,
    organisationId: f.orgA,
    status: 'gestart',
    helpDueDate: '2026-11-01',
    requestedAt: new Date('2026-09-01T09:00:00Z'),
    aanbiederId: ids.zorgDelft,
    startedOn: '2026-10-15',
  });
  await insertRequest({
    id: q.bramRegulier,
    caseId: f.cases.ofWorker2,
    organisationId: f.orgA,
    helpDueDate: '2026-12-01',
    requestedAt: new Date('2026-11-01T09:00:00Z'),
  });
  await insertRequest({
    id: q.dewiOtherOrg,
    caseId: f.cases.ofWorkerB,
    organisationId: f.orgB,
    requestedBy: f.users.workerB.id,
  });
});

describe('the referral desk queue', () => {
  it('sorts by urgency, then the nearest help-due date (court ruling first); only open requests of the organisation', async () => {
    const { f, database } = world;
    const queue = await callerFor(database, f.users.support).verwijzingen.queue();
    expect(queue.map((r) => r.id)).toEqual([
      q.annaAcuut,
      q.bramUrgent,
      q.casVerlopen,
      q.bramRegulier,
      q.annaRegulier,
    ]);
    expect(queue[1]).toMatchObject({
      jeugdigeName: 'Bram Testkind',
      gemeente: 'Delft',
      regionId: f.regionId,
      gemeenteId: f.gemeenteId,
      status: 'wachtlijst',
      rulingDate: '2026-09-01',
      helpDueDate: '2026-12-01',
      daysLeft: 7,
      waitDays: 54,
      escalation: 'geen',
      expectedStartOn: '2027-02-01',
      aanbieder: 'Zorg Delft',
      hasBridging: true,
    });
    expect(queue[2]).toMatchObject({ gemeente: 'Rotterdam', regionId: ids.region2, daysLeft: -23 });
    const listed = await database.db
      .select({ caseId: accessLog.caseId })
      .from(accessLog)
      .where(and(eq(accessLog.procedure, 'verwijzingen.queue'), eq(accessLog.action, 'list')));
    expect(new Set(listed.map((l) => l.caseId))).toEqual(
      new Set([f.cases.ofWorker1, f.cases.ofWorker2, f.cases.ofWorker3]),
    );
  });

  it('filters by region, gemeente, urgency, status, waiting days and norm', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    const idsOf = async (filter: Parameters<typeof desk.queue>[0]) =>
      (await desk.queue(filter)).map((r) => r.id);
    expect(await idsOf({ regionId: ids.region2 })).toEqual([q.casVerlopen]);
    expect(await idsOf({ gemeenteId: f.gemeenteId })).toEqual([
      q.annaAcuut,
      q.bramUrgent,
      q.bramRegulier,
      q.annaRegulier,
    ]);
    expect(await idsOf({ urgency: 'urgent' })).toEqual([q.bramUrgent]);
    expect(await idsOf({ status: 'gestart' })).toEqual([q.casGestart]);
    expect(await idsOf({ minWaitDays: 23 })).toEqual([q.bramUrgent, q.casVerlopen, q.bramRegulier]);
    expect(await idsOf({ minWaitDays: 24 })).toEqual([q.bramUrgent, q.casVerlopen]);
    expect(await idsOf({ norm: 'verlopen' })).toEqual([q.casVerlopen]);
    expect(await idsOf({ norm: 'binnenkort' })).toEqual([q.bramUrgent, q.bramRegulier]);
    expect(await idsOf({ norm: 'binnenkort', urgency: 'regulier' })).toEqual([q.bramRegulier]);
  });
});

describe('one request at the desk (verwijzingen.get)', () => {
  it('gives what handling the referral needs: child, gemeente, region and arrangement, request, goals, providers', async () => {
    const { f, database } = world;
    const detail = await callerFor(database, f.users.support).verwijzingen.get({ id: q.annaAcuut });
    expect(detail).toMatchObject({
      id: q.annaAcuut,
      status: 'aangemeld',
      child: { name: 'Anna Testkind', birthDate: '2015-06-01' },
      gemeente: { id: f.gemeenteId, name: 'Delft' },
      region: { id: f.regionId },
      arrangement: {
        consultation: 'email',
        contactPoint: 'jeugdhulpbepaling@delft.example',
        answerWorkdays: 5,
      },
      rulingDate: '2026-10-01',
      request: {
        productCategory: '45',
        productCategoryName: 'Jeugdhulp ambulant',
        productCode: '45A01',
        productName: 'Ambulante gezinsbegeleiding',
        need: 'Ouders hebben hulp nodig bij structuur thuis.',
        goals: [{ id: ids.goal, goal: 'Anna gaat elke dag naar school' }],
        urgency: 'acuut',
        urgencyReason: 'Onveilige situatie thuis',
        preferredAanbieders: [{ id: ids.horizon, name: 'Horizon' }],
        consent: 'gedeeltelijk',
        familyViews: 'Moeder wil hulp, vader twijfelt',
        helpDueDate: '2027-01-01',
        daysLeft: 38,
        requestedBy: 'worker1',
      },
      aanbieder: { id: ids.zorgDelft, name: 'Zorg Delft' },
      allowedSteps: ['accepteren', 'afwijzen', 'wachtlijst', 'intrekken'],
      escalationSummary: null,
    });
    // Preferred first, then the shortest wait; only active providers of category 45 in this region.
    expect(detail.providers.map((p) => [p.name, p.waitWeeks, p.preferred])).toEqual([
      ['Horizon', 8, true],
      ['Zorg Delft', 6, false],
    ]);
    const read = await database.db
      .select({ action: accessLog.action })
      .from(accessLog)
      .where(and(eq(accessLog.procedure, 'verwijzingen.get'), eq(accessLog.caseId, f.cases.ofWorker1)));
    expect(read).toEqual([{ action: 'read' }]);
  });

  it('shows support staff no contact report, here or in the case file; the case worker does read it', async () => {
    const { f, database } = world;
    const support = callerFor(database, f.users.support);
    const detail = await support.verwijzingen.get({ id: q.annaAcuut });
    expect(JSON.stringify(detail)).not.toContain('Verslag over Anna');
    // The case file is not theirs at all (need-to-know: the desk shows what the referral needs).
    await expect(support.cases.file({ caseId: f.cases.ofWorker1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const own = await callerFor(database, f.users.worker1).cases.file({ caseId: f.cases.ofWorker1 });
    expect(own.contacts.map((c) => c.report)).toContain('Verslag over Anna: geheim');
  });

  it('refuses another organisation’s request (and an unknown id) and logs the refusal', async () => {
    const { f, database } = world;
    const support = callerFor(database, f.users.support);
    await expect(support.verwijzingen.get({ id: q.dewiOtherOrg })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(support.verwijzingen.get({ id: randomUUID() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      support.verwijzingen.setBridging({
        verwijzingId: q.dewiOtherOrg,
        bridging: { description: 'x', provider: 'y', startedOn: '2026-11-24' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await row(q.dewiOtherOrg)).toMatchObject({ bridging: null });
    const refused = await database.db
      .select({ procedure: accessLog.procedure })
      .from(accessLog)
      .where(and(eq(accessLog.userId, f.users.support.id), eq(accessLog.result, 'geweigerd')));
    expect(refused.map((r) => r.procedure)).toEqual(
      expect.arrayContaining(['verwijzingen.get', 'verwijzingen.get', 'verwijzingen.setBridging']),
    );
    await expect(
      callerFor(database, f.users.worker1).verwijzingen.get({ id: q.annaAcuut }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('bridging, alternative offers and follow-up', () => {
  it('records bridging help while waiting: history, a new sync version, the phone pulls it', async () => {
    const { f, database } = world;
    const id = await insertRequest({ id: randomUUID(), caseId: f.cases.ofWorker1, organisationId: f.orgA });
    const phone = callerFor(database, f.users.worker1);
    const clientId = randomUUID();
    const before = await phone.sync.pull({ clientId, cookie: null });
    const versionBefore = (await row(id))?.rowVersion ?? 0;

    const bridging = {
      description: 'Wekelijks gesprek met moeder',
      provider: 'Wijkteam Delft',
      startedOn: '2026-11-25',
    };
    await callerFor(database, f.users.support).verwijzingen.setBridging({ verwijzingId: id, bridging });

    const after = await row(id);
    expect(after?.bridging).toEqual(bridging);
    expect(after?.rowVersion).toBeGreaterThan(versionBefore);
    expect(await historyOf(id)).toMatchObject([
      {
        step: 'overbrugging',
        fromStatus: 'ingediend',
        toStatus: 'ingediend',
        answer: 'Wijkteam Delft: Wekelijks gesprek met moeder',
        on: '2026-11-25',
        byUserId: f.users.support.id,
      },
    ]);
    const pulled = await phone.sync.pull({ clientId, cookie: before.cookie });
    expect(pulled.rows.some((r) => r.entity === 'verwijzing' && r.id === id)).toBe(true);
  });

  it('offers an alternative with no choice yet', async () => {
    const { f, database } = world;
    await callerFor(database, f.users.support).verwijzingen.offerAlternative({
      verwijzingId: q.bramUrgent,
      offer: 'Groepstraining opvoeden',
      aanbiederId: ids.horizon,
      expectedStartOn: '2026-12-15',
    });
    expect((await row(q.bramUrgent))?.alternative).toEqual({
      offer: 'Groepstraining opvoeden',
      aanbiederId: ids.horizon,
      expectedStartOn: '2026-12-15',
      offeredAt: '2026-11-24T10:00:00.000Z',
      choice: null,
      reason: '',
      decidedAt: null,
    });
    expect(await historyOf(q.bramUrgent)).toMatchObject([
      {
        step: 'alternatief',
        fromStatus: 'wachtlijst',
        toStatus: 'wachtlijst',
        answer: 'Groepstraining opvoeden',
      },
    ]);
    const detail = await callerFor(database, f.users.support).verwijzingen.get({ id: q.bramUrgent });
    expect(detail.alternative).toMatchObject({ aanbiederName: 'Horizon', choice: null });
  });

  it('refuses an event in the wrong status with the reason, and changes nothing', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    const before = await row(q.casGestart);
    await expect(
      desk.setBridging({
        verwijzingId: q.casGestart,
        bridging: { description: 'x', provider: 'Wijkteam', startedOn: '2026-11-24' },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'Dit (overbrugging) kan niet: de aanvraag is gestart; het vraagt een aanvraag waarvan de hulp nog niet is gestart.',
    });
    await expect(
      desk.offerAlternative({
        verwijzingId: q.casGestart,
        offer: 'Iets anders',
        aanbiederId: null,
        expectedStartOn: null,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('de aanvraag is gestart'),
    });
    await expect(
      desk.followUp({ verwijzingId: q.annaRegulier, note: 'Gebeld', nextOn: '2026-12-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Dit (opvolging) kan niet: de aanvraag is ingediend; het vraagt een opgeschaalde aanvraag.',
    });
    expect(await row(q.casGestart)).toEqual(before);
    expect(await historyOf(q.casGestart)).toEqual([]);
    expect(await historyOf(q.annaRegulier)).toEqual([]);
  });

  it('escalates with a prefilled summary of the attempts, sets the follow-up date, and tracks the follow-up', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    const id = await insertRequest({
      id: randomUUID(),
      caseId: f.cases.ofWorker2,
      organisationId: f.orgA,
      helpDueDate: '2026-12-01',
      need: 'Bram heeft traumabehandeling nodig.',
    });
    await desk.step({ verwijzingId: id, step: 'aanmelden', answer: '', aanbiederId: ids.zorgDelft });
    await desk.step({ verwijzingId: id, step: 'wachtlijst', answer: 'Wachttijd 14 weken', on: '2027-03-01' });
    await desk.setBridging({
      verwijzingId: id,
      bridging: { description: 'Gezinscoach', provider: 'Wijkteam Delft', startedOn: '2026-11-24' },
    });

    const detail = await desk.get({ id });
    expect(detail.allowedSteps).toContain('opschalen');
    expect(detail.escalationTarget).toBe('expertteam');
    expect(detail.history.map((h) => [h.step, h.by])).toEqual([
      ['aanmelden', 'support'],
      ['wachtlijst', 'support'],
      ['overbrugging', 'support'],
    ]);
    expect(detail.escalationSummary).toContain('Doorbraakverzoek aan het regionale expertteam');
    expect(detail.escalationSummary).toContain('Jeugdige: B.T., geboren 2015, gemeente Delft');
    expect(detail.escalationSummary).toContain('Nodig omdat: Bram heeft traumabehandeling nodig.');
    expect(detail.escalationSummary).toContain('Hulp uiterlijk: 1 december 2026 (nog 7 dagen)');
    expect(detail.escalationSummary).toContain('aangemeld bij Zorg Delft');
    expect(detail.escalationSummary).toContain(
      'op de wachtlijst bij Zorg Delft (verwachte start 1 maart 2027): Wachttijd 14 weken',
    );
    expect(detail.escalationSummary).toContain('Overbruggingshulp: Gezinscoach door Wijkteam Delft');

    await desk.step({
      verwijzingId: id,
      step: 'opschalen',
      answer: detail.escalationSummary ?? '',
      on: '2026-12-01',
    });
    expect(await row(id)).toMatchObject({
      status: 'opgeschaald',
      escalation: 'expertteam',
      followUpOn: '2026-12-01',
    });

    const versionBefore = (await row(id))?.rowVersion ?? 0;
    await desk.followUp({ verwijzingId: id, note: 'Expertteam belt de aanbieder', nextOn: '2026-12-08' });
    const after = await row(id);
    expect(after).toMatchObject({ followUpOn: '2026-12-08', status: 'opgeschaald' });
    expect(after?.rowVersion).toBeGreaterThan(versionBefore);
    const next = await desk.get({ id });
    expect(next.history.at(-1)).toMatchObject({
      step: 'opvolging',
      fromStatus: 'opgeschaald',
      toStatus: 'opgeschaald',
      answer: 'Expertteam belt de aanbieder',
      on: '2026-12-08',
    });
    expect(next.escalationTarget).toBe('ozj');
    expect(next.escalationSummary).toContain(
      'Doorbraakverzoek aan het Ondersteuningsteam Zorg voor de Jeugd (OZJ)',
    );
    expect(next.escalationSummary).toContain('opgeschaald naar het regionale expertteam');
  });
});

/** Rows of a CSV without the byte-order mark and the final line end (no cell here holds a line break). */
const csvRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));

describe('CSV exports', () => {
  it('escapes separators, quotes, line breaks and formula starts; numbers get a decimal comma', () => {
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5 dagen')).toBe("'-5 dagen");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(43.5)).toBe('43,5');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('\uFEFFa;1\r\nb;\r\n');
  });

  it('exports the queue as the screen lists it, and logs each child as exported', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    const filter = { gemeenteId: f.gemeenteId };
    const list = await desk.queue(filter);
    const { filename, csv } = await desk.exportCsv({ kind: 'queue', filter });
    expect(filename).toBe('verwijsbalie-wachtrij-2026-11-24.csv');
    const rows = csvRows(csv);
    expect(rows[0]?.slice(0, 5)).toEqual(['Jeugdige', 'Gemeente', 'Regio', 'Product', 'Status']);
    expect(rows.length - 1).toBe(list.length);
    expect(rows.slice(1).map((r) => [r[0], r[7], Number(r[9])])).toEqual(
      list.map((r) => [r.jeugdigeName, r.helpDueDate, r.waitDays]),
    );
    const exported = await database.db
      .select({ caseId: accessLog.caseId })
      .from(accessLog)
      .where(and(eq(accessLog.action, 'export'), eq(accessLog.userId, f.users.support.id)));
    expect(new Set(exported.map((e) => e.caseId))).toEqual(new Set(list.map((r) => r.caseId)));
  });

  it('exports "nog geen passende hulp" and waiting times with the numbers of the screen', async () => {
    const { f, database } = world;
    const desk = callerFor(database, f.users.support).verwijzingen;
    const peildatum = '2026-12-05';
    const report = await desk.helpReport({ peildatum });
    const helpRows = csvRows((await desk.exportCsv({ kind: 'helpReport', peildatum })).csv);
    expect(helpRows.at(-1)).toEqual([
      'Totaal',
      '',
      String(report.total.total),
      String(report.total.noHelp),
      report.children.map((c) => c.name).join(', '),
    ]);
    const gemeenteRows = report.regions.flatMap((r) =>
      r.gemeenten.map((g) => [r.region, g.gemeente, String(g.cell.total), String(g.cell.noHelp)]),
    );
    expect(
      helpRows
        .filter((r) => r[1] !== 'Regio totaal' && r[0] !== 'Totaal')
        .slice(1)
        .map((r) => r.slice(0, 4)),
    ).toEqual(gemeenteRows);

    const waiting = await desk.waitingReport({ peildatum });
    const waitRows = csvRows((await desk.exportCsv({ kind: 'waiting', peildatum })).csv);
    expect(waitRows.length).toBe(1 + waiting.byCategory.length + waiting.byProvider.length + 1);
    const zorgDelft = waiting.byProvider.find((g) => g.label === 'Zorg Delft');
    expect(zorgDelft?.started.count).toBe(1);
    expect(waitRows.find((r) => r[1] === 'Zorg Delft')?.slice(2)).toEqual(
      [
        zorgDelft?.started.count,
        zorgDelft?.started.medianDays,
        zorgDelft?.started.longestDays,
        zorgDelft?.waiting.count,
        zorgDelft?.waiting.medianDays,
        zorgDelft?.waiting.longestDays,
      ].map((n) => (n === null || n === undefined ? '' : String(n).replace('.', ','))),
    );
  });
});
