/**
 * The three inspection norms (IGJ / IJenV) per child with a measure:
 *  1. a vaste jeugdbeschermer within 5 working days of the ruling,
 *  2. a gedragen koers within 6 weeks of the ruling,
 *  3. passende hulp in place within 3 months of the ruling.
 * Pure functions: the phone runs them offline, the server as the authority.
 */
import { addMonths } from 'date-fns';
import { daysBetween, fromDate, type IsoDate, plusDays, toDate } from './dates';
import { normsStart } from './measure-life';
import { addWorkingDays, type HolidayPolicy } from './working-days';

export const NORM_KEYS = ['vasteJeugdbeschermer', 'koers', 'passendeHulp'] as const;
export type NormKey = (typeof NORM_KEYS)[number];

/**
 * - `voldaan`: met on or before the deadline.
 * - `te-laat-voldaan`: met, but after the deadline (counts as not timely for the inspection).
 * - `op-tijd`: not met yet, deadline comfortably ahead.
 * - `bijna`: not met yet, deadline close.
 * - `te-laat`: not met and the deadline has passed.
 */
export type NormState = 'voldaan' | 'te-laat-voldaan' | 'op-tijd' | 'bijna' | 'te-laat';

export interface NormStatus {
  norm: NormKey;
  dueDate: IsoDate;
  metOn: IsoDate | null;
  state: NormState;
  /** Calendar days until the deadline; negative is days over. For a met norm: days to spare (or over) when met. */
  daysLeft: number;
}

/** How many calendar days before the deadline an open norm turns to `bijna`. */
export const WARNING_DAYS: Record<NormKey, number> = {
  vasteJeugdbeschermer: 2,
  koers: 7,
  passendeHulp: 14,
};

export const ASSIGNMENT_WORKING_DAYS = 5;
export const KOERS_WEEKS = 6;
export const HELP_MONTHS = 3;

/**
 * The organisation's holiday policy is never optional here: a default would let one screen count
 * another deadline than the next for the same child.
 */
export function assignmentDueDate(rulingDate: IsoDate, policy: HolidayPolicy): IsoDate {
  return addWorkingDays(rulingDate, ASSIGNMENT_WORKING_DAYS, policy);
}

export function koersDueDate(rulingDate: IsoDate): IsoDate {
  return plusDays(rulingDate, KOERS_WEEKS * 7);
}

export function helpDueDate(rulingDate: IsoDate): IsoDate {
  // date-fns clamps to the month's last day: 30 Nov + 3 months is 28/29 Feb.
  return fromDate(addMonths(toDate(rulingDate), HELP_MONTHS));
}

export function normStatus(
  norm: NormKey,
  dueDate: IsoDate,
  metOn: IsoDate | null,
  today: IsoDate,
): NormStatus {
  if (metOn !== null) {
    const spare = daysBetween(metOn, dueDate);
    return { norm, dueDate, metOn, state: spare >= 0 ? 'voldaan' : 'te-laat-voldaan', daysLeft: spare };
  }
  const daysLeft = daysBetween(today, dueDate);
  const state: NormState = daysLeft < 0 ? 'te-laat' : daysLeft <= WARNING_DAYS[norm] ? 'bijna' : 'op-tijd';
  return { norm, dueDate, metOn: null, state, daysLeft };
}

export interface NormFacts {
  /** The court's ruling that started the current measure. */
  rulingDate: IsoDate;
  /** The first day a vaste jeugdbeschermer was assigned, if any. */
  assignedOn: IsoDate | null;
  /** The first day a koers was vastgesteld with the family, if any. */
  koersAgreedOn: IsoDate | null;
  /** The first day fitting help started, if any. */
  helpStartedOn: IsoDate | null;
}

export type CaseNorms = Record<NormKey, NormStatus>;

/** The three norms of a case, under the organisation's holiday policy (for the 5 working days). */
export function caseNorms(facts: NormFacts, today: IsoDate, policy: HolidayPolicy): CaseNorms {
  return {
    vasteJeugdbeschermer: normStatus(
      'vasteJeugdbeschermer',
      assignmentDueDate(facts.rulingDate, policy),
      facts.assignedOn,
      today,
    ),
    koers: normStatus('koers', koersDueDate(facts.rulingDate), facts.koersAgreedOn, today),
    passendeHulp: normStatus('passendeHulp', helpDueDate(facts.rulingDate), facts.helpStartedOn, today),
  };
}

const STATE_RANK: Record<NormState, number> = {
  'te-laat': 4,
  bijna: 3,
  'op-tijd': 2,
  'te-laat-voldaan': 1,
  voldaan: 0,
};

/** The most pressing state among a case's norms: what the caseload sorts and colours by. */
export function worstNormState(norms: CaseNorms): NormState {
  let worst: NormState = 'voldaan';
  for (const key of NORM_KEYS) {
    if (STATE_RANK[norms[key].state] > STATE_RANK[worst]) worst = norms[key].state;
  }
  return worst;
}

/** Sort key for urgency: worse state first, then the nearest open deadline. */
export function urgencyRank(norms: CaseNorms): [number, number] {
  const open = NORM_KEYS.map((k) => norms[k]).filter((n) => n.metOn === null);
  const nearest = open.length ? Math.min(...open.map((n) => n.daysLeft)) : Number.MAX_SAFE_INTEGER;
  return [-STATE_RANK[worstNormState(norms)], nearest];
}

/** Orders measures with the current one first: running before ended, then the newest ruling. */
export const currentMeasureFirst = (
  a: { rulingDate: IsoDate; status: string },
  b: { rulingDate: IsoDate; status: string },
) =>
  Number(b.status === 'lopend') - Number(a.status === 'lopend') || b.rulingDate.localeCompare(a.rulingDate);

/**
 * The ruling the norms count from for the current measure (and the help norm of a new request):
 * the first ruling of its uninterrupted chain, or its own (shared/rules/measure-life.ts).
 */
export function currentRulingDate(
  measures: readonly { rulingDate: IsoDate; status: string; normsFrom?: IsoDate | null }[],
): IsoDate | null {
  const current = [...measures].sort(currentMeasureFirst)[0];
  return current ? normsStart(current) : null;
}
