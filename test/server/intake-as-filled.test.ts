/**
 * Intake as team leads actually fill it (issue 15 §4) and within the team
 * (issue 16 point 13): a ruling is not in the future (the Dutch day), the
 * blank rows Excel leaves are skipped, a refused import names every problem
 * the preview names, and a family reference links only to a family of the
 * importer's team — another team's reference gets exactly the answer an
 * unknown one gets, over the caller and over HTTP.
 */
import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import * as t from '../../server/db/schema';
import { FIXTURE_PASSWORD, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const HEADER =
  'clientnummer;zaaknummer;voornaam;achternaam;geboortedatum;gemeente;gezinsreferentie;maatregel;uitspraakdatum;rechtbank;einddatum;team;complexe_scheiding;uithuisplaatsing';

/** One CSV row; `n` makes the client and zaak numbers unique. */
const row = (n: number, o: { ruling?: string; gemeente?: string; family?: string; team?: string } = {}) =>
  [
    `C-${n}`,
    `Z/26/${n}`,
    'Kind',
    `Nummer${n}`,
    '2014-03-02',
    o.gemeente ?? 'Delft',
    o.family ?? `F-${n}`,
    'ots',
    o.ruling ?? '2026-11-19',
    'Rechtbank Den Haag',
    '',
    o.team ?? '',
    'nee',
    'nee',
  ].join(';');

async function measuresWith(zaaknummers: string[]) {
  return world.database.db
    .select({ zaaknummer: t.maatregelen.zaaknummer })
    .from(t.maatregelen)
    .where(inArray(t.maatregelen.zaaknummer, zaaknummers));
}

const FUTURE =
  'uitspraakdatum 2026-11-25 ligt in de toekomst: vul de datum in waarop de rechter uitspraak deed';

describe('a ruling date in the future', () => {
  it('is named in the preview and refuses the import and the form, writing nothing', async () => {
    // The callers' clock: Tuesday 24 November 2026, 11:00 in the Netherlands.
    const lead = callerFor(world.database, world.f.users.lead1);
    const csv = [HEADER, row(500), row(501, { ruling: '2026-11-25' })].join('\n');
    const preview = await lead.intake.preview({ csv });
    expect(preview.errors).toEqual([{ line: 3, message: FUTURE }]);
    await expect(lead.intake.import({ csv })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `Niets geïmporteerd: 1 fout. Regel 3: ${FUTURE}`,
    });
    await expect(
      lead.intake.register({
        clientNumber: 'C-502',
        zaaknummer: 'Z/26/502',
        firstName: 'Toe',
        lastName: 'Komst',
        birthDate: '2014-03-02',
        gemeente: 'Delft',
        familyRef: 'F-502',
        type: 'ots',
        rulingDate: '2026-11-25',
        court: 'Rechtbank Den Haag',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: `Niet geregistreerd: ${FUTURE}` });
    expect(await measuresWith(['Z/26/500', 'Z/26/501', 'Z/26/502'])).toEqual([]);
  });

  it('is judged by the Dutch day: at 00:30 in Amsterdam (23:30 UTC) that day has begun', async () => {
    const lateUtc = new Date('2026-11-24T23:30:00Z');
    const lead = callerFor(world.database, world.f.users.lead1, { now: lateUtc });
    const csv = [HEADER, row(510, { ruling: '2026-11-25' })].join('\n');
    expect((await lead.intake.preview({ csv })).errors).toEqual([]);
    expect(await lead.intake.import({ csv })).toEqual({ created: 1, existing: 0 });
    const tooEarly = callerFor(world.database, world.f.users.lead1, {
      now: new Date('2026-11-24T22:30:00Z'),
    });
    expect(
      (await tooEarly.intake.preview({ csv: [HEADER, row(511, { ruling: '2026-11-25' })].join('\n') }))
        .errors,
    ).toEqual([{ line: 2, message: FUTURE }]);
  });
});

describe('a file saved by Excel', () => {
  it('imports, skipping the separator-only rows below the data (BOM, CRLF, quotes, padded columns)', async () => {
    const lead = callerFor(world.database, world.f.users.lead1);
    const excel = `\uFEFF${[
      `${HEADER};;`,
      `"C-520";"Z/26/520";"Noor";"van ""de"" Berg";01-05-2013;"Delft";"F-520";"ots";19-11-2026;"Rechtbank Den Haag; locatie Den Haag";;;"ja";"nee";;`,
      'C-521;Z/26/521;Sem;van de Berg;12-08-2016;Delft;F-520;vots;20-11-2026;Rechtbank Den Haag;;;;;;',
      ';;;;;;;;;;;;;;;;',
      ';;;;;;;;;;;;;;;;',
      ';;;;;;;;;;;;;;;;',
      '',
    ].join('\r\n')}`;
    const preview = await lead.intake.preview({ csv: excel });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.name, r.knownFamily])).toEqual([
      [2, 'Noor van "de" Berg', false],
      [3, 'Sem van de Berg', true],
    ]);
    expect(await lead.intake.import({ csv: excel })).toEqual({ created: 2, existing: 0 });
    expect(await measuresWith(['Z/26/520', 'Z/26/521'])).toHaveLength(2);
  });
});

describe('a refused import', () => {
  it('names every problem the preview names, those checked against the database too, and no more', async () => {
    const support = callerFor(world.database, world.f.users.support);
    const csv = [
      HEADER,
      row(530, { ruling: '2026-13-01' }), // the file: not a date
      row(531, { gemeente: 'Atlantis', team: 'Team Een' }), // the database: no such gemeente
      row(532, { team: 'Team Drie' }), // the database: no such team
      ...[533, 534, 535, 536].map((n) => row(n, { gemeente: `Nergens${n}`, team: 'Team Een' })),
    ].join('\n');
    const preview = await support.intake.preview({ csv });
    expect(preview.errors).toHaveLength(7);
    expect(preview.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(preview.errors[1]).toEqual({ line: 3, message: "gemeente 'Atlantis' is onbekend" });
    const refusal = await support.intake.import({ csv }).then(
      () => null,
      (e: Error) => e,
    );
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST' });
    expect(refusal?.message).toBe(
      `Niets geïmporteerd: 7 fouten. ${preview.errors.map((e) => `Regel ${e.line}: ${e.message}`).join('; ')}`,
    );
    expect(await measuresWith([530, 531, 532, 533, 534, 535, 536].map((n) => `Z/26/${n}`))).toEqual([]);
  });
});

describe('family references stay within the team', () => {
  // Team Een registers family F-600; then Team Twee's lead uses the same reference, and one that exists nowhere.
  beforeAll(async () => {
    await callerFor(world.database, world.f.users.lead1).intake.import({
      csv: [HEADER, row(600, { family: 'F-600' })].join('\n'),
    });
  });

  /** Team Twee's file with one family reference; the rest equal. */
  const fileWith = (family: string) => [HEADER, row(610, { family }), row(611, { family })].join('\n');
  /** A preview with the reference itself blanked out, to compare the answers for two references. */
  const withoutRef = (preview: { rows: { familyRef: string }[] }) => ({
    ...preview,
    rows: preview.rows.map((r) => ({ ...r, familyRef: '' })),
  });

  it("answers another team's reference exactly as an unknown one, and links to the own team's family", async () => {
    const lead2 = callerFor(world.database, world.f.users.lead2);
    const foreign = await lead2.intake.preview({ csv: fileWith('F-600') });
    const unknown = await lead2.intake.preview({ csv: fileWith('F-NERGENS') });
    expect(withoutRef(foreign)).toEqual(withoutRef(unknown));
    // Within the file the two rows are siblings; neither is linked to Team Een's family.
    expect(foreign.rows.map((r) => r.knownFamily)).toEqual([false, true]);
    // Team Een's own lead does see the link.
    const own = await callerFor(world.database, world.f.users.lead1).intake.preview({
      csv: [HEADER, row(612, { family: 'F-600' })].join('\n'),
    });
    expect(own.rows.map((r) => r.knownFamily)).toEqual([true]);
  });

  it("imports another team's reference as a new family of the own team, leaving the other team's family alone", async () => {
    const lead2 = callerFor(world.database, world.f.users.lead2);
    expect(await lead2.intake.import({ csv: fileWith('F-600') })).toEqual({ created: 2, existing: 0 });
    const children = await world.database.db
      .select({ clientNumber: t.jeugdigen.clientNumber, gezinId: t.jeugdigen.gezinId })
      .from(t.jeugdigen)
      .where(inArray(t.jeugdigen.clientNumber, ['C-600', 'C-610', 'C-611']))
      .orderBy(t.jeugdigen.clientNumber);
    const [teamEen, first, second] = children;
    expect(first?.gezinId).toBe(second?.gezinId);
    expect(first?.gezinId).not.toBe(teamEen?.gezinId);
    // Support staff registering for a team link within that team only, too.
    const support = callerFor(world.database, world.f.users.support);
    const forTwee = await support.intake.preview({
      csv: [HEADER, row(613, { family: 'F-600', team: 'Team Twee' })].join('\n'),
    });
    const forEen = await support.intake.preview({
      csv: [HEADER, row(614, { family: 'F-600', team: 'Team Een' })].join('\n'),
    });
    expect(forTwee.rows.map((r) => r.knownFamily)).toEqual([true]);
    expect(forEen.rows.map((r) => r.knownFamily)).toEqual([true]);
    const registered = await support.intake.import({
      csv: [HEADER, row(613, { family: 'F-600', team: 'Team Twee' })].join('\n'),
    });
    expect(registered).toEqual({ created: 1, existing: 0 });
    const [c613] = await world.database.db
      .select({ gezinId: t.jeugdigen.gezinId })
      .from(t.jeugdigen)
      .where(inArray(t.jeugdigen.clientNumber, ['C-613']));
    expect(c613?.gezinId).toBe(first?.gezinId);
  });
});

describe('family references over HTTP', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: world.database,
    });
    await callerFor(world.database, world.f.users.lead1).intake.import({
      csv: [HEADER, row(700, { family: 'F-700' })].join('\n'),
    });
  });
  afterAll(() => app?.close());

  const post = (url: string, body: unknown, cookie?: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });

  it("gives Team Twee's lead the same answer for Team Een's reference as for an unknown one", async () => {
    const login = await post('/trpc/auth.login', { username: 'lead2', password: FIXTURE_PASSWORD });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const ask = async (family: string) => {
      const res = await post(
        '/trpc/intake.preview',
        { csv: [HEADER, row(710, { family })].join('\n') },
        cookie,
      );
      expect(res.statusCode).toBe(200);
      return res.body.replaceAll(family, '<ref>');
    };
    const foreign = await ask('F-700');
    const unknown = await ask('F-NOOIT');
    expect(foreign).toBe(unknown);
    expect(JSON.parse(foreign).result.data.rows[0].knownFamily).toBe(false);
  });
});
