/**
 * The norms dashboard for team leads (their own team): loads the per-case facts for the cases in scope in a fixed
 * number of queries, and lets shared/rules/norm-dashboard.ts count. The shares,
 * the lists and the CSV files are made from the same rows, so they agree.
 * Every child shown in a list is logged as 'list'; every child in an export as 'export'.
 */
import { and, eq, inArray, isNotNull, min, sql } from 'drizzle-orm';
import { dutchToday, type IsoDate } from '../../shared/rules/dates';
import { lastDayOf, normsStart } from '../../shared/rules/measure-life';
import {
  type BreachRow,
  breachesOf,
  computeNormDashboard,
  type DashboardCase,
  type GroupBy,
  trendPeildata,
  type UpcomingRow,
  upcomingOf,
} from '../../shared/rules/norm-dashboard';
import type { NormKey } from '../../shared/rules/norms';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import {
  caseAssignments,
  cases,
  gemeenten,
  jeugdigen,
  koersen,
  maatregelen,
  regions,
  teams,
  users,
  verwijzingen,
} from '../db/schema';
import type { AuthedContext } from '../trpc';
import { caseScope } from './access';
import { type CsvCell, toCsv } from './csv';
import { settingsOf } from './settings';
import { requireFreshAuth } from './step-up';

export interface DashboardInput {
  peildatum?: IsoDate | undefined;
  groupBy: GroupBy;
}

export async function loadDashboardCases(db: Db, ctx: AuthedContext): Promise<DashboardCase[]> {
  const base = await db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeente: gemeenten.name,
      regionId: regions.id,
      regionName: regions.name,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .where(caseScope(ctx));
  const caseIds = base.map((b) => b.caseId);
  if (caseIds.length === 0) return [];
  const [measures, assignments, koersRows, helped] = await Promise.all([
    // The current measure: the running one with the latest ruling, else the latest ended one (as the caseload).
    db
      .selectDistinctOn([maatregelen.caseId], {
        caseId: maatregelen.caseId,
        type: maatregelen.type,
        rulingDate: maatregelen.rulingDate,
        endDate: maatregelen.endDate,
        status: maatregelen.status,
        endedOn: maatregelen.endedOn,
        normsFrom: maatregelen.normsFrom,
      })
      .from(maatregelen)
      .where(inArray(maatregelen.caseId, caseIds))
      .orderBy(
        maatregelen.caseId,
        sql`${maatregelen.status} = 'lopend' desc`,
        sql`${maatregelen.rulingDate} desc`,
      ),
    db
      .select({
        caseId: caseAssignments.caseId,
        userId: caseAssignments.userId,
        userName: users.displayName,
        fromDate: caseAssignments.fromDate,
        untilDate: caseAssignments.untilDate,
      })
      .from(caseAssignments)
      .innerJoin(users, eq(users.id, caseAssignments.userId))
      .where(and(inArray(caseAssignments.caseId, caseIds), eq(caseAssignments.role, 'vast'))),
    db
      .select({
        caseId: koersen.caseId,
        version: koersen.version,
        status: koersen.status,
        agreedOn: koersen.agreedOn,
      })
      .from(koersen)
      .where(inArray(koersen.caseId, caseIds)),
    db
      .select({ caseId: verwijzingen.caseId, on: min(verwijzingen.startedOn) })
      .from(verwijzingen)
      .where(and(inArray(verwijzingen.caseId, caseIds), isNotNull(verwijzingen.startedOn)))
      .groupBy(verwijzingen.caseId),
  ]);
  const grouped = <T extends { caseId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.caseId, [...(map.get(r.caseId) ?? []), r]);
    return map;
  };
  const measureOf = new Map(measures.map((m) => [m.caseId, m]));
  const assignmentsOf = grouped(assignments);
  const koersenOf = grouped(koersRows);
  const helpOf = new Map(helped.map((h) => [h.caseId, h.on as IsoDate | null]));

  const result: DashboardCase[] = [];
  for (const row of base) {
    const measure = measureOf.get(row.caseId);
    if (!measure) continue; // No measure, no norms.
    result.push({
      caseId: row.caseId,
      name: `${row.firstName} ${row.lastName}`,
      regionId: row.regionId,
      regionName: row.regionName,
      gemeente: row.gemeente,
      // A chain of measures (omzetting): the norms count from its first ruling.
      rulingDate: normsStart(measure),
      measureType: measure.type,
      measureEndDate: measure.endDate,
      // An ended measure without an endedOn ended at its end date; a running one past its end date
      // lapsed then (shown as verlopen until registered): shared/rules/measure-life.ts.
      measureEndedOn: lastDayOf(measure),
      assignments: (assignmentsOf.get(row.caseId) ?? []).map(({ userId, userName, fromDate, untilDate }) => ({
        userId,
        userName,
        fromDate,
        untilDate,
      })),
      koersen: (koersenOf.get(row.caseId) ?? []).map(({ version, status, agreedOn }) => ({
        version,
        status,
        agreedOn,
      })),
      helpStartedOn: helpOf.get(row.caseId) ?? null,
    });
  }
  return result;
}

async function scopeOf(ctx: AuthedContext) {
  if (ctx.user.role === 'teamleider' && ctx.user.teamId) {
    const [team] = await ctx.db.select({ name: teams.name }).from(teams).where(eq(teams.id, ctx.user.teamId));
    return { scope: 'team' as const, label: team?.name ?? 'Team' };
  }
  return { scope: 'organisatie' as const, label: 'Organisatie' };
}

async function board(ctx: AuthedContext, input: DashboardInput) {
  const peildatum = input.peildatum ?? dutchToday(ctx.now);
  const [facts, settings, scope] = await Promise.all([
    loadDashboardCases(ctx.db, ctx),
    settingsOf(ctx.db, ctx.user.organisationId),
    scopeOf(ctx),
  ]);
  const options = {
    groupBy: input.groupBy,
    policy: settings.holidayPolicy,
    teamLabel: scope.label,
    noWorkerLabel: 'Zonder vaste jeugdbeschermer',
  };
  return { facts, options, scope, peildatum, now: computeNormDashboard(facts, peildatum, options) };
}

/** The shares per group, the trend, the breach lists and the upcoming deadlines. */
export async function normsDashboard(ctx: AuthedContext, input: DashboardInput) {
  const { facts, options, scope, peildatum, now } = await board(ctx, input);
  const trend = trendPeildata(peildatum).map((day) => ({
    peildatum: day,
    groups: computeNormDashboard(facts, day, options).groups,
  }));
  const listed = [...new Set([...now.breaches, ...now.upcoming].map((r) => r.caseId))];
  await logAccess(
    ctx.db,
    ctx,
    listed.map((caseId) => ({ caseId, action: 'list', procedure: 'normsDashboard.board', allowed: true })),
  );
  return {
    scope: scope.scope,
    scopeLabel: scope.label,
    peildatum,
    groupBy: input.groupBy,
    groups: now.groups,
    breaches: now.breaches,
    upcoming: now.upcoming,
    trend,
  };
}

const NORM_NAME: Record<NormKey, string> = {
  vasteJeugdbeschermer: 'Vaste jeugdbeschermer (5 werkdagen)',
  koers: 'Gedragen koers (6 weken)',
  passendeHulp: 'Passende hulp (3 maanden)',
};
const UPCOMING_NAME: Record<UpcomingRow['kind'], string> = {
  koers: 'Koers',
  passendeHulp: 'Passende hulp',
  verlenging: 'Verzoek verlenging',
};

export function breachCsvRows(rows: BreachRow[]): CsvCell[][] {
  return [
    ['Norm', 'Jeugdige', 'Jeugdbeschermer', 'Regio', 'Uiterste datum', 'Voldaan op', 'Dagen te laat'],
    ...rows.map((r) => [
      NORM_NAME[r.norm],
      r.name,
      r.workerName,
      r.regionName,
      r.dueDate,
      r.metOn,
      r.daysOver,
    ]),
  ];
}

export function upcomingCsvRows(rows: UpcomingRow[]): CsvCell[][] {
  return [
    [
      'Termijn',
      'Jeugdige',
      'Jeugdbeschermer',
      'Regio',
      'Uiterste datum',
      'Dagen over',
      'Einddatum maatregel',
    ],
    ...rows.map((r) => [
      UPCOMING_NAME[r.kind],
      r.name,
      r.workerName,
      r.regionName,
      r.dueDate,
      r.daysLeft,
      r.measureEndDate,
    ]),
  ];
}

export interface ExportInput extends DashboardInput {
  list: 'breaches' | 'upcoming';
  /** One group of the grouping, or all. */
  groupKey: string | null;
  /** For breaches: one norm, or all. */
  norm: NormKey | null;
}

/** One list as CSV: exactly the rows the screen shows for that group and norm. */
export async function exportCsv(ctx: AuthedContext, input: ExportInput) {
  requireFreshAuth(ctx);
  const { now, peildatum } = await board(ctx, input);
  const rows =
    input.list === 'breaches'
      ? breachesOf(now, input.groupBy, input.groupKey, input.norm)
      : upcomingOf(now, input.groupBy, input.groupKey);
  await logAccess(
    ctx.db,
    ctx,
    [...new Set(rows.map((r) => r.caseId))].map((caseId) => ({
      caseId,
      action: 'export',
      procedure: 'normsDashboard.exportCsv',
      allowed: true,
    })),
  );
  const name =
    input.list === 'breaches'
      ? `normen-overschrijdingen${input.norm ? `-${input.norm}` : ''}`
      : 'normen-termijnen';
  return {
    filename: `${name}-${peildatum}.csv`,
    csv: toCsv(
      input.list === 'breaches' ? breachCsvRows(rows as BreachRow[]) : upcomingCsvRows(rows as UpcomingRow[]),
    ),
    count: rows.length,
  };
}
