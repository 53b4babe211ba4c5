/**
 * When an extension (verlenging) of a measure must be requested. The court
 * needs the request well before the measure ends; the GI files it at least
 * EXTENSION_REQUEST_WEEKS before the end date, and the case file starts
 * warning EXTENSION_WARNING_WEEKS before that deadline.
 */
import { daysBetween, type IsoDate, plusDays } from './dates';

export const EXTENSION_REQUEST_WEEKS = 8;
export const EXTENSION_WARNING_WEEKS = 4;

export type ExtensionState = 'niet-nodig' | 'binnenkort' | 'nu' | 'te-laat' | 'verlopen';

export interface ExtensionAlert {
  state: ExtensionState;
  /** The last day to file the request. */
  requestBy: IsoDate;
  endDate: IsoDate;
  /** Days until requestBy (negative: past it). */
  daysLeft: number;
}

/**
 * For a running measure with an end date: `binnenkort` in the warning window,
 * `nu` in the last week before the deadline, `te-laat` past the deadline while
 * the measure still runs, `verlopen` once the end date itself has passed
 * without a registered extension or ending (shared/rules/measure-life.ts).
 */
export function extensionAlert(
  measure: { status: string; endDate: IsoDate | null; type?: string },
  today: IsoDate,
): ExtensionAlert | null {
  if (measure.status !== 'lopend' || !measure.endDate) return null;
  // Voogdij ends when the child turns 18 and is not extended: only its lapse is worth saying.
  if (measure.type === 'voogdij' && measure.endDate >= today) return null;
  const requestBy = plusDays(measure.endDate, -EXTENSION_REQUEST_WEEKS * 7);
  const daysLeft = daysBetween(today, requestBy);
  let state: ExtensionState;
  if (daysBetween(today, measure.endDate) < 0) state = 'verlopen';
  else if (daysLeft < 0) state = 'te-laat';
  else if (daysLeft <= 7) state = 'nu';
  else if (daysLeft <= EXTENSION_WARNING_WEEKS * 7) state = 'binnenkort';
  else state = 'niet-nodig';
  return { state, requestBy, endDate: measure.endDate, daysLeft };
}
