/**
 * Data for the server load benchmark (test/bench/pull-load.ts): the demo
 * organisation (buildDemoData) plus many more jeugdbeschermers, each with a
 * caseload of their own — by default 300 workers × 15 children in about 11
 * families, spread over the demo's teams, each case with a measure
 * (beschikkingen), a koers, about four months of contacts (one to two weeks
 * apart) and a referral. Built by the demo's own builders from a fixed seed.
 *
 * Written with multi-row inserts in one transaction, not over HTTP; every user
 * gets the same password hash (one argon2 hash, not hundreds). Afterwards
 * `changeLoadRows` changes rows of every caseload the way a commit does (the
 * organisation's version counter, rows stamped with it), so that a device that
 * synced before gets exactly those rows.
 */
import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../shared/rules/dates';
import { plusDays } from '../../shared/rules/dates';
import type { Db } from '../db/connection';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import { addWorkerCase } from './bench';
import {
  addContacts,
  addGezin,
  addReferrals,
  buildDemoData,
  DEMO_PASSWORD,
  type DemoData,
  referralTargets,
  writeSeed,
} from './demo';
import { Random } from './random';

export interface LoadWorker {
  id: string;
  username: string;
  caseIds: string[];
  /** Contacts of this caseload, newest first per case, interleaved over the cases. */
  contactIds: string[];
}

export interface LoadData {
  data: DemoData;
  organisationId: string;
  workers: LoadWorker[];
}

export const LOAD_WORKERS = 300;
export const LOAD_CASES_PER_WORKER = 15;
/** Days of contact history per case. */
const HISTORY_DAYS = 120;

export function buildLoadData(
  today: IsoDate,
  workers = LOAD_WORKERS,
  casesPerWorker = LOAD_CASES_PER_WORKER,
  seed = 20_260_601,
): LoadData {
  const data = buildDemoData(today);
  const rand = new Random(seed);
  const organisationId = data.organisations[0]?.id;
  if (!organisationId || data.teams.length === 0) throw new Error('demo data without organisation or team');
  const aanbieders = referralTargets(data);
  const result: LoadWorker[] = [];
  for (let w = 0; w < workers; w++) {
    const team = data.teams[w % data.teams.length];
    if (!team?.id) throw new Error('team without id');
    const gemeenten = data.gemeenten.filter((g) =>
      data.regions.some((r, i) => r.id === g.regionId && data.teams[i]?.id === team.id),
    );
    const teamGemeenten = gemeenten.length ? gemeenten : data.gemeenten;
    const teamLead = data.users.find((u) => u.role === 'teamleider' && u.teamId === team.id)?.id ?? null;
    const workerId = rand.uuid();
    const username = `last.jb${String(w + 1).padStart(3, '0')}`;
    data.users.push({
      id: workerId,
      organisationId,
      teamId: team.id,
      username,
      displayName: `Werker ${w + 1} Belasting`,
      role: 'jeugdbeschermer',
      fte: 1,
    });
    const caseIds: string[] = [];
    const contactsPerCase: string[][] = [];
    while (caseIds.length < casesPerWorker) {
      const gemeente = rand.pick(teamGemeenten);
      const { gezinId, surname } = addGezin(data, rand, {
        organisationId,
        gemeenteId: gemeente.id as string,
      });
      const size = Math.min(rand.chance(0.3) ? 2 : 1, casesPerWorker - caseIds.length);
      const rulingDate = plusDays(today, -rand.int(150, 700));
      for (let c = 0; c < size; c++) {
        const { caseId, child } = addWorkerCase(data, rand, {
          organisationId,
          teamId: team.id,
          gezinId,
          surname,
          gemeenteId: gemeente.id as string,
          rulingDate,
          today,
          workerId,
          teamLead,
          chooseType: (ageYears) => (ageYears >= 12 && rand.chance(0.3) ? 'jeugdreclassering' : 'ots'),
        });
        caseIds.push(caseId);
        const before = data.contacts.length;
        addContacts(data, rand, {
          organisationId,
          caseId,
          from: plusDays(today, -HISTORY_DAYS),
          until: today,
          authorId: workerId,
          firstName: child.firstName,
          gapDays: [7, 14],
        });
        contactsPerCase.push(
          data.contacts
            .slice(before)
            .map((x) => x.id as string)
            .reverse(),
        );
        addReferrals(data, rand, {
          organisationId,
          caseId,
          rulingDate,
          today,
          requestedBy: workerId,
          gemeenteId: gemeente.id as string,
          aanbieders,
        });
      }
    }
    // Newest first, taking one of every case in turn: a change spread over the caseload.
    const contactIds: string[] = [];
    for (let i = 0; contactsPerCase.some((list) => i < list.length); i++) {
      for (const list of contactsPerCase) if (list[i]) contactIds.push(list[i] as string);
    }
    result.push({ id: workerId, username, caseIds, contactIds });
  }
  return { data, organisationId, workers: result };
}

/** Writes the load data into an empty, migrated database, in one transaction; every user gets `password`. */
export async function writeLoadSeed(db: Db, load: LoadData, password = DEMO_PASSWORD): Promise<void> {
  await writeSeed(db, load.data, password, { oneHash: true });
}

/**
 * Changes `perWorker` contacts in every worker's caseload, one commit per
 * worker as a push would: the organisation's counter goes up and the rows are
 * stamped with the new version (their text gets a line added). Returns the
 * counter before and after.
 */
export async function changeLoadRows(
  db: Db,
  load: LoadData,
  perWorker: number,
): Promise<{ before: number; after: number }> {
  const counter = async () => {
    const result = await db.execute(
      sql`select coalesce(max(version), 0)::bigint as v from organisation_versions where organisation_id = ${load.organisationId}`,
    );
    return Number((result as unknown as { rows: { v: string }[] }).rows[0]?.v ?? 0);
  };
  const before = await counter();
  for (const worker of load.workers) {
    const ids = worker.contactIds.slice(0, perWorker);
    if (ids.length < perWorker) throw new Error(`${worker.username} has only ${ids.length} contacts`);
    await inTransaction(db, async (d) => {
      const version = await nextVersion(d, load.organisationId);
      await d.execute(sql`
        update contacts set row_version = ${version}, report = report || ' Aanvulling na overleg.'
        where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`);
    });
  }
  return { before, after: await counter() };
}
