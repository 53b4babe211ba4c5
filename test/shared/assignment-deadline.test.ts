/**
 * The 5-working-day term for a vaste jeugdbeschermer, as the intake list
 * counts it. test/shared/working-days.test.ts covers the holiday calendar and
 * plain weekday rulings; this table adds the policy choices (Bevrijdingsdag
 * lustrum or yearly, Goede Vrijdag, extra closing days), a Koningsdag that
 * falls on a Saturday, and the clock of working days left and over.
 */
import { describe, expect, it } from 'vitest';
import { assignmentClock } from '../../shared/rules/intake-deadline';
import { assignmentDueDate } from '../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';

const policy = (p: Partial<HolidayPolicy> = {}): HolidayPolicy => ({ ...DEFAULT_HOLIDAY_POLICY, ...p });

describe('assignment deadline', () => {
  it.each([
    ['a Thursday ruling runs over the weekend to the next Thursday', '2026-11-19', policy(), '2026-11-26'],
    ['a Friday ruling ends the next Friday', '2026-10-09', policy(), '2026-10-16'],
    ['a Sunday ruling starts counting on Monday', '2026-11-22', policy(), '2026-11-27'],
    ['a Thursday ruling before Koningsdag (Monday 27 April) skips it', '2026-04-23', policy(), '2026-05-01'],
    ['Koningsdag on Saturday 26 April 2025 costs no working day', '2025-04-24', policy(), '2025-05-01'],
    [
      'Bevrijdingsdag 2025 (a lustrum year) counts under the lustrum policy',
      '2025-04-30',
      policy(),
      '2025-05-08',
    ],
    [
      'Bevrijdingsdag 2025 is a working day under the never policy',
      '2025-04-30',
      policy({ bevrijdingsdag: 'never' }),
      '2025-05-07',
    ],
    ['Bevrijdingsdag 2026 is a working day under the lustrum policy', '2026-04-30', policy(), '2026-05-07'],
    [
      'Bevrijdingsdag 2026 is a day off under the yearly policy',
      '2026-04-30',
      policy({ bevrijdingsdag: 'yearly' }),
      '2026-05-08',
    ],
    ['Hemelvaartsdag (Thursday 14 May 2026) does not count', '2026-05-12', policy(), '2026-05-20'],
    ['Tweede Pinksterdag does not count', '2026-05-20', policy(), '2026-05-28'],
    ['both Christmas days (Thursday and Friday) do not count', '2025-12-22', policy(), '2025-12-31'],
    ['a ruling on Christmas Eve runs past New Year', '2025-12-24', policy(), '2026-01-05'],
    ['Goede Vrijdag counts as a working day by default', '2026-04-01', policy(), '2026-04-09'],
    [
      'Goede Vrijdag is a day off when configured',
      '2026-04-01',
      policy({ goedeVrijdag: true }),
      '2026-04-10',
    ],
    ['before Christmas 2026 (Friday) without closing days', '2026-12-21', policy(), '2026-12-29'],
    [
      'an extra closing day on Christmas Eve moves the term a day',
      '2026-12-21',
      policy({ extraDays: ['2026-12-24'] }),
      '2026-12-30',
    ],
  ])('%s', (_name, ruling, holidayPolicy, due) => {
    expect(assignmentDueDate(ruling, holidayPolicy)).toBe(due);
    expect(assignmentClock(ruling, ruling, holidayPolicy)).toEqual({
      dueDate: due,
      workingDaysLeft: 5,
      overdue: false,
    });
  });
});

describe('working days left on the intake list', () => {
  // Ruling Thursday 19 November 2026, due Thursday 26 November.
  it.each([
    ['on the ruling day all five are left', '2026-11-19', 5, false],
    ['a weekend day does not use one up', '2026-11-21', 4, false],
    ['the day after the weekend has used one', '2026-11-23', 3, false],
    ['on the due date none is left, but it is not late', '2026-11-26', 0, false],
    ['the day after the due date is one over', '2026-11-27', -1, true],
    ['the Saturday after is still one over', '2026-11-28', -1, true],
    ['the Monday after is two over', '2026-11-30', -2, true],
  ])('%s', (_name, today, left, overdue) => {
    expect(assignmentClock('2026-11-19', today, DEFAULT_HOLIDAY_POLICY)).toEqual({
      dueDate: '2026-11-26',
      workingDaysLeft: left,
      overdue,
    });
  });

  it('counts a configured closing day neither as left nor as over', () => {
    const closed = policy({ extraDays: ['2026-11-24'] });
    expect(assignmentClock('2026-11-19', '2026-11-23', closed)).toMatchObject({
      dueDate: '2026-11-27',
      workingDaysLeft: 3,
    });
  });
});
