import { describe, expect, it } from 'vitest';
import { extensionAlert } from '../../shared/rules/extension';

describe('extensionAlert', () => {
  const ots = { status: 'lopend', endDate: '2027-03-01' };
  // 8 weeks before 2027-03-01 is 2027-01-04.

  it('is quiet long before the deadline', () => {
    expect(extensionAlert(ots, '2026-11-01')).toMatchObject({ state: 'niet-nodig', requestBy: '2027-01-04' });
  });

  it('warns in the four weeks before the request deadline', () => {
    expect(extensionAlert(ots, '2026-12-07')).toMatchObject({ state: 'binnenkort', daysLeft: 28 });
    expect(extensionAlert(ots, '2026-12-06')?.state).toBe('niet-nodig');
  });

  it('says now in the last week and late after it, expired after the end', () => {
    expect(extensionAlert(ots, '2026-12-28')?.state).toBe('nu');
    expect(extensionAlert(ots, '2027-01-04')).toMatchObject({ state: 'nu', daysLeft: 0 });
    expect(extensionAlert(ots, '2027-01-05')).toMatchObject({ state: 'te-laat', daysLeft: -1 });
    expect(extensionAlert(ots, '2027-03-02')?.state).toBe('verlopen');
  });

  it('has nothing to say about ended measures or measures without an end date', () => {
    expect(extensionAlert({ status: 'beeindigd', endDate: '2027-03-01' }, '2027-01-01')).toBeNull();
    expect(extensionAlert({ status: 'lopend', endDate: null }, '2027-01-01')).toBeNull();
  });
});
