/**
 * The documents the app writes (issue 21), opened as a reader would: the DOCX unzipped and its XML
 * read, the PDF's text extracted. Each finds the facts of a hand-built case and not what its
 * reader may not see; every generation is in the access log as an export; need-to-know holds.
 */
import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import PizZip from 'pizzip';
import { beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { buildDefaultExtensionTemplate } from '../../server/services/documents/default-template';
import { StepUpRequired } from '../../server/services/step-up';
import type { KoersContent } from '../../shared/schemas/koers';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');

const GOAL_ID = randomUUID();
const CONTENT: KoersContent = {
  zorgpunten: ['ZORGPUNT-DOSSIER moeder drinkt'],
  sterkePunten: ['Anna gaat graag naar school'],
  visieGezin: 'Wij willen rust in huis.',
  ontwikkelingsbedreigingen: ['BEDREIGING-INTERN onveilige opvoedsituatie'],
  doelen: [
    {
      id: GOAL_ID,
      goal: 'Anna gaat elke dag naar school',
      actions: ['Moeder brengt Anna om half negen'],
      owner: 'Moeder en de mentor',
    },
  ],
  veiligheidsafspraken: ['Bij ruzie belt moeder oma Els'],
  benodigdeHulp: ['Opvoedondersteuning thuis'],
};

async function pdfText(base64: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({
    data: new Uint8Array(Buffer.from(base64, 'base64')),
    useSystemFonts: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** The text of a DOCX: its document.xml's runs, without the markup. */
function docxText(base64: string): string {
  const zip = new PizZip(Buffer.from(base64, 'base64'));
  const xml = zip.file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}

async function logged(caseId: string, procedure: string) {
  return world.database.db
    .select({ action: t.accessLog.action, result: t.accessLog.result, role: t.accessLog.role })
    .from(t.accessLog)
    .where(and(eq(t.accessLog.caseId, caseId), eq(t.accessLog.procedure, procedure)));
}

const worker = () => callerFor(world.database, world.f.users.worker1, { now: NOW });
const lead = () => callerFor(world.database, world.f.users.lead1, { now: NOW });

beforeAll(async () => {
  const { db } = world.database;
  const { f } = world;
  const caseId = f.cases.ofWorker1;
  const [measure] = await db.select().from(t.maatregelen).where(eq(t.maatregelen.caseId, caseId));
  if (!measure) throw new Error('no measure');
  await db
    .update(t.maatregelen)
    .set({ zaaknummer: 'C/09/123456', endDate: '2027-01-10' })
    .where(eq(t.maatregelen.id, measure.id));
  await db.insert(t.beschikkingen).values([
    {
      id: randomUUID(),
      organisationId: f.orgA,
      maatregelId: measure.id,
      kind: 'verlenging',
      date: '2026-01-05',
      validUntil: '2027-01-10',
      court: 'Rechtbank Den Haag',
      reference: 'VERL-2026-01',
    },
  ]);
  await db.insert(t.koersen).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId,
    version: 1,
    status: 'vastgesteld',
    content: CONTENT,
    agreement: {
      gezin: true,
      jeugdige: true,
      netwerk: false,
      toelichting: 'TOELICHTING-INTERN vader niet bereikt',
    },
    evaluationDate: '2027-02-01',
    agreedOn: '2026-11-02',
    createdBy: f.users.worker1.id,
  });
  await db.insert(t.verwijzingen).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId,
    status: 'wachtlijst',
    productCategory: '45',
    productName: 'Ambulante gezinsbegeleiding',
    need: 'Steun bij opvoeden',
    goalIds: [GOAL_ID],
    urgency: 'regulier',
    gemeenteId: f.gemeenteId,
    helpDueDate: '2027-01-01',
    requestedBy: f.users.worker1.id,
    requestedAt: new Date('2026-10-20T09:00:00Z'),
    expectedStartOn: '2027-01-15',
    bridging: { description: 'Wijkteam komt wekelijks', provider: 'Wijkteam Delft', startedOn: '2026-11-01' },
  });
});

describe("the family's copy of the koers", () => {
  it('has the goals, actions and who does what, in plain Dutch, without the internal fields', async () => {
    const doc = await worker().documents.koersCopy({ caseId: world.f.cases.ofWorker1, for: 'gezin' });
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.filename).toBe('koers-gezin-2026-11-24.pdf');
    const text = await pdfText(doc.base64);
    for (const fact of [
      'De koers voor Anna',
      'Anna gaat elke dag naar school',
      'Moeder brengt Anna om half negen',
      'Wie doet dit: Moeder en de mentor',
      'Bij ruzie belt moeder oma Els',
      'Opvoedondersteuning thuis',
      'Anna gaat graag naar school',
      'Wij willen rust in huis.',
      '1 februari 2027',
    ])
      expect(text).toContain(fact);
    for (const internal of [
      'ZORGPUNT-DOSSIER',
      'BEDREIGING-INTERN',
      'TOELICHTING-INTERN',
      'geheim',
      'C/09/123456',
    ])
      expect(text).not.toContain(internal);
    expect(await logged(world.f.cases.ofWorker1, 'documents.koersCopy')).toContainEqual({
      action: 'export',
      result: 'toegestaan',
      role: 'jeugdbeschermer',
    });
  });

  it('gives the child its own copy only from 12 and when the organisation enables it', async () => {
    const caseId = world.f.cases.ofWorker1;
    const ask = () => worker().documents.koersCopy({ caseId, for: 'jeugdige' });
    await expect(ask()).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Uw organisatie geeft (nog) geen eigen kopie van de koers aan de jeugdige',
    });
    await callerFor(world.database, world.f.users.admin, { now: NOW }).documents.saveSettings({
      childCopyFrom12: true,
      secondReader: 'geen',
    });
    // Anna (born 1 June 2015) is 11.
    await expect(ask()).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Een eigen kopie van de koers is voor een jeugdige van 12 jaar of ouder',
    });
    const [c] = await world.database.db.select().from(t.cases).where(eq(t.cases.id, caseId));
    await world.database.db
      .update(t.jeugdigen)
      .set({ birthDate: '2014-06-01' })
      .where(eq(t.jeugdigen.id, c?.jeugdigeId ?? ''));
    const text = await pdfText((await ask()).base64);
    expect(text).toContain('Jouw koers, Anna');
    expect(text).toContain('Anna gaat elke dag naar school');
    expect(text).not.toContain('BEDREIGING-INTERN');
    expect(text).not.toContain('ZORGPUNT-DOSSIER');
  });

  it('is refused to the team lead, who may not read the koers itself, and to other roles', async () => {
    const caseId = world.f.cases.ofWorker1;
    await expect(lead().documents.koersCopy({ caseId, for: 'gezin' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message:
        'De kopie van de koers maakt de jeugdbeschermer: als teamleider ziet u de inhoud van de koers niet',
    });
    for (const user of [world.f.users.support, world.f.users.admin]) {
      await expect(
        callerFor(world.database, user, { now: NOW }).documents.koersCopy({ caseId, for: 'gezin' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: `Alleen voor jeugdbeschermer of teamleider; u bent ingelogd als ${user.role}`,
      });
    }
    // Another worker of the same team: not their case.
    await expect(
      callerFor(world.database, world.f.users.worker2, { now: NOW }).documents.koersCopy({
        caseId,
        for: 'gezin',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
    // The team lead's refusal is logged as a refused export of this child.
    expect(await logged(caseId, 'documents.koersCopy')).toContainEqual({
      action: 'export',
      result: 'geweigerd',
      role: 'teamleider',
    });
  });
});

describe('the extension request', () => {
  it('fills the default template with the child, measure, threat, goals, help, norms and empty views', async () => {
    const caseId = world.f.cases.ofWorker1;
    const doc = await worker().documents.extensionRequest({ caseId });
    expect(doc.filename).toBe('verzoek-verlenging-2026-11-24.docx');
    const text = docxText(doc.base64);
    for (const fact of [
      'Verzoek tot verlenging van de ondertoezichtstelling (OTS)',
      'Naam: Anna Testkind',
      'Gezagsdragers: Moeder van Anna (moeder)',
      'Zaaknummer: C/09/123456',
      'Loopt tot: 10 januari 2027',
      // Eight weeks before the end date.
      'Verzoek uiterlijk indienen: 15 november 2026',
      'Beschikking van 5 januari 2026 (VERL-2026-01), geldig tot 10 januari 2027',
      'BEDREIGING-INTERN onveilige opvoedsituatie',
      'Doel: Anna gaat elke dag naar school',
      'Wie: Moeder en de mentor',
      'Sinds: koers versie 1, vastgesteld 2 november 2026',
      'Ambulante gezinsbegeleiding: Wachtlijst',
      'Overbrugging: Wijkteam komt wekelijks door Wijkteam Delft sinds 1 november 2026.',
      'verwachte start 15 januari 2027',
      'Tijdig een vaste jeugdbeschermer: uiterlijk',
      'Tijdig een gedragen koers: uiterlijk 12 november 2026; voldaan op 2 november 2026',
      'Tijdig passende hulp: uiterlijk 1 januari 2027; nog niet voldaan',
      'huisbezoek: Verslag over Anna: geheim',
      'Opgesteld door worker1, GI Alfa, op 24 november 2026.',
    ])
      expect(text).toContain(fact);
    // The family's and child's view and the assessment are the worker's to write.
    expect(text.match(/\[Nog invullen door de jeugdbeschermer\]/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text).not.toMatch(/\{[a-z_#/]+\}/);
    expect(text).not.toContain('undefined');
    expect(await logged(caseId, 'documents.extensionRequest')).toContainEqual({
      action: 'export',
      result: 'toegestaan',
      role: 'jeugdbeschermer',
    });
  });

  it("gives the team lead the parts of the team lead's need, and says where the koers is left out", async () => {
    const text = docxText(
      (await lead().documents.extensionRequest({ caseId: world.f.cases.ofWorker1 })).base64,
    );
    expect(text).toContain('Naam: Anna Testkind');
    expect(text).toContain('Loopt tot: 10 januari 2027');
    expect(text).toContain('Ambulante gezinsbegeleiding: Wachtlijst');
    expect(text).toContain('(niet zichtbaar voor uw rol: de jeugdbeschermer vult dit aan)');
    // Not the koers's content (outside the team lead's need); the contact reports are inside it.
    for (const hidden of ['BEDREIGING-INTERN', 'Anna gaat elke dag naar school'])
      expect(text).not.toContain(hidden);
    expect(text).toContain('huisbezoek: Verslag over Anna: geheim');
  });

  it('is refused to support staff, the beheerder and the lead of another team, precisely', async () => {
    const caseId = world.f.cases.ofWorker1;
    for (const user of [world.f.users.support, world.f.users.admin]) {
      await expect(
        callerFor(world.database, user, { now: NOW }).documents.extensionRequest({ caseId }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: `Alleen voor jeugdbeschermer of teamleider; u bent ingelogd als ${user.role}`,
      });
    }
    await expect(
      callerFor(world.database, world.f.users.lead2, { now: NOW }).documents.extensionRequest({ caseId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
    expect(await logged(caseId, 'documents.extensionRequest')).toContainEqual({
      action: 'export',
      result: 'geweigerd',
      role: 'teamleider',
    });
  });

  it('is a concept until the second reader approves it, and then says who approved it and when', async () => {
    const caseId = world.f.cases.ofWorker1;
    const admin = callerFor(world.database, world.f.users.admin, { now: NOW });
    await admin.documents.saveSettings({ childCopyFrom12: true, secondReader: 'teamleider' });
    const before = docxText((await worker().documents.extensionRequest({ caseId })).base64);
    expect(before).toContain('CONCEPT: nog niet goedgekeurd door de tweede lezer');
    await expect(worker().documents.approveExtension({ caseId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message:
        'Alleen de teamleider keurt een verzoek tot verlenging goed; u bent ingelogd als jeugdbeschermer',
    });
    expect(await worker().documents.extensionStatus({ caseId })).toMatchObject({
      secondReader: 'teamleider',
      mayApprove: false,
      approval: null,
    });
    const at = new Date('2026-11-25T14:30:00Z');
    const approved = await callerFor(world.database, world.f.users.lead1, {
      now: at,
    }).documents.approveExtension({
      caseId,
    });
    expect(approved.approval).toEqual({ name: 'lead1', role: 'teamleider', at: at.toISOString() });
    const [row] = await world.database.db
      .select()
      .from(t.extensionApprovals)
      .where(eq(t.extensionApprovals.caseId, caseId));
    expect(row).toMatchObject({ approvedBy: world.f.users.lead1.id, endDate: '2027-01-10', approvedAt: at });
    const after = docxText((await worker().documents.extensionRequest({ caseId })).base64);
    expect(after).toContain('Goedgekeurd door de tweede lezer');
    expect(after).toContain('Goedgekeurd door lead1 (teamleider) op 25 november 2026.');
    expect(after).not.toContain('CONCEPT');
    expect(await logged(caseId, 'documents.approveExtension')).toContainEqual({
      action: 'update',
      result: 'toegestaan',
      role: 'teamleider',
    });
    await admin.documents.saveSettings({ childCopyFrom12: true, secondReader: 'geen' });
  });

  it('in bulk asks for a step-up, then logs every child in the ZIP as exported', async () => {
    const { f } = world;
    const stale = callerFor(world.database, f.users.lead1, {
      now: NOW,
      authenticatedAt: new Date(NOW.getTime() - 60 * 60_000),
    });
    const refused = await stale.documents
      .extensionRequests({ caseIds: [f.cases.ofWorker1, f.cases.ofWorker2] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect((refused as TRPCError).cause).toBeInstanceOf(StepUpRequired);
    const zip = await lead().documents.extensionRequests({ caseIds: [f.cases.ofWorker1, f.cases.ofWorker2] });
    expect(zip.count).toBe(2);
    const files = Object.keys(new PizZip(Buffer.from(zip.base64, 'base64')).files);
    expect(files).toEqual(['verzoek-verlenging-01.docx', 'verzoek-verlenging-02.docx']);
    for (const caseId of [f.cases.ofWorker1, f.cases.ofWorker2])
      expect(await logged(caseId, 'documents.extensionRequests')).toContainEqual({
        action: 'export',
        result: 'toegestaan',
        role: 'teamleider',
      });
  });

  it('in bulk refuses the whole ZIP when one child is of another team, and logs the refusal', async () => {
    const { f } = world;
    await expect(
      lead().documents.extensionRequests({ caseIds: [f.cases.ofWorker1, f.cases.ofWorker3] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
    const refusals = await world.database.db
      .select({ result: t.accessLog.result })
      .from(t.accessLog)
      .where(
        and(
          eq(t.accessLog.caseId, f.cases.ofWorker3),
          eq(t.accessLog.procedure, 'documents.extensionRequests'),
        ),
      );
    expect(refusals.map((r) => r.result)).toContain('geweigerd');
  });
});

describe("the organisation's own template", () => {
  const admin = () => callerFor(world.database, world.f.users.admin, { now: NOW });
  const docx = (xml: string) => {
    const zip = new PizZip(buildDefaultExtensionTemplate());
    zip.file(
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${xml}</w:body></w:document>`,
    );
    return zip.generate({ type: 'nodebuffer' }).toString('base64');
  };
  const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

  it('refuses a small template that unpacks to far more than a Word document (a zip bomb)', async () => {
    const zip = new PizZip(buildDefaultExtensionTemplate());
    zip.file('word/media/leeg.bin', Buffer.alloc(20 * 1024 * 1024));
    const base64 = zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }).toString('base64');
    expect(base64.length).toBeLessThan(200_000);
    await expect(admin().documents.uploadTemplate({ fileName: 'eigen.docx', base64 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Het sjabloon is uitgepakt te groot: hoogstens 8 MB in 500 delen',
    });
  });

  it('refuses a template with an unknown placeholder, naming it', async () => {
    await expect(
      admin().documents.uploadTemplate({
        fileName: 'eigen.docx',
        base64: docx(p('Kind: {jeugdige_naam} {bsn}')),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Het sjabloon gebruikt de onbekende plaatshouder {bsn}',
    });
    await expect(
      admin().documents.uploadTemplate({
        fileName: 'eigen.docx',
        base64: docx(p('{#doelen}') + p('{doel} {adres}') + p('{/doelen}')),
      }),
    ).rejects.toMatchObject({
      message: 'Het sjabloon gebruikt de onbekende plaatshouder {adres} in de lijst {#doelen}',
    });
  });

  it('refuses a file that is not a DOCX, or a broken one, in Dutch', async () => {
    await expect(
      admin().documents.uploadTemplate({
        fileName: 'eigen.docx',
        base64: Buffer.from('geen zip').toString('base64'),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Dit bestand is geen Word-document (.docx): het kan niet worden geopend',
    });
    await expect(
      admin().documents.uploadTemplate({ fileName: 'eigen.docx', base64: docx(p('Kind: {jeugdige_naam')) }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Het sjabloon is niet te lezen/),
    });
    await expect(
      admin().documents.uploadTemplate({ fileName: 'eigen.pdf', base64: docx(p('x')) }),
    ).rejects.toMatchObject({ message: 'Kies een Word-document (.docx) als sjabloon' });
    const tooBig = Buffer.alloc(600 * 1024).toString('base64');
    await expect(
      admin().documents.uploadTemplate({ fileName: 'eigen.docx', base64: tooBig }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('fills an accepted template for the workers of the organisation; removing it brings back the default', async () => {
    const info = await admin().documents.uploadTemplate({
      fileName: 'eigen.docx',
      base64: docx(
        p('EIGEN SJABLOON voor {jeugdige_naam}, zaak {zaaknummer}') +
          p('{#normen}') +
          p('{norm}: {voldaan}') +
          p('{/normen}'),
      ),
    });
    expect(info).toMatchObject({ fileName: 'eigen.docx', uploadedBy: 'admin' });
    expect(info?.placeholders).toEqual([
      'jeugdige_naam',
      'zaaknummer',
      'normen',
      'normen.norm',
      'normen.voldaan',
    ]);
    const text = docxText(
      (await worker().documents.extensionRequest({ caseId: world.f.cases.ofWorker1 })).base64,
    );
    expect(text).toContain('EIGEN SJABLOON voor Anna Testkind, zaak C/09/123456');
    expect(text).toContain('Tijdig een gedragen koers: voldaan op 2 november 2026');
    await admin().documents.removeTemplate();
    const back = docxText(
      (await worker().documents.extensionRequest({ caseId: world.f.cases.ofWorker1 })).base64,
    );
    expect(back).toContain('Verzoek tot verlenging van de');
    // Only the beheerder manages templates.
    await expect(
      worker().documents.uploadTemplate({ fileName: 'x.docx', base64: docx(p('x')) }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
