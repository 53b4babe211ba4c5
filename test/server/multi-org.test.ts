/**
 * Two GIs in one database never see each other's data. Every list-like
 * procedure (caseload, the team's cases, queues, reports, exports, the
 * sociale kaart, intake, waiting list, stand-ins, norms dashboard, team
 * balance, devices, sync) is called by a user of every role of GI Beta, and
 * its answer must hold none of GI Alfa's ids or names; and the other way
 * round. The procedures come from the access matrix's specs (every
 * objectless procedure, and sync.pull), so a new list is covered by adding its
 * spec there.
 *
 * The sociale kaart's aanbieders are one table for everyone, without an
 * organisation. That is right, and deliberate: the providers, their products,
 * regions and waiting times are public information (what a gemeente
 * contracts), shared by all GIs of a region, and one GI's update of a waiting
 * time helps the next. What a GI agrees with a region (consultation route,
 * contact points, notes) is its own: regionArrangements carry the
 * organisation and are scanned below like any other of its data. Aanbieder ids
 * and names are therefore not counted as a leak.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import type { Role } from '../../shared/schemas/user';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';
import { passesGuard } from './access-matrix/rules';
import { callAs } from './access-matrix/run';
import { buildMatrixWorld, type MatrixWorld, SPECS, targetOf } from './access-matrix/specs';

const world = fixtureDatabaseForFile();
let w: MatrixWorld;
/** The personas of each organisation, one per role. */
const people: Record<'alfa' | 'beta', Record<Role, FixtureUser>> = {
  alfa: {} as Record<Role, FixtureUser>,
  beta: {} as Record<Role, FixtureUser>,
};

const ARRANGEMENT_NOTE = { alfa: 'Afspraak-van-Alfa-7c1', beta: 'Afspraak-van-Beta-2e9' };

async function addUser(key: string, role: Role, organisationId: string, teamId: string | null) {
  const { db } = world.database;
  const user: FixtureUser = {
    id: randomUUID(),
    username: key.toLowerCase(),
    role,
    organisationId,
    teamId,
    displayName: key,
  };
  await db.insert(t.users).values({ ...user, passwordHash: null });
  return user;
}

beforeAll(async () => {
  const { f, database } = world;
  w = await buildMatrixWorld(database, f);
  const teamB = f.users.workerB.teamId;
  people.alfa = {
    jeugdbeschermer: f.users.worker1,
    teamleider: f.users.lead1,
    ondersteuner: f.users.support,
    beheerder: f.users.admin,
  };
  people.beta = {
    jeugdbeschermer: f.users.workerB,
    teamleider: await addUser('leadB', 'teamleider', f.orgB, teamB),
    ondersteuner: await addUser('supportB', 'ondersteuner', f.orgB, null),
    beheerder: await addUser('adminB', 'beheerder', f.orgB, null),
  };
  // Each GI fills the lists that are organisation-wide: an arrangement with the region, a new
  // measure at intake (unassigned, so it is on the intake list and the team's candidates).
  for (const org of ['alfa', 'beta'] as const) {
    const p = people[org];
    await callerFor(database, p.ondersteuner).kaart.saveArrangement({
      regionId: f.regionId,
      consultation: 'overleg',
      contactPoint: `loket-${org}@gemeente.example`,
      answerWorkdays: 5,
      expertteamContact: '',
      notes: ARRANGEMENT_NOTE[org],
    });
    await callerFor(database, p.ondersteuner).intake.register({
      clientNumber: `C-${org}`,
      zaaknummer: `Z/26/${org}`,
      firstName: org === 'alfa' ? 'Ilse' : 'Joost',
      lastName: org === 'alfa' ? 'Alfakind' : 'Betakind',
      birthDate: '2014-04-04',
      gemeente: 'Delft',
      familyRef: `F-${org}`,
      type: 'ots',
      rulingDate: '2026-11-20',
      court: 'Rechtbank Den Haag',
      team: org === 'alfa' ? 'Team Een' : 'Team Beta',
    });
  }
});

/** Every id and name of an organisation's own data, read from the database. */
async function fingerprintsOf(organisationId: string): Promise<string[]> {
  const { db } = world.database;
  const ids = async (
    table: typeof t.cases | typeof t.jeugdigen | typeof t.gezinnen | typeof t.verwijzingen,
  ) =>
    (await db.select({ id: table.id }).from(table).where(eq(table.organisationId, organisationId))).map(
      (r) => r.id,
    );
  const kids = await db
    .select({ first: t.jeugdigen.firstName, last: t.jeugdigen.lastName })
    .from(t.jeugdigen)
    .where(eq(t.jeugdigen.organisationId, organisationId));
  const families = await db
    .select({ name: t.gezinnen.name })
    .from(t.gezinnen)
    .where(eq(t.gezinnen.organisationId, organisationId));
  const staff = await db
    .select({ id: t.users.id, name: t.users.displayName })
    .from(t.users)
    .where(eq(t.users.organisationId, organisationId));
  const teams = await db
    .select({ id: t.teams.id, name: t.teams.name })
    .from(t.teams)
    .where(eq(t.teams.organisationId, organisationId));
  const [org] = await db
    .select({ name: t.organisations.name })
    .from(t.organisations)
    .where(eq(t.organisations.id, organisationId));
  const verwijzingIds = await ids(t.verwijzingen);
  const caseIds = await ids(t.cases);
  const devices = caseIds.length
    ? await db
        .select({ id: t.devices.id })
        .from(t.devices)
        .where(
          inArray(
            t.devices.userId,
            staff.map((s) => s.id),
          ),
        )
    : [];
  return [
    organisationId,
    org?.name ?? '',
    ...caseIds,
    ...(await ids(t.jeugdigen)),
    ...(await ids(t.gezinnen)),
    ...verwijzingIds,
    ...kids.map((k) => `${k.first} ${k.last}`),
    ...kids.map((k) => `"${k.first}"`),
    ...families.map((g) => g.name),
    ...staff.map((s) => s.id),
    ...staff.map((s) => `"${s.name}"`),
    ...teams.flatMap((team) => [team.id, team.name]),
    ...devices.map((d) => d.id),
  ].filter((s) => s.length > 0);
}

/** The objectless procedures (lists, reports, settings) and sync; not the device's secret-based calls. */
const listLike = Object.entries(SPECS).filter(
  ([path, spec]) => (spec.target === 'none' && spec.callers !== 'public') || path === 'sync.pull',
);

describe('two organisations in one database', () => {
  for (const [org, other] of [
    ['beta', 'alfa'],
    ['alfa', 'beta'],
  ] as const) {
    it(`shows every role of GI ${org} nothing of GI ${other} in any list`, async () => {
      const orgIds = { alfa: world.f.orgA, beta: world.f.orgB };
      const foreign = [...(await fingerprintsOf(orgIds[other])), ARRANGEMENT_NOTE[other]];
      const own = await fingerprintsOf(orgIds[org]);
      // The scan would be vacuous if the other organisation had nothing to leak.
      expect(foreign.length).toBeGreaterThan(20);
      const leaks: string[] = [];
      let answered = 0;
      const ownCase = targetOf(w, org === 'beta' ? 'otherOrg' : 'own');
      for (const [path, spec] of listLike) {
        for (const [role, user] of Object.entries(people[org])) {
          if (!passesGuard(spec.callers, role as Role)) continue;
          const { result, error } = await callAs(world.database, w, path, spec, user, ownCase);
          if (error) continue;
          answered++;
          const answer = JSON.stringify(result ?? null);
          // What the caller sent may come back (a preview names the team the file gave): not a leak.
          const sent = JSON.stringify(spec.input(w, ownCase, '') ?? null);
          const hit = foreign.find((s) => answer.includes(s) && !sent.includes(s));
          if (hit) leaks.push(`${path} as ${role} of GI ${org}: holds ${hit}`);
        }
      }
      expect(leaks, leaks.join('\n')).toEqual([]);
      expect(answered).toBeGreaterThan(listLike.length);
      expect(own.length).toBeGreaterThan(5);
    });
  }

  it("shows GI Beta's worker their own region arrangement on the phone, not GI Alfa's", async () => {
    const kaart = await callerFor(world.database, world.f.users.workerB).kaart.forDevice({ etag: null });
    const notes = JSON.stringify(kaart);
    expect(notes).toContain(ARRANGEMENT_NOTE.beta);
    expect(notes).not.toContain(ARRANGEMENT_NOTE.alfa);
  });
});
