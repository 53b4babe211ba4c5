/**
 * Device time: when a phone says something happened. The server's order
 * decides (sync versions, mutation ids); the device's time is kept as "when it
 * happened" and flagged when it cannot be right. Flagging never refuses or
 * reorders a change: a contact logged on a phone whose clock is two days
 * ahead is still a contact, with a note that its time is doubtful.
 *
 * The rules:
 *  - more than 15 minutes after the server's time: the moment lies in the
 *    future, so the device clock runs ahead (a contact already took place);
 *  - more than 90 days before the server's time: far older than any late
 *    entry of a report, so most likely a clock reset (e.g. to 1970 or a
 *    factory date);
 *  - a device clock that differs from the server's by more than 5 minutes is
 *    worth a warning on the phone: "now" there decides what looks overdue.
 */

export const DEVICE_TIME_AHEAD_MS = 15 * 60_000;
export const DEVICE_TIME_BEHIND_MS = 90 * 24 * 60 * 60_000;
export const CLOCK_SKEW_WARN_MS = 5 * 60_000;

/** The argument fields that carry a device time, per mutation (others carry none: koers edits use versions). */
export const DEVICE_TIME_FIELDS = ['occurredAt', 'requestedAt', 'decidedAt'] as const;

export type DeviceTimeVerdict = 'toekomst' | 'verleden' | null;

/** Whether a device time is plausible at the server's `now`; an unreadable time counts as null (the schema refuses it). */
export function judgeDeviceTime(at: string, now: Date): DeviceTimeVerdict {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  const diff = t - now.getTime();
  if (diff > DEVICE_TIME_AHEAD_MS) return 'toekomst';
  if (-diff > DEVICE_TIME_BEHIND_MS) return 'verleden';
  return null;
}

function span(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return `${minutes} minuten`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} uur`;
  return `${Math.round(hours / 24)} dagen`;
}

/**
 * The note for a mutation whose device times are implausible, in Dutch (it is
 * shown to the worker and kept in the access log); null when all are plausible.
 */
export function deviceTimeNote(args: unknown, now: Date): string | null {
  if (typeof args !== 'object' || args === null) return null;
  const notes: string[] = [];
  for (const field of DEVICE_TIME_FIELDS) {
    const at = (args as Record<string, unknown>)[field];
    if (typeof at !== 'string') continue;
    const verdict = judgeDeviceTime(at, now);
    if (!verdict) continue;
    const diff = Date.parse(at) - now.getTime();
    notes.push(`${at} ligt ${span(diff)} ${verdict === 'toekomst' ? 'na' : 'vóór'} de servertijd`);
  }
  return notes.length ? `Toesteltijd onwaarschijnlijk: ${notes.join('; ')}.` : null;
}

/** How far the device clock runs ahead of the server's (negative: behind), from a server time and the device's now. */
export function clockSkewMs(serverTime: string, deviceNow: number): number | null {
  const t = Date.parse(serverTime);
  return Number.isNaN(t) ? null : deviceNow - t;
}

/** The device clock differs from the server's enough to warn. */
export const clockLooksWrong = (skewMs: number | null | undefined): boolean =>
  skewMs != null && Math.abs(skewMs) > CLOCK_SKEW_WARN_MS;
