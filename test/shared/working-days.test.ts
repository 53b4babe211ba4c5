import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_HOLIDAY_POLICY,
  dutchHolidays,
  easterSunday,
  isWorkingDay,
} from '../../shared/rules/working-days';

describe('Easter Sunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('falls in %i on %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });
});

describe('Dutch public holidays', () => {
  it('lists the holidays of 2026 under the default policy', () => {
    expect(dutchHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('moves Koningsdag to the 26th when the 27th is a Sunday', () => {
    expect(dutchHolidays(2025)).toContain('2025-04-26');
    expect(dutchHolidays(2025)).not.toContain('2025-04-27');
  });

  it('takes Bevrijdingsdag only in lustrum years by default, every year when configured', () => {
    expect(dutchHolidays(2025)).toContain('2025-05-05');
    expect(dutchHolidays(2026)).not.toContain('2026-05-05');
    expect(dutchHolidays(2026, { ...DEFAULT_HOLIDAY_POLICY, bevrijdingsdag: 'yearly' })).toContain(
      '2026-05-05',
    );
  });
});

describe('the 5-working-day assignment term', () => {
  it.each([
    ['a Monday ruling ends the next Monday', '2026-11-23', '2026-11-30'],
    ['a Friday ruling skips the weekend', '2026-11-20', '2026-11-27'],
    ['a Saturday ruling starts counting on Monday', '2026-11-21', '2026-11-27'],
    ['Christmas, Boxing Day and New Year do not count', '2024-12-23', '2025-01-02'],
    ['Christmas on a Friday does not count', '2026-12-23', '2026-12-31'],
    ['New Year does not count', '2026-12-29', '2027-01-06'],
    ['Easter Monday does not count', '2026-04-02', '2026-04-10'],
    ['Ascension Day does not count', '2026-05-11', '2026-05-19'],
    ['Whit Monday does not count', '2026-05-21', '2026-05-29'],
    ['Koningsdag does not count', '2026-04-24', '2026-05-04'],
  ])('%s', (_name, start, due) => {
    expect(addWorkingDays(start, 5)).toBe(due);
  });

  it('counts an extra closing day of the organisation when configured', () => {
    const policy = { ...DEFAULT_HOLIDAY_POLICY, extraDays: ['2026-11-24'] };
    expect(isWorkingDay('2026-11-24')).toBe(true);
    expect(isWorkingDay('2026-11-24', policy)).toBe(false);
    expect(addWorkingDays('2026-11-23', 5, policy)).toBe('2026-12-01');
  });
});
