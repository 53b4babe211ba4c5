/**
 * Load data: the demo organisation plus `workers` extra jeugdbeschermers
 * (`load.001`, `load.002`, …), each with a small caseload of their own (one or
 * two children, an active measure, no koers yet), so that every simulated
 * device signs in as a distinct worker and its pulls stay small. Built by the
 * demo's own builders from a fixed seed.
 */

import type { Db } from '../../server/db/connection';
import {
  addAssignment,
  addGezin,
  addJeugdige,
  addMeasure,
  buildDemoData,
  DEMO_PASSWORD,
  writeSeed,
} from '../../server/seed/demo';
import { Random } from '../../server/seed/random';
import { dutchToday, type IsoDate, plusDays } from '../../shared/rules/dates';

export interface LoadWorker {
  username: string;
  password: string;
  userId: string;
  caseIds: string[];
}

export const loadUsername = (i: number) => `load.${String(i + 1).padStart(3, '0')}`;

export async function seedLoad(
  db: Db,
  workers: number,
  today: IsoDate = dutchToday(),
): Promise<LoadWorker[]> {
  const data = buildDemoData(today);
  const rand = new Random(7_007);
  const organisationId = data.organisations[0]?.id;
  const team = data.teams[0];
  const region = data.regions[0];
  if (!organisationId || !team || !region) throw new Error('demo data without organisation or team');
  const gemeenten = data.gemeenten.filter((g) => g.regionId === region.id);
  const result: LoadWorker[] = [];
  for (let w = 0; w < workers; w++) {
    const userId = rand.uuid();
    data.users.push({
      id: userId,
      organisationId,
      teamId: team.id,
      username: loadUsername(w),
      displayName: `Lotte Load ${w + 1}`,
      role: 'jeugdbeschermer',
      fte: 1,
    });
    const gemeente = rand.pick(gemeenten);
    const { gezinId, surname } = addGezin(data, rand, { organisationId, gemeenteId: gemeente.id });
    const rulingDate = plusDays(today, -rand.int(30, 400));
    const caseIds: string[] = [];
    for (let c = 0, n = rand.int(1, 2); c < n; c++) {
      const child = addJeugdige(data, rand, {
        organisationId,
        gezinId,
        surname,
        gemeenteId: gemeente.id,
        today,
      });
      const caseId = rand.uuid();
      caseIds.push(caseId);
      data.cases.push({
        id: caseId,
        organisationId,
        teamId: team.id,
        jeugdigeId: child.jeugdigeId,
        status: 'actief',
        openedOn: rulingDate,
        closedOn: null,
      });
      addMeasure(data, rand, {
        organisationId,
        caseId,
        type: 'ots',
        rulingDate,
        today,
        birthDate: child.birthDate,
        status: 'actief',
      });
      addAssignment(data, rand, {
        organisationId,
        caseId,
        userId,
        fromDate: rulingDate,
        untilDate: null,
        assignedBy: null,
      });
    }
    result.push({ username: loadUsername(w), password: DEMO_PASSWORD, userId, caseIds });
  }
  await writeSeed(db, data);
  return result;
}
