import { describe, expect, it } from 'vitest';
import {
  categoryWithCode,
  median,
  type RequestForWaiting,
  waitingReport,
} from '../../shared/rules/waiting-report';

const r = (
  productCategory: string,
  provider: 'P1' | 'P2' | null,
  requestedOn: string,
  over: Partial<RequestForWaiting> = {},
): RequestForWaiting => ({
  productCategory,
  aanbiederId: provider,
  aanbiederName: provider === 'P1' ? 'Zorg Delft' : provider === 'P2' ? 'Horizon' : null,
  requestedOn,
  startedOn: null,
  withdrawnOn: null,
  ...over,
});

/** Counted by hand for peildatum 1 March 2027 (February 2027 has 28 days). */
const FIXTURE = [
  // A: started after 30 days.
  r('45', 'P1', '2027-01-01', { startedOn: '2027-01-31' }),
  // B: started after 40 days.
  r('45', 'P1', '2027-01-10', { startedOn: '2027-02-19' }),
  // C: started after 10 days.
  r('45', 'P2', '2027-01-05', { startedOn: '2027-01-15' }),
  // D: still waiting: 1 Feb → 1 Mar = 28 days.
  r('45', 'P1', '2027-02-01'),
  // E: still waiting: 1 Dec → 1 Mar = 31 + 31 + 28 = 90 days.
  r('54', 'P2', '2026-12-01'),
  // F: not yet registered with a provider, waiting 20 Feb → 1 Mar = 9 days.
  r('54', null, '2027-02-20'),
  // G: starts the day after the peildatum: still waiting then, 1 Jan → 1 Mar = 59 days.
  r('54', 'P2', '2027-01-01', { startedOn: '2027-03-02' }),
  // H: withdrawn before the peildatum: not counted.
  r('45', 'P1', '2027-01-01', { withdrawnOn: '2027-02-01' }),
  // I: withdrawn after the peildatum: still waiting then, 59 days.
  r('45', 'P1', '2027-01-01', { withdrawnOn: '2027-03-05' }),
  // J: requested after the peildatum: not counted.
  r('43', 'P2', '2027-03-02'),
  // K: started on the peildatum itself: started, after 28 days.
  r('54', 'P2', '2027-02-01', { startedOn: '2027-03-01' }),
];

describe('waiting time per product category and provider', () => {
  const report = waitingReport(FIXTURE, '2027-03-01');

  it('per product category: started help (start − request) apart from children still waiting (peildatum − request)', () => {
    expect(report.byCategory).toEqual([
      {
        key: '54',
        label: 'Jeugd-ggz',
        started: { count: 1, medianDays: 28, longestDays: 28 },
        waiting: { count: 3, medianDays: 59, longestDays: 90 },
      },
      {
        key: '45',
        label: 'Jeugdhulp ambulant',
        started: { count: 3, medianDays: 30, longestDays: 40 },
        waiting: { count: 2, medianDays: 43.5, longestDays: 59 },
      },
    ]);
  });

  it('per provider, with requests not yet registered under "Nog geen aanbieder"', () => {
    expect(report.byProvider).toEqual([
      {
        key: 'P2',
        label: 'Horizon',
        started: { count: 2, medianDays: 19, longestDays: 28 },
        waiting: { count: 2, medianDays: 74.5, longestDays: 90 },
      },
      {
        key: '',
        label: 'Nog geen aanbieder',
        started: { count: 0, medianDays: null, longestDays: null },
        waiting: { count: 1, medianDays: 9, longestDays: 9 },
      },
      {
        key: 'P1',
        label: 'Zorg Delft',
        started: { count: 2, medianDays: 35, longestDays: 40 },
        waiting: { count: 2, medianDays: 43.5, longestDays: 59 },
      },
    ]);
  });

  it('in total', () => {
    expect(report.total).toEqual({
      started: { count: 4, medianDays: 29, longestDays: 40 },
      waiting: { count: 5, medianDays: 59, longestDays: 90 },
    });
  });

  it('names the row of help described in the worker’s own words, without a category', () => {
    const free = waitingReport([r('', null, '2027-02-01'), r('45', null, '2027-02-01')], '2027-03-01');
    expect(free.byCategory.map((g) => [g.key, g.label, categoryWithCode(g.key)])).toEqual([
      ['', 'Eigen omschrijving (geen productcategorie)', 'Eigen omschrijving (geen productcategorie)'],
      ['45', 'Jeugdhulp ambulant', '45 Jeugdhulp ambulant'],
    ]);
  });

  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
