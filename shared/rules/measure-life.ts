/**
 * A measure's life after its first ruling: its state on a day, the chain of
 * measures the norms run along, and when a case closes. Pure and small (the
 * phone's case file and caseload use it offline); what may be registered when
 * is checked in ./measure-checks.ts.
 *
 *  - Verlenging: the same measure gets a later end date (at most a year
 *    later), decided by a ruling made while it still ran.
 *  - Omzetting: voorlopige OTS → OTS, OTS → voogdij. The running measure ends
 *    the day before the new ruling; the new one points back at it.
 *  - Beëindiging before the end date, with a reason from a fixed list; or the
 *    lapse (`verlopen`): the end date passed without extension, and the
 *    measure ended on it.
 *  - A case closes when its last running measure ends (closingDay).
 *
 * The three norms and a chain of measures (normsFromAfter): within one
 * uninterrupted chain — extension, vOTS → OTS, OTS → voogdij — the norms run
 * on from the chain's first ruling; a measure that starts after a day without
 * one starts them again from its own ruling. See the README ("De maatregel").
 */
import type { MaatregelType } from '../schemas/maatregel';
import { type IsoDate, plusDays } from './dates';

export interface LifeMeasure {
  type: MaatregelType;
  status: 'lopend' | 'beeindigd' | string;
  rulingDate: IsoDate;
  endDate: IsoDate | null;
  endedOn?: IsoDate | null;
}

/** What the screens show: running, past its end date without a registered decision, or ended. */
export type MeasureState = 'lopend' | 'verlopen' | 'beeindigd';

export function measureState(m: Pick<LifeMeasure, 'status' | 'endDate'>, today: IsoDate): MeasureState {
  if (m.status !== 'lopend') return 'beeindigd';
  return m.endDate !== null && m.endDate < today ? 'verlopen' : 'lopend';
}

/**
 * The last day the measure runs as far as is known: the day it ended, or,
 * while it is registered as running, its end date. The figures use it, so a
 * lapsed measure leaves them at its end date even before the lapse is
 * registered (the screens show it as `verlopen` until then). Null: no end known.
 */
export function lastDayOf(m: Pick<LifeMeasure, 'status' | 'endDate' | 'endedOn'>): IsoDate | null {
  if (m.status !== 'lopend') return m.endedOn ?? m.endDate;
  return m.endDate;
}

/**
 * The day the three norms count from for a measure with this ruling that
 * follows `previous` (or nothing). The chain is uninterrupted when the new
 * ruling falls no later than the day after the previous measure's last day:
 * then the child has been under a measure all along, and the norms run on
 * from the chain's first ruling. After a gap they start again.
 */
export function normsFromAfter(
  previous: (Pick<LifeMeasure, 'status' | 'endDate' | 'endedOn' | 'rulingDate'> & ChainStart) | null,
  rulingDate: IsoDate,
): IsoDate {
  if (!previous) return rulingDate;
  const last = lastDayOf(previous);
  if (last === null || rulingDate <= plusDays(last, 1)) return normsStart(previous);
  return rulingDate;
}

export interface ChainStart {
  rulingDate: IsoDate;
  /** Null (or absent): the measure starts its own chain. */
  normsFrom?: IsoDate | null;
}

/** The day a measure's norms count from: its chain's first ruling, or its own. */
export const normsStart = (m: ChainStart): IsoDate => m.normsFrom ?? m.rulingDate;

/**
 * The day a case closes once `measures` are as given: when none runs any
 * more, the last day any of them ran; null while one still runs.
 */
export function closingDay(
  measures: readonly Pick<LifeMeasure, 'status' | 'endDate' | 'endedOn'>[],
): IsoDate | null {
  if (measures.length === 0 || measures.some((m) => m.status === 'lopend')) return null;
  const days = measures.map((m) => lastDayOf(m)).filter((d): d is IsoDate => d !== null);
  return days.sort().at(-1) ?? null;
}
