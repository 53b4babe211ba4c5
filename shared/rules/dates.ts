/**
 * Calendar dates as the domain uses them: a ruling, a deadline, a birthday are
 * days, not instants. They travel as 'YYYY-MM-DD' strings so that a phone in
 * Amsterdam and a server in UTC agree on which day a deadline falls.
 */
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';

export type IsoDate = string;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function toDate(day: IsoDate): Date {
  return parseISO(day);
}

export function fromDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

export function plusDays(day: IsoDate, days: number): IsoDate {
  return fromDate(addDays(toDate(day), days));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day it is in the Netherlands at `now`, whatever the device's time zone. */
export function dutchToday(now: Date = new Date()): IsoDate {
  return amsterdamDay.format(now);
}

/** Age in whole years on `today`. */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}
