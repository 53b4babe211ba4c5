/**
 * When a worker's daily digest is due: on a working day of the organisation's
 * holiday policy (no weekends, no holidays), at or after the time the worker
 * chose (Dutch time), at most once a day, and not hours late (a server that
 * was down all morning does not send the 08:00 digest at night). The message
 * itself is one fixed text that names nothing (REMINDER_TEXT).
 */
import type { IsoDate } from './dates';
import { type HolidayPolicy, isWorkingDay } from './working-days';

export const DEFAULT_DIGEST_TIME = '08:00';
export const DIGEST_TIME_ZONE = 'Europe/Amsterdam';
/** How long after the chosen time a digest that could not go yet (server down) may still go. */
export const DIGEST_CATCH_UP_MINUTES = 4 * 60;

export { DIGEST_TIME_PATTERN, REMINDER_ROUTE, REMINDER_TAG, REMINDER_TEXT } from './reminder-message';

const amsterdamClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: DIGEST_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Dutch calendar day and the minute of that day at `now`. */
export function dutchClock(now: Date): { day: IsoDate; minutes: number } {
  const parts = Object.fromEntries(amsterdamClock.formatToParts(now).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export const minutesOf = (time: string): number => {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
};

export interface DigestState {
  digestEnabled: boolean;
  digestTime: string;
  /** The Dutch day the digest was last handled (sent, or found nothing to send). */
  lastDigestOn: IsoDate | null;
}

/** Whether the digest is due at `now`; the day to claim it for when it is. */
export function digestDue(
  state: DigestState,
  now: Date,
  policy: HolidayPolicy,
): { due: true; day: IsoDate } | { due: false } {
  if (!state.digestEnabled) return { due: false };
  const { day, minutes } = dutchClock(now);
  if (!isWorkingDay(day, policy)) return { due: false };
  if (state.lastDigestOn !== null && state.lastDigestOn >= day) return { due: false };
  const late = minutes - minutesOf(state.digestTime);
  if (late < 0 || late > DIGEST_CATCH_UP_MINUTES) return { due: false };
  return { due: true, day };
}

/**
 * The desk's answers on a referral that need the worker (a notice goes to the
 * case's jeugdbeschermer): a refusal to weigh (escalate, another provider), an
 * acceptance or waiting-list place to plan with the family, an alternative
 * offer to choose on, an escalation's follow-up. Steps the worker takes
 * themselves (submitting, withdrawing) send nothing.
 */
export const DESK_ANSWERS_FOR_WORKER = [
  'afwijzen',
  'accepteren',
  'wachtlijst',
  'alternatief',
  'opvolging',
] as const;

export function needsWorkerNotice(step: string): boolean {
  return (DESK_ANSWERS_FOR_WORKER as readonly string[]).includes(step);
}
