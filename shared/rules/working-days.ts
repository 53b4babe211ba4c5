/**
 * Working days in the Netherlands, for legal terms such as the 5 days within
 * which a new case must have a vaste jeugdbeschermer. Weekends and the Dutch
 * public holidays do not count. Which holidays count is configuration: a GI's
 * collective agreement decides, e.g., whether Bevrijdingsdag is a day off every
 * year or only every fifth year.
 */
import { addDays, getDay } from 'date-fns';
import { fromDate, type IsoDate, toDate } from './dates';

export interface HolidayPolicy {
  /** 'yearly', only in lustrum years (2025, 2030, …), or never. */
  bevrijdingsdag: 'yearly' | 'lustrum' | 'never';
  goedeVrijdag: boolean;
  /** Extra closing days of the organisation, as 'YYYY-MM-DD'. */
  extraDays: readonly IsoDate[];
}

export const DEFAULT_HOLIDAY_POLICY: HolidayPolicy = {
  bevrijdingsdag: 'lustrum',
  goedeVrijdag: false,
  extraDays: [],
};

/** Easter Sunday (Gregorian), by the anonymous algorithm of Meeus/Jones/Butcher. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public holidays of one year under a policy, as 'YYYY-MM-DD'. */
export function dutchHolidays(year: number, policy: HolidayPolicy = DEFAULT_HOLIDAY_POLICY): IsoDate[] {
  const easter = toDate(easterSunday(year));
  const fromEaster = (days: number) => fromDate(addDays(easter, days));
  // Koningsdag moves to the 26th when the 27th is a Sunday.
  const kingsDay = toDate(`${year}-04-27`);
  const days: IsoDate[] = [
    `${year}-01-01`,
    fromEaster(0),
    fromEaster(1),
    getDay(kingsDay) === 0 ? `${year}-04-26` : `${year}-04-27`,
    fromEaster(39), // Hemelvaartsdag
    fromEaster(49), // 1e Pinksterdag
    fromEaster(50), // 2e Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
  ];
  if (policy.goedeVrijdag) days.push(fromEaster(-2));
  if (policy.bevrijdingsdag === 'yearly' || (policy.bevrijdingsdag === 'lustrum' && year % 5 === 0)) {
    days.push(`${year}-05-05`);
  }
  for (const extra of policy.extraDays) if (extra.startsWith(`${year}-`)) days.push(extra);
  return days.sort();
}

const holidayCache = new Map<string, Set<IsoDate>>();

function holidaySet(year: number, policy: HolidayPolicy): Set<IsoDate> {
  const key = `${year}|${policy.bevrijdingsdag}|${policy.goedeVrijdag}|${policy.extraDays.join(',')}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(dutchHolidays(year, policy));
    holidayCache.set(key, set);
  }
  return set;
}

export function isWorkingDay(day: IsoDate, policy: HolidayPolicy = DEFAULT_HOLIDAY_POLICY): boolean {
  const weekday = getDay(toDate(day));
  if (weekday === 0 || weekday === 6) return false;
  return !holidaySet(Number(day.slice(0, 4)), policy).has(day);
}

/** The day that is `count` working days after `start` (the start day itself never counts). */
export function addWorkingDays(
  start: IsoDate,
  count: number,
  policy: HolidayPolicy = DEFAULT_HOLIDAY_POLICY,
): IsoDate {
  let date = toDate(start);
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(fromDate(date), policy)) left -= 1;
  }
  return fromDate(date);
}
