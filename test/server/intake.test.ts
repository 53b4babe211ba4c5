import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const HEADER =
  'clientnummer;zaaknummer;voornaam;achternaam;geboortedatum;gemeente;gezinsreferentie;maatregel;uitspraakdatum;rechtbank;einddatum;team;complexe_scheiding;uithuisplaatsing';

/** Two siblings (family F-1) and one child of another family, for Team Een. */
const VALID = [
  HEADER,
  'C-100;Z/26/100;Lotte;Smit;2013-05-01;Delft;F-1;ots;2026-11-19;Rechtbank Den Haag;2027-11-19;Team Een;ja;nee',
  'C-101;Z/26/101;Daan;Smit;2016-08-12;delft;F-1;ots;19-11-2026;Rechtbank Den Haag;;Team Een;ja;nee',
  'C-102;Z/26/102;Mila;Jansen;2010-02-03;Delft;F-2;jeugdreclassering;2026-11-20;Rechtbank Den Haag;;Team Een;nee;ja',
].join('\n');

async function measuresWith(zaaknummers: string[]) {
  return world.database.db
    .select({ zaaknummer: t.maatregelen.zaaknummer, caseId: t.maatregelen.caseId })
    .from(t.maatregelen)
    .where(inArray(t.maatregelen.zaaknummer, zaaknummers));
}

describe('intake import', () => {
  it('previews, then imports every row of a valid file as a new case waiting for assignment', async () => {
    const support = callerFor(world.database, world.f.users.support);
    const preview = await support.intake.preview({ csv: `\uFEFF${VALID}` });
    expect(preview.errors).toEqual([]);
    expect(preview.toCreate).toBe(3);
    expect(preview.rows.map((r) => [r.line, r.outcome, r.knownFamily])).toEqual([
      [2, 'nieuw', false],
      [3, 'nieuw', true],
      [4, 'nieuw', false],
    ]);
    expect(await measuresWith(['Z/26/100'])).toEqual([]);

    expect(await support.intake.import({ csv: `\uFEFF${VALID}` })).toEqual({ created: 3, existing: 0 });
    const created = await world.database.db
      .select({
        zaaknummer: t.maatregelen.zaaknummer,
        status: t.cases.status,
        teamId: t.cases.teamId,
        openedOn: t.cases.openedOn,
        complexDivorce: t.cases.complexDivorce,
        outOfHome: t.maatregelen.outOfHomePlacement,
        gezinId: t.jeugdigen.gezinId,
        caseVersion: t.cases.rowVersion,
        caseId: t.cases.id,
      })
      .from(t.maatregelen)
      .innerJoin(t.cases, eq(t.cases.id, t.maatregelen.caseId))
      .innerJoin(t.jeugdigen, eq(t.jeugdigen.id, t.cases.jeugdigeId))
      .where(inArray(t.maatregelen.zaaknummer, ['Z/26/100', 'Z/26/101', 'Z/26/102']))
      .orderBy(t.maatregelen.zaaknummer);
    expect(
      created.map((c) => [c.zaaknummer, c.status, c.teamId, c.openedOn, c.complexDivorce, c.outOfHome]),
    ).toEqual([
      ['Z/26/100', 'instroom', world.f.team1, '2026-11-19', true, false],
      ['Z/26/101', 'instroom', world.f.team1, '2026-11-19', true, false],
      ['Z/26/102', 'instroom', world.f.team1, '2026-11-20', false, true],
    ]);
    // Siblings share one gezin; the other child has its own.
    expect(created[0]?.gezinId).toBe(created[1]?.gezinId);
    expect(created[2]?.gezinId).not.toBe(created[0]?.gezinId);
    expect(created.every((c) => c.caseVersion > 0)).toBe(true);
    const logged = await world.database.db
      .select({ caseId: t.accessLog.caseId })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.procedure, 'intake.import'), eq(t.accessLog.action, 'create')));
    expect(new Set(logged.map((l) => l.caseId))).toEqual(new Set(created.map((c) => c.caseId)));
  });

  it('creates no duplicates when the same file is imported again', async () => {
    const support = callerFor(world.database, world.f.users.support);
    const preview = await support.intake.preview({ csv: VALID });
    expect(preview).toMatchObject({ toCreate: 0, existing: 3, errors: [] });
    expect(await support.intake.import({ csv: VALID })).toEqual({ created: 0, existing: 3 });
    expect(await measuresWith(['Z/26/100', 'Z/26/101', 'Z/26/102'])).toHaveLength(3);
    const families = await world.database.db
      .select({ id: t.gezinnen.id })
      .from(t.gezinnen)
      .where(inArray(t.gezinnen.externalRef, ['F-1', 'F-2']));
    expect(families).toHaveLength(2);
  });

  it('imports nothing from a file with one bad row, and names that line', async () => {
    const bad = [
      HEADER,
      'C-200;Z/26/200;Noor;Bos;2012-01-01;Delft;F-20;ots;2026-11-19;Rechtbank Den Haag;;Team Een;nee;nee',
      'C-201;Z/26/201;Finn;Bos;2014-01-01;Atlantis;F-20;ots;2026-11-19;Rechtbank Den Haag;;Team Een;nee;nee',
      'C-202;Z/26/202;Sem;Bos;2015-01-01;Delft;F-20;ots;2026-11-19;Rechtbank Den Haag;;Team Een;nee;nee',
    ].join('\n');
    const support = callerFor(world.database, world.f.users.support);
    const preview = await support.intake.preview({ csv: bad });
    expect(preview.errors).toEqual([{ line: 3, message: "gemeente 'Atlantis' is onbekend" }]);
    await expect(support.intake.import({ csv: bad })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining("Regel 3: gemeente 'Atlantis' is onbekend"),
    });
    const malformed = bad.replace('2012-01-01', '2012-13-01');
    await expect(support.intake.import({ csv: malformed })).rejects.toMatchObject({
      message: expect.stringContaining('Regel 2:'),
    });
    expect(await measuresWith(['Z/26/200', 'Z/26/201', 'Z/26/202'])).toEqual([]);
  });

  it('registers one measure from the form, once', async () => {
    const support = callerFor(world.database, world.f.users.support);
    const entry = {
      clientNumber: 'C-300',
      zaaknummer: 'Z/26/300',
      firstName: 'Julia',
      lastName: 'Mol',
      birthDate: '2011-04-04',
      gemeente: 'Delft',
      familyRef: 'F-30',
      type: 'vots' as const,
      rulingDate: '2026-11-23',
      court: 'Rechtbank Den Haag',
      team: 'Team Twee',
    };
    const { caseId } = await support.intake.register(entry);
    expect(await measuresWith(['Z/26/300'])).toEqual([{ zaaknummer: 'Z/26/300', caseId }]);
    await expect(support.intake.register(entry)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      support.intake.register({ ...entry, zaaknummer: 'Z/26/301', rulingDate: 'gisteren' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the intake form', () => {
  it("offers every gemeente by CBS code, the organisation's own regions marked", async () => {
    const { db } = world.database;
    await db
      .insert(t.regionArrangements)
      .values({ organisationId: world.f.orgA, regionId: world.f.regionId });
    const lead = callerFor(world.database, world.f.users.lead1);
    const { gemeenten } = await lead.intake.list();
    const [delft] = await db
      .select({ cbsCode: t.gemeenten.cbsCode })
      .from(t.gemeenten)
      .where(eq(t.gemeenten.id, world.f.gemeenteId));
    expect(gemeenten).toContainEqual({ cbsCode: delft?.cbsCode, name: 'Delft', own: true });
    expect(gemeenten.filter((g) => g.own)).toHaveLength(1);
  });

  it('refuses an unknown gemeente in its own words, with each problem tied to its field', async () => {
    const lead = callerFor(world.database, world.f.users.lead1);
    const refused = await lead.intake
      .register({
        clientNumber: 'C-400',
        zaaknummer: 'Z/26/400',
        firstName: 'Noa',
        lastName: 'Mol',
        birthDate: '2011-04-04',
        gemeente: 'Atlantis',
        familyRef: 'F-40',
        type: 'ots',
        rulingDate: '2026-11-23',
        court: 'Rechtbank Den Haag',
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      message: "Niet geregistreerd: Gemeente 'Atlantis' kennen we niet: kies de gemeente uit de lijst",
    });
    expect((refused as { cause: { issues: unknown } }).cause.issues).toEqual([
      {
        path: ['gemeente'],
        message: "Gemeente 'Atlantis' kennen we niet: kies de gemeente uit de lijst",
        code: 'custom',
      },
    ]);
    const missing = await lead.intake
      .register({
        clientNumber: 'C-401',
        zaaknummer: '',
        firstName: 'Noa',
        lastName: 'Mol',
        birthDate: '2011-04-04',
        gemeente: 'Delft',
        familyRef: 'F-41',
        type: 'ots',
        rulingDate: '2026-12-23',
        court: 'Rechtbank Den Haag',
      })
      .catch((e: unknown) => e);
    expect(
      (missing as { cause: { issues: { path: string[] }[] } }).cause.issues.map((i) => i.path[0]),
    ).toEqual(['zaaknummer', 'rulingDate']);
  });
});

describe('intake access', () => {
  it('refuses jeugdbeschermers and beheerders', async () => {
    const worker = callerFor(world.database, world.f.users.worker1);
    await expect(worker.intake.import({ csv: VALID })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(worker.intake.preview({ csv: VALID })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(worker.intake.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(world.database, world.f.users.admin).intake.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('shows a team lead only the own team, support staff the whole organisation', async () => {
    const own = await callerFor(world.database, world.f.users.lead1).intake.list();
    const other = await callerFor(world.database, world.f.users.lead2).intake.list();
    const all = await callerFor(world.database, world.f.users.support).intake.list();
    expect(own.cases.map((c) => c.name).sort()).toEqual(['Daan Smit', 'Lotte Smit', 'Mila Jansen']);
    expect(other.cases.map((c) => c.name)).toEqual(['Julia Mol']);
    expect(all.cases).toHaveLength(4);
    expect(all.canAssign).toBe(false);
    // The form offers a lead only the own team, support staff every team of the organisation.
    expect(own.teams.map((t) => t.name)).toEqual(['Team Een']);
    expect(all.teams.map((t) => t.name)).toEqual(['Team Een', 'Team Twee']);
    // Ruling Thursday 19 November, today Tuesday 24 November: due Thursday 26, two working days left.
    expect(own.cases.find((c) => c.name === 'Lotte Smit')).toMatchObject({
      dueDate: '2026-11-26',
      workingDaysLeft: 2,
      overdue: false,
    });
  });

  it('lets a team lead import only for the own team', async () => {
    const csv = `${HEADER}\nC-400;Z/26/400;Eva;Kok;2012-01-01;Delft;F-40;ots;2026-11-19;Rechtbank Den Haag;;Team Twee;nee;nee`;
    const preview = await callerFor(world.database, world.f.users.lead1).intake.preview({ csv });
    expect(preview.errors).toEqual([
      { line: 2, message: "u kunt alleen voor uw eigen team registreren, niet voor 'Team Twee'" },
    ]);
  });

  it("refuses to assign another team's case", async () => {
    const [julia] = await measuresWith(['Z/26/300']);
    await expect(
      callerFor(world.database, world.f.users.lead1).intake.assign({
        caseId: julia?.caseId as string,
        userId: world.f.users.worker1.id,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(world.database, world.f.users.lead2).intake.assign({
        caseId: julia?.caseId as string,
        userId: world.f.users.worker1.id,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('intake assignment', () => {
  it('suggests the worker with most room and hands the case to the phone at the next pull', async () => {
    // worker1 gets a second, heavier child: a complex divorce, ruled long ago (no start phase).
    const db = world.database.db;
    const gezinId = randomUUID();
    const jeugdigeId = randomUUID();
    const caseId = randomUUID();
    await db.insert(t.gezinnen).values({
      id: gezinId,
      organisationId: world.f.orgA,
      name: 'Gezin Zwaar',
      gemeenteId: world.f.gemeenteId,
    });
    await db.insert(t.jeugdigen).values({
      id: jeugdigeId,
      organisationId: world.f.orgA,
      gezinId,
      firstName: 'Zwaar',
      lastName: 'Kind',
      birthDate: '2012-01-01',
      gemeenteId: world.f.gemeenteId,
    });
    await db.insert(t.cases).values({
      id: caseId,
      organisationId: world.f.orgA,
      teamId: world.f.team1,
      jeugdigeId,
      status: 'actief',
      openedOn: '2026-01-05',
      complexDivorce: true,
    });
    await db.insert(t.maatregelen).values({
      id: randomUUID(),
      organisationId: world.f.orgA,
      caseId,
      type: 'ots',
      court: 'Rechtbank Den Haag',
      rulingDate: '2026-01-05',
      startDate: '2026-01-05',
      status: 'lopend',
    });
    await db.insert(t.caseAssignments).values({
      id: randomUUID(),
      organisationId: world.f.orgA,
      caseId,
      userId: world.f.users.worker1.id,
      role: 'vast',
      fromDate: '2026-01-05',
    });

    const lead = callerFor(world.database, world.f.users.lead1);
    const list = await lead.intake.list();
    // By hand (default weights, norm 12–14, both 1.0 fte, today 2026-11-24):
    //  worker1: Anna (ruled 1 Oct: base 1 + start phase 0.25) + Zwaar (1 + complex divorce 0.3) = 2.55 → room 11.45
    //  worker2: Bram (ruled 1 Sep: 1 + 0.25) = 1.25 → room 12.75
    expect(list.workers.map((w) => [w.displayName, w.children, w.weighted, w.room])).toEqual([
      ['worker1', 2, 2.55, 11.45],
      ['worker2', 1, 1.25, 12.75],
    ]);
    expect(list.suggestedUserId).toBe(world.f.users.worker2.id);

    const device = randomUUID();
    const phone = callerFor(world.database, world.f.users.worker2);
    const before = await phone.sync.pull({ clientId: device, cookie: null });
    const [mila] = await measuresWith(['Z/26/102']);
    const milaCase = mila?.caseId as string;
    expect(before.rows.some((r) => r.caseId === milaCase)).toBe(false);

    await lead.intake.assign({ caseId: milaCase, userId: world.f.users.worker2.id });

    const after = await phone.sync.pull({ clientId: device, cookie: before.cookie });
    expect(new Set(after.rows.filter((r) => r.caseId === milaCase).map((r) => r.entity))).toEqual(
      new Set(['case', 'assignment', 'jeugdige', 'gezin', 'maatregel']),
    );
    const [state] = await db.select({ status: t.cases.status }).from(t.cases).where(eq(t.cases.id, milaCase));
    expect(state?.status).toBe('actief');
    const again = await lead.intake.list();
    expect(again.cases.map((c) => c.name)).not.toContain('Mila Jansen');
    expect(again.workers.find((w) => w.userId === world.f.users.worker2.id)).toMatchObject({ children: 2 });
    await expect(
      lead.intake.assign({ caseId: milaCase, userId: world.f.users.worker1.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const logged = await db
      .select({ action: t.accessLog.action })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.caseId, milaCase), eq(t.accessLog.procedure, 'intake.assign')));
    expect(logged).toContainEqual({ action: 'update' });
  });

  it('refuses a worker outside the team', async () => {
    const [lotte] = await measuresWith(['Z/26/100']);
    await expect(
      callerFor(world.database, world.f.users.lead1).intake.assign({
        caseId: lotte?.caseId as string,
        userId: world.f.users.worker3.id,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
