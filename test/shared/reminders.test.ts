import { describe, expect, it } from 'vitest';
import { digestDue, dutchClock } from '../../shared/rules/reminders';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';

const state = { digestEnabled: true, digestTime: '08:00', lastDigestOn: null };

describe('the daily digest is due', () => {
  it('at the chosen Dutch time, in summer time as in winter time', () => {
    expect(dutchClock(new Date('2026-07-07T06:00:00Z'))).toEqual({ day: '2026-07-07', minutes: 8 * 60 });
    expect(dutchClock(new Date('2026-01-06T07:00:00Z'))).toEqual({ day: '2026-01-06', minutes: 8 * 60 });
    expect(digestDue(state, new Date('2026-07-07T05:59:00Z'), DEFAULT_HOLIDAY_POLICY)).toEqual({
      due: false,
    });
    expect(digestDue(state, new Date('2026-07-07T06:00:00Z'), DEFAULT_HOLIDAY_POLICY)).toEqual({
      due: true,
      day: '2026-07-07',
    });
  });

  it('not twice a day, not on weekends or holidays, not when off, not hours late', () => {
    const tuesday8 = new Date('2026-07-07T06:30:00Z');
    expect(digestDue({ ...state, lastDigestOn: '2026-07-07' }, tuesday8, DEFAULT_HOLIDAY_POLICY).due).toBe(
      false,
    );
    expect(digestDue(state, new Date('2026-07-11T06:30:00Z'), DEFAULT_HOLIDAY_POLICY).due).toBe(false);
    // Koningsdag 2026 is a Monday.
    expect(digestDue(state, new Date('2026-04-27T06:30:00Z'), DEFAULT_HOLIDAY_POLICY).due).toBe(false);
    expect(digestDue({ ...state, digestEnabled: false }, tuesday8, DEFAULT_HOLIDAY_POLICY).due).toBe(false);
    expect(digestDue(state, new Date('2026-07-07T20:00:00Z'), DEFAULT_HOLIDAY_POLICY).due).toBe(false);
    expect(digestDue(state, tuesday8, { ...DEFAULT_HOLIDAY_POLICY, extraDays: ['2026-07-07'] }).due).toBe(
      false,
    );
  });
});
