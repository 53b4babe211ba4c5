import { describe, expect, it } from 'vitest';
import { ageOn, daysBetween, dutchToday } from '../../shared/rules/dates';

describe('calendar days', () => {
  it('takes the Dutch date, not the UTC date, late in the evening', () => {
    // 23:30 UTC on 24 November is already 25 November in Amsterdam.
    expect(dutchToday(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    // 22:30 UTC on 1 July is 00:30 on 2 July in summer time.
    expect(dutchToday(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  it('counts days across the change to winter time', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('gives the age in whole years, turning a year older on the birthday', () => {
    expect(ageOn('2010-11-24', '2026-11-23')).toBe(15);
    expect(ageOn('2010-11-24', '2026-11-24')).toBe(16);
  });
});
