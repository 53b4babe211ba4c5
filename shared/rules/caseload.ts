/**
 * Weighted caseload (Significant 2022: 12–14 children per full-time
 * jeugdbeschermer, depending on complexity). A bare count hides the work:
 * complex divorces, the start phase of a measure, placements out of home and
 * jeugdreclassering weigh more; a sibling in a family the worker already
 * carries weighs less. The weights are configuration (per organisation); the
 * explanation lists every factor, so a team lead can justify each figure.
 */
import { addMonths } from 'date-fns';
import { fromDate, type IsoDate, toDate } from './dates';

export interface CaseloadWeights {
  /** Every child counts this much before the factors below. */
  base: number;
  /** Added for a complex (vecht)scheiding. */
  complexDivorce: number;
  /** Added while the measure is in its start phase (the first `startPhaseMonths` after the ruling). */
  startPhase: number;
  startPhaseMonths: number;
  /** Added for a placement out of home. */
  outOfHomePlacement: number;
  /** Added for jeugdreclassering (court work, reports, hearings). */
  jeugdreclassering: number;
  /** Subtracted for each further child of a family the worker already carries (siblings share the work). */
  siblingDiscount: number;
}

export interface CaseloadNorm {
  /** Children per full-time worker: the band 12–14. */
  low: number;
  high: number;
}

export const DEFAULT_CASELOAD_WEIGHTS: CaseloadWeights = {
  base: 1,
  complexDivorce: 0.3,
  startPhase: 0.25,
  startPhaseMonths: 3,
  outOfHomePlacement: 0.25,
  jeugdreclassering: 0.2,
  siblingDiscount: 0.3,
};

export const DEFAULT_CASELOAD_NORM: CaseloadNorm = { low: 12, high: 14 };

/** What weighs in one carried case. */
export interface CaseloadCase {
  caseId: string;
  gezinId: string;
  rulingDate: IsoDate;
  complexDivorce: boolean;
  outOfHomePlacement: boolean;
  jeugdreclassering: boolean;
}

export type WeightFactor =
  | 'base'
  | 'complexDivorce'
  | 'startPhase'
  | 'outOfHomePlacement'
  | 'jeugdreclassering'
  | 'sibling';

export interface WeightedCase {
  caseId: string;
  weight: number;
  factors: { factor: WeightFactor; amount: number }[];
}

export interface WorkerCaseload {
  children: number;
  /** Sum of the case weights. */
  weighted: number;
  /** The weighted figure per full-time equivalent: what is compared with the band. */
  perFte: number;
  fte: number;
  /** The band for this worker's FTE (e.g. 0.8 fte: 9.6–11.2). */
  band: { low: number; high: number };
  state: 'onder' | 'binnen' | 'boven';
  /** Weighted children the worker can still take before reaching the top of the band (never negative). */
  room: number;
  cases: WeightedCase[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The weight of each case and the worker's figure against the band. Siblings:
 * within one family the first child (by ruling date, then id) counts fully,
 * each further child gets the discount.
 */
export function workerCaseload(
  carried: readonly CaseloadCase[],
  fte: number,
  today: IsoDate,
  weights: CaseloadWeights = DEFAULT_CASELOAD_WEIGHTS,
  norm: CaseloadNorm = DEFAULT_CASELOAD_NORM,
): WorkerCaseload {
  const ordered = [...carried].sort(
    (a, b) => a.rulingDate.localeCompare(b.rulingDate) || a.caseId.localeCompare(b.caseId),
  );
  const familiesSeen = new Set<string>();
  const cases: WeightedCase[] = ordered.map((c) => {
    const factors: WeightedCase['factors'] = [{ factor: 'base', amount: weights.base }];
    if (c.complexDivorce) factors.push({ factor: 'complexDivorce', amount: weights.complexDivorce });
    if (today < fromDate(addMonths(toDate(c.rulingDate), weights.startPhaseMonths))) {
      factors.push({ factor: 'startPhase', amount: weights.startPhase });
    }
    if (c.outOfHomePlacement)
      factors.push({ factor: 'outOfHomePlacement', amount: weights.outOfHomePlacement });
    if (c.jeugdreclassering) factors.push({ factor: 'jeugdreclassering', amount: weights.jeugdreclassering });
    if (familiesSeen.has(c.gezinId)) factors.push({ factor: 'sibling', amount: -weights.siblingDiscount });
    familiesSeen.add(c.gezinId);
    const weight = Math.max(0, round2(factors.reduce((sum, f) => sum + f.amount, 0)));
    return { caseId: c.caseId, weight, factors: factors.filter((f) => f.amount !== 0) };
  });
  const weighted = round2(cases.reduce((sum, c) => sum + c.weight, 0));
  const band = { low: round2(norm.low * fte), high: round2(norm.high * fte) };
  const perFte = fte > 0 ? round2(weighted / fte) : weighted > 0 ? Number.POSITIVE_INFINITY : 0;
  return {
    children: carried.length,
    weighted,
    perFte,
    fte,
    band,
    state: weighted < band.low ? 'onder' : weighted > band.high ? 'boven' : 'binnen',
    room: Math.max(0, round2(band.high - weighted)),
    cases,
  };
}
