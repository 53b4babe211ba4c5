/**
 * A small, hand-made world for server tests: two organisations; in A two teams
 * with their jeugdbeschermers, team leads, support staff and a beheerder.
 * Each case has a known owner, so every access rule has an inside and an outside.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../server/db/connection';
import * as t from '../../server/db/schema';
import { hashPassword } from '../../server/services/auth';
import { nextVersion } from '../../server/sync/versions';
import type { Role } from '../../shared/schemas/user';
import { createTestDatabase, type TestDatabase } from './db';

export const FIXTURE_PASSWORD = 'Test-wachtwoord-1';

export interface FixtureUser {
  id: string;
  username: string;
  role: Role;
  organisationId: string;
  teamId: string | null;
  displayName: string;
}

export async function buildFixture(db: Db, today = '2026-11-24') {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const orgA = randomUUID();
  const orgB = randomUUID();
  await db.insert(t.organisations).values([
    { id: orgA, name: 'GI Alfa' },
    { id: orgB, name: 'GI Beta' },
  ]);
  const regionId = randomUUID();
  await db.insert(t.regions).values({ id: regionId, name: `Regio ${regionId.slice(0, 6)}` });
  const gemeenteId = randomUUID();
  await db
    .insert(t.gemeenten)
    .values({ id: gemeenteId, name: 'Delft', cbsCode: `x${gemeenteId.slice(0, 6)}`, regionId });
  const team1 = randomUUID();
  const team2 = randomUUID();
  const teamB = randomUUID();
  await db.insert(t.teams).values([
    { id: team1, organisationId: orgA, name: 'Team Een' },
    { id: team2, organisationId: orgA, name: 'Team Twee' },
    { id: teamB, organisationId: orgB, name: 'Team Beta' },
  ]);

  const users: Record<string, FixtureUser> = {};
  const addUser = async (key: string, role: Role, organisationId: string, teamId: string | null) => {
    const user = {
      id: randomUUID(),
      username: key.toLowerCase(),
      role,
      organisationId,
      teamId,
      displayName: key,
    };
    await db.insert(t.users).values({ ...user, passwordHash });
    users[key] = user;
    return user;
  };
  const worker1 = await addUser('worker1', 'jeugdbeschermer', orgA, team1);
  const worker2 = await addUser('worker2', 'jeugdbeschermer', orgA, team1);
  const worker3 = await addUser('worker3', 'jeugdbeschermer', orgA, team2);
  const lead1 = await addUser('lead1', 'teamleider', orgA, team1);
  const lead2 = await addUser('lead2', 'teamleider', orgA, team2);
  const support = await addUser('support', 'ondersteuner', orgA, null);
  const admin = await addUser('admin', 'beheerder', orgA, null);
  const workerB = await addUser('workerB', 'jeugdbeschermer', orgB, teamB);

  const addCase = async (opts: {
    organisationId: string;
    teamId: string;
    worker: FixtureUser | null;
    firstName: string;
    rulingDate: string;
    status?: 'instroom' | 'wachtlijst' | 'actief' | 'afgesloten';
  }) => {
    const gezinId = randomUUID();
    const jeugdigeId = randomUUID();
    const caseId = randomUUID();
    await db.insert(t.gezinnen).values({
      id: gezinId,
      organisationId: opts.organisationId,
      name: `Gezin ${opts.firstName}`,
      gemeenteId,
    });
    await db.insert(t.jeugdigen).values({
      id: jeugdigeId,
      organisationId: opts.organisationId,
      gezinId,
      firstName: opts.firstName,
      lastName: 'Testkind',
      birthDate: '2015-06-01',
      gemeenteId,
    });
    await db.insert(t.betrokkenen).values({
      id: randomUUID(),
      organisationId: opts.organisationId,
      gezinId,
      name: `Moeder van ${opts.firstName}`,
      relation: 'moeder',
      hasCustody: true,
    });
    await db.insert(t.cases).values({
      id: caseId,
      organisationId: opts.organisationId,
      teamId: opts.teamId,
      jeugdigeId,
      status: opts.status ?? 'actief',
      openedOn: opts.rulingDate,
    });
    await db.insert(t.maatregelen).values({
      id: randomUUID(),
      organisationId: opts.organisationId,
      caseId,
      type: 'ots',
      court: 'Rechtbank Den Haag',
      rulingDate: opts.rulingDate,
      startDate: opts.rulingDate,
      endDate: '2027-06-01',
      status: 'lopend',
    });
    if (opts.worker) {
      await db.insert(t.caseAssignments).values({
        id: randomUUID(),
        organisationId: opts.organisationId,
        caseId,
        userId: opts.worker.id,
        role: 'vast',
        fromDate: opts.rulingDate,
      });
    }
    await db.insert(t.contacts).values({
      id: randomUUID(),
      organisationId: opts.organisationId,
      caseId,
      kind: 'huisbezoek',
      occurredAt: new Date(`${today}T10:00:00Z`),
      present: ['moeder'],
      childSeen: true,
      report: `Verslag over ${opts.firstName}: geheim`,
      authorId: opts.worker?.id ?? worker1.id,
    });
    return caseId;
  };

  const cases = {
    ofWorker1: await addCase({
      organisationId: orgA,
      teamId: team1,
      worker: worker1,
      firstName: 'Anna',
      rulingDate: '2026-10-01',
    }),
    ofWorker2: await addCase({
      organisationId: orgA,
      teamId: team1,
      worker: worker2,
      firstName: 'Bram',
      rulingDate: '2026-09-01',
    }),
    ofWorker3: await addCase({
      organisationId: orgA,
      teamId: team2,
      worker: worker3,
      firstName: 'Cas',
      rulingDate: '2026-08-01',
    }),
    ofWorkerB: await addCase({
      organisationId: orgB,
      teamId: teamB,
      worker: workerB,
      firstName: 'Dewi',
      rulingDate: '2026-07-01',
    }),
  };
  // Server rows carry a sync version of at least 1, as the seed's do: 0 is the phone's own row that
  // the server has not accepted yet.
  for (const org of [orgA, orgB]) {
    const version = await nextVersion(db, org);
    for (const table of [
      t.gezinnen,
      t.jeugdigen,
      t.betrokkenen,
      t.cases,
      t.maatregelen,
      t.caseAssignments,
      t.contacts,
    ])
      await db.execute(sql`update ${table} set row_version = ${version} where organisation_id = ${org}`);
  }
  return {
    orgA,
    orgB,
    team1,
    team2,
    gemeenteId,
    regionId,
    users: { worker1, worker2, worker3, lead1, lead2, support, admin, workerB },
    cases,
  };
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/**
 * One migrated test database with the fixture, for all tests of the calling
 * file, disposed afterwards. Read `database` and `f` inside tests (they are
 * set in beforeAll).
 */
export function fixtureDatabaseForFile(): { readonly database: TestDatabase; readonly f: Fixture } {
  const world = {} as { database: TestDatabase; f: Fixture };
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.f = await buildFixture(world.database.db);
  });
  afterAll(() => world.database?.dispose());
  return world;
}
