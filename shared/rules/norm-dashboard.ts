/**
 * The norms dashboard: from per-case facts and a peildatum, the share of
 * children that got each of the three norms on time, per group (team, worker,
 * region), the children behind every breach, and the deadlines of the next two
 * weeks. Pure: the server loads the facts and is the authority; the counts are
 * made from the same rows as the lists, so a share's numbers always equal the
 * lists behind it.
 *
 * How a share is computed, per norm, at peildatum P:
 *  - Only facts known on P count: a koers agreed, help started or worker
 *    assigned after P is "not met" at P (so a trend point does not change
 *    with hindsight). A measure whose ruling is after P is not counted.
 *  - A child is counted once its deadline has passed by P (deadline < P) or it
 *    met the norm by P. A child whose deadline is still ahead (the due day itself
 *    included) and has not met it is not counted yet.
 *  - Met = `voldaan` (met on or before the due day). Not met = `te-laat-voldaan`
 *    (met after the due day) or `te-laat` (still open past the due day).
 *  - A measure that ended on or before the due day without the norm being met
 *    by its end is not counted: the norm stopped applying before it fell due.
 *  - Koers: the first vastgestelde koers counts (the agreedOn of the earliest
 *    vastgestelde version); a later revision neither helps nor hurts.
 *  - Help: the first verwijzing that started. Worker: the first vaste assignment.
 *  - Worker attribution: the vaste jeugdbeschermer who carries the case on P
 *    (for today: the current worker; a transferred case moves with it). A case
 *    without one on P is grouped under `NO_WORKER`.
 *  - Region: the region of the gemeente of the child's woonplaats.
 */
import { addMonths, endOfMonth } from 'date-fns';
import { daysBetween, fromDate, type IsoDate, plusDays, toDate } from './dates';
import { EXTENSION_REQUEST_WEEKS } from './extension';
import { assignmentDueDate, helpDueDate, koersDueDate, NORM_KEYS, type NormKey } from './norms';
import type { HolidayPolicy } from './working-days';

export const GROUP_BYS = ['team', 'worker', 'region'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const NO_WORKER = 'geen';
export const TEAM_GROUP = 'team';
/** Upcoming deadlines: this many calendar days from the peildatum, both ends included. */
export const UPCOMING_DAYS = 14;
export const TREND_MONTHS = 12;

export interface DashboardAssignment {
  userId: string;
  userName: string;
  fromDate: IsoDate;
  /** Null while it lasts. */
  untilDate: IsoDate | null;
}

export interface DashboardKoers {
  version: number;
  status: string;
  agreedOn: IsoDate | null;
}

export interface DashboardCase {
  caseId: string;
  name: string;
  regionId: string;
  regionName: string;
  gemeente: string;
  /** The current measure (running first, then the latest ruling). */
  rulingDate: IsoDate;
  measureType: string;
  measureEndDate: IsoDate | null;
  /** The day the measure ended, if it did. */
  measureEndedOn: IsoDate | null;
  /** Vaste assignments only. */
  assignments: DashboardAssignment[];
  koersen: DashboardKoers[];
  helpStartedOn: IsoDate | null;
}

export interface ShareCount {
  /** Children counted (deadline passed, or met). */
  counted: number;
  /** Of those, met on time. */
  met: number;
  /** met / counted, or null when nobody is counted yet. */
  share: number | null;
}

export interface DashboardGroup {
  key: string;
  label: string;
  norms: Record<NormKey, ShareCount>;
}

export interface BreachRow {
  norm: NormKey;
  caseId: string;
  name: string;
  workerId: string;
  workerName: string;
  regionId: string;
  regionName: string;
  dueDate: IsoDate;
  metOn: IsoDate | null;
  state: 'te-laat' | 'te-laat-voldaan';
  daysOver: number;
}

export type UpcomingKind = 'koers' | 'passendeHulp' | 'verlenging';

export interface UpcomingRow {
  kind: UpcomingKind;
  caseId: string;
  name: string;
  workerId: string;
  workerName: string;
  regionId: string;
  regionName: string;
  /** The due day; for `verlenging`, the last day to file the request. */
  dueDate: IsoDate;
  daysLeft: number;
  measureEndDate: IsoDate | null;
}

export interface NormDashboard {
  peildatum: IsoDate;
  groups: DashboardGroup[];
  breaches: BreachRow[];
  upcoming: UpcomingRow[];
}

/** The agreedOn of the earliest vastgestelde version. */
export function firstAgreedKoers(koersen: readonly DashboardKoers[]): IsoDate | null {
  const agreed = koersen
    .filter((k) => k.status === 'vastgesteld' && k.agreedOn !== null)
    .sort((a, b) => a.version - b.version);
  return agreed[0]?.agreedOn ?? null;
}

export function firstAssignedOn(assignments: readonly DashboardAssignment[]): IsoDate | null {
  const days = assignments.map((a) => a.fromDate).sort();
  return days[0] ?? null;
}

/** The vaste worker who carries the case on `day`, or null. */
export function workerOn(
  assignments: readonly DashboardAssignment[],
  day: IsoDate,
): DashboardAssignment | null {
  const carrying = assignments.filter(
    (a) => a.fromDate <= day && (a.untilDate === null || a.untilDate >= day),
  );
  return carrying.sort((a, b) => b.fromDate.localeCompare(a.fromDate))[0] ?? null;
}

type Outcome = { counted: false } | { counted: true; met: boolean; metOn: IsoDate | null; daysOver: number };

/** One norm for one case at peildatum P (see the file comment for the rules). */
export function normOutcome(
  dueDate: IsoDate,
  metOn: IsoDate | null,
  endedOn: IsoDate | null,
  p: IsoDate,
): Outcome {
  const metByP = metOn !== null && metOn <= p ? metOn : null;
  const ended = endedOn !== null && endedOn <= p ? endedOn : null;
  if (ended !== null && ended <= dueDate && (metByP === null || metByP > ended)) return { counted: false };
  if (metByP !== null) {
    const over = daysBetween(dueDate, metByP);
    return { counted: true, met: over <= 0, metOn: metByP, daysOver: Math.max(0, over) };
  }
  if (dueDate >= p) return { counted: false };
  // Still open: the days over run until the peildatum, or stop when the measure ended.
  return { counted: true, met: false, metOn: null, daysOver: daysBetween(dueDate, ended ?? p) };
}

export function dueDates(
  c: Pick<DashboardCase, 'rulingDate'>,
  policy: HolidayPolicy,
): Record<NormKey, IsoDate> {
  return {
    vasteJeugdbeschermer: assignmentDueDate(c.rulingDate, policy),
    koers: koersDueDate(c.rulingDate),
    passendeHulp: helpDueDate(c.rulingDate),
  };
}

function metOnOf(c: DashboardCase): Record<NormKey, IsoDate | null> {
  return {
    vasteJeugdbeschermer: firstAssignedOn(c.assignments),
    koers: firstAgreedKoers(c.koersen),
    passendeHulp: c.helpStartedOn,
  };
}

const emptyCounts = (): Record<NormKey, ShareCount> => ({
  vasteJeugdbeschermer: { counted: 0, met: 0, share: null },
  koers: { counted: 0, met: 0, share: null },
  passendeHulp: { counted: 0, met: 0, share: null },
});

export interface DashboardOptions {
  groupBy: GroupBy;
  /** The organisation's holiday policy: the same one every other screen counts with. */
  policy: HolidayPolicy;
  /** The label of the single group when grouping by team. */
  teamLabel?: string;
  /** The label of the group of cases without a vaste worker. */
  noWorkerLabel?: string;
}

export function computeNormDashboard(
  cases: readonly DashboardCase[],
  peildatum: IsoDate,
  options: DashboardOptions,
): NormDashboard {
  const { policy } = options;
  const groups = new Map<string, DashboardGroup>();
  const breaches: BreachRow[] = [];
  const upcoming: UpcomingRow[] = [];
  const horizon = plusDays(peildatum, UPCOMING_DAYS);

  for (const c of cases) {
    if (c.rulingDate > peildatum) continue;
    const worker = workerOn(c.assignments, peildatum);
    const workerId = worker?.userId ?? NO_WORKER;
    const workerName = worker?.userName ?? options.noWorkerLabel ?? 'Zonder vaste jeugdbeschermer';
    const [key, label] =
      options.groupBy === 'team'
        ? [TEAM_GROUP, options.teamLabel ?? 'Team']
        : options.groupBy === 'worker'
          ? [workerId, workerName]
          : [c.regionId, c.regionName];
    let group = groups.get(key);
    if (!group) {
      group = { key, label, norms: emptyCounts() };
      groups.set(key, group);
    }
    const due = dueDates(c, policy);
    const metOn = metOnOf(c);
    const who = {
      caseId: c.caseId,
      name: c.name,
      workerId,
      workerName,
      regionId: c.regionId,
      regionName: c.regionName,
    };
    const running = c.measureEndedOn === null || c.measureEndedOn > peildatum;

    for (const norm of NORM_KEYS) {
      const outcome = normOutcome(due[norm], metOn[norm], c.measureEndedOn, peildatum);
      if (outcome.counted) {
        const count = group.norms[norm];
        count.counted += 1;
        if (outcome.met) count.met += 1;
        else
          breaches.push({
            norm,
            ...who,
            dueDate: due[norm],
            metOn: outcome.metOn,
            state: outcome.metOn ? 'te-laat-voldaan' : 'te-laat',
            daysOver: outcome.daysOver,
          });
      }
      const open = metOn[norm] === null || (metOn[norm] as IsoDate) > peildatum;
      if (
        norm !== 'vasteJeugdbeschermer' &&
        running &&
        open &&
        due[norm] >= peildatum &&
        due[norm] <= horizon
      ) {
        upcoming.push({
          kind: norm,
          ...who,
          dueDate: due[norm],
          daysLeft: daysBetween(peildatum, due[norm]),
          measureEndDate: c.measureEndDate,
        });
      }
    }
    if (running && c.measureEndDate && c.measureEndDate >= peildatum) {
      const requestBy = plusDays(c.measureEndDate, -EXTENSION_REQUEST_WEEKS * 7);
      if (requestBy >= peildatum && requestBy <= horizon) {
        upcoming.push({
          kind: 'verlenging',
          ...who,
          dueDate: requestBy,
          daysLeft: daysBetween(peildatum, requestBy),
          measureEndDate: c.measureEndDate,
        });
      }
    }
  }

  for (const group of groups.values()) {
    for (const norm of NORM_KEYS) {
      const n = group.norms[norm];
      n.share = n.counted === 0 ? null : n.met / n.counted;
    }
  }
  const collator = (a: string, b: string) => a.localeCompare(b, 'nl');
  return {
    peildatum,
    groups: [...groups.values()].sort((a, b) => collator(a.label, b.label)),
    breaches: breaches.sort(
      (a, b) =>
        NORM_KEYS.indexOf(a.norm) - NORM_KEYS.indexOf(b.norm) ||
        b.daysOver - a.daysOver ||
        collator(a.name, b.name),
    ),
    upcoming: upcoming.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || collator(a.name, b.name)),
  };
}

/** The group a breach or upcoming row belongs to under a grouping. */
export function rowGroupKey(row: { workerId: string; regionId: string }, groupBy: GroupBy): string {
  return groupBy === 'team' ? TEAM_GROUP : groupBy === 'worker' ? row.workerId : row.regionId;
}

/**
 * The trend's peildata: the ends of the 11 months before the peildatum's month,
 * then the peildatum itself (the running month so far), oldest first.
 */
export function trendPeildata(peildatum: IsoDate, months = TREND_MONTHS): IsoDate[] {
  const days: IsoDate[] = [];
  for (let i = months - 1; i >= 1; i--) days.push(fromDate(endOfMonth(addMonths(toDate(peildatum), -i))));
  days.push(peildatum);
  return days;
}

/** A share as a whole percentage, rounded half up; null when nobody is counted. */
export function sharePercent(count: ShareCount): number | null {
  return count.share === null ? null : Math.round(count.share * 100);
}

/** The breach rows behind one group's counts (all norms, or one). */
export function breachesOf(
  board: Pick<NormDashboard, 'breaches'>,
  groupBy: GroupBy,
  groupKey: string | null,
  norm: NormKey | null = null,
): BreachRow[] {
  return board.breaches.filter(
    (b) => (groupKey === null || rowGroupKey(b, groupBy) === groupKey) && (norm === null || b.norm === norm),
  );
}

/** The upcoming deadlines of one group (or all). */
export function upcomingOf(
  board: Pick<NormDashboard, 'upcoming'>,
  groupBy: GroupBy,
  groupKey: string | null,
): UpcomingRow[] {
  return board.upcoming.filter((u) => groupKey === null || rowGroupKey(u, groupBy) === groupKey);
}
