/**
 * Benchmark data: the demo organisation (buildDemoData) plus one more
 * jeugdbeschermer, `bench.jeugdbeschermer`, who carries exactly 20 children in
 * 15 families, every case running for more than two years: two years of
 * contacts (about weekly), koers versions, beschikkingen with extensions and a
 * referral each. Built by the demo's own builders from a fixed seed, so the
 * caseload is the same on every machine. `npm run bench` measures the first
 * sync of this caseload (test/bench/field-app.ts).
 */
import type { IsoDate } from '../../shared/rules/dates';
import { plusDays } from '../../shared/rules/dates';
import { addWorkingDays } from '../../shared/rules/working-days';
import type { MaatregelType } from '../../shared/schemas/maatregel';
import type { Db } from '../db/connection';
import {
  addAssignment,
  addContacts,
  addGezin,
  addJeugdige,
  addKoers,
  addMeasure,
  addReferrals,
  buildDemoData,
  type DemoData,
  referralTargets,
  writeSeed,
} from './demo';
import { Random } from './random';

export const BENCH_USERNAME = 'bench.jeugdbeschermer';
export const BENCH_CHILDREN = 20;
/** Ten families with one child, five with two: 20 children. */
const FAMILY_SIZES = [1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1] as const;
/** Days between two contacts: about weekly. */
const CONTACT_GAP_DAYS = [4, 10] as const;

export function buildBenchData(today: IsoDate, seed = 20_260_520): DemoData {
  const data = buildDemoData(today);
  const rand = new Random(seed);
  const organisationId = data.organisations[0]?.id;
  const team = data.teams[0];
  const region = data.regions[0];
  if (!organisationId || !team || !region) throw new Error('demo data without organisation or team');
  const gemeenten = data.gemeenten.filter((g) => g.regionId === region.id);
  const teamLead = data.users.find((u) => u.role === 'teamleider' && u.teamId === team.id)?.id ?? null;
  const aanbieders = referralTargets(data);
  const workerId = rand.uuid();
  data.users.push({
    id: workerId,
    organisationId,
    teamId: team.id,
    username: BENCH_USERNAME,
    displayName: 'Bente Benchmark',
    role: 'jeugdbeschermer',
    fte: 1,
  });

  for (const size of FAMILY_SIZES) {
    const gemeente = rand.pick(gemeenten);
    const { gezinId, surname } = addGezin(data, rand, { organisationId, gemeenteId: gemeente.id });
    // More than two years ago: the contacts cover the full two years the demo builders keep.
    const rulingDate = plusDays(today, -rand.int(760, 1100));
    for (let c = 0; c < size; c++) {
      const { caseId, child, assignedOn } = addWorkerCase(data, rand, {
        organisationId,
        teamId: team.id,
        gezinId,
        surname,
        gemeenteId: gemeente.id,
        rulingDate,
        today,
        workerId,
        teamLead,
        chooseType: (ageYears) =>
          ageYears >= 12 && rand.chance(0.3)
            ? 'jeugdreclassering'
            : rand.weighted([
                ['ots', 75],
                ['voogdij', 25],
              ] as const),
      });
      addContacts(data, rand, {
        organisationId,
        caseId,
        from: assignedOn,
        until: today,
        authorId: workerId,
        firstName: child.firstName,
        gapDays: CONTACT_GAP_DAYS,
      });
      addReferrals(data, rand, {
        organisationId,
        caseId,
        rulingDate,
        today,
        requestedBy: workerId,
        gemeenteId: gemeente.id,
        aanbieders,
      });
    }
  }
  return data;
}

/**
 * One child of a family as a case of `workerId`: the jeugdige, the case, its current measure (of the
 * type `chooseType` picks), the assignment a few working days after the ruling, and a koers. The
 * caller adds contacts and referrals.
 */
export function addWorkerCase(
  data: DemoData,
  rand: Random,
  opts: {
    organisationId: string;
    teamId: string;
    gezinId: string;
    surname: string;
    gemeenteId: string;
    rulingDate: IsoDate;
    today: IsoDate;
    workerId: string;
    teamLead: string | null;
    chooseType: (ageYears: number) => MaatregelType;
  },
) {
  const { organisationId, rulingDate, today, workerId } = opts;
  const child = addJeugdige(data, rand, {
    organisationId,
    gezinId: opts.gezinId,
    surname: opts.surname,
    gemeenteId: opts.gemeenteId,
    today,
  });
  const caseId = rand.uuid();
  data.cases.push({
    id: caseId,
    organisationId,
    teamId: opts.teamId,
    jeugdigeId: child.jeugdigeId,
    status: 'actief',
    openedOn: rulingDate,
    closedOn: null,
  });
  addMeasure(data, rand, {
    organisationId,
    caseId,
    type: opts.chooseType(child.ageYears),
    rulingDate,
    today,
    birthDate: child.birthDate,
    status: 'actief',
  });
  const assignedOn = addWorkingDays(rulingDate, rand.int(1, 4));
  addAssignment(data, rand, {
    organisationId,
    caseId,
    userId: workerId,
    fromDate: assignedOn,
    untilDate: null,
    assignedBy: opts.teamLead,
  });
  addKoers(data, rand, {
    organisationId,
    caseId,
    rulingDate,
    today,
    authorId: workerId,
    firstName: child.firstName,
  });
  return { caseId, child, assignedOn };
}

/** Seeds the benchmark data into an empty, migrated database. */
export async function seedBench(db: Db, today: IsoDate): Promise<DemoData> {
  const data = buildBenchData(today);
  await writeSeed(db, data);
  return data;
}
