import { describe, expect, it } from 'vitest';
import {
  computeNormDashboard,
  type DashboardCase,
  NO_WORKER,
  normOutcome,
  sharePercent,
  trendPeildata,
} from '../../shared/rules/norm-dashboard';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';

const X = { userId: 'x', userName: 'Xander' };
const Y = { userId: 'y', userName: 'Yara' };
const zuid = { regionId: 'zuid', regionName: 'Zuid', gemeente: 'Delft' };
const noord = { regionId: 'noord', regionName: 'Noord', gemeente: 'Leiden' };
const agreed = (version: number, agreedOn: string) => ({ version, status: 'vastgesteld', agreedOn });

function kase(name: string, rulingDate: string, rest: Partial<DashboardCase>): DashboardCase {
  return {
    caseId: name.toLowerCase(),
    name,
    ...zuid,
    rulingDate,
    measureType: 'ots',
    measureEndDate: '2027-09-01',
    measureEndedOn: null,
    assignments: [],
    koersen: [],
    helpStartedOn: null,
    ...rest,
  };
}

// Peildatum Tuesday 24 November 2026. Rulings on 1 Sep: vaste due 8 Sep, koers due 13 Oct, help due 1 Dec.
const cases: DashboardCase[] = [
  // Koers agreed exactly on the due day (6 weeks): on time.
  kase('Anna', '2026-09-01', {
    assignments: [{ ...X, fromDate: '2026-09-01', untilDate: null }],
    koersen: [agreed(1, '2026-10-13')],
    helpStartedOn: '2026-10-20',
  }),
  // One day later: late, 1 day over.
  kase('Bram', '2026-09-01', {
    assignments: [{ ...X, fromDate: '2026-09-01', untilDate: null }],
    koersen: [agreed(1, '2026-10-14')],
    helpStartedOn: '2026-10-20',
  }),
  // Revised: the first vastgestelde koers (1 Oct) counts, not the revision (1 Nov); a concept is ignored.
  kase('Cato', '2026-09-01', {
    assignments: [{ ...X, fromDate: '2026-09-01', untilDate: null }],
    koersen: [
      { version: 3, status: 'concept', agreedOn: null },
      agreed(2, '2026-11-01'),
      agreed(1, '2026-10-01'),
    ],
  }),
  // Measure ended on 5 Oct, before the koers and help deadlines: those are not counted.
  kase('Daan', '2026-09-01', {
    measureEndedOn: '2026-10-05',
    assignments: [{ ...X, fromDate: '2026-09-02', untilDate: '2026-10-05' }],
  }),
  // Transferred from Xander to Yara on 1 Nov. Ruling Mon 3 Aug: vaste due 10 Aug, koers due 14 Sep, help due 3 Nov.
  kase('Eva', '2026-08-03', {
    ...noord,
    assignments: [
      { ...X, fromDate: '2026-08-04', untilDate: '2026-10-31' },
      { ...Y, fromDate: '2026-11-01', untilDate: null },
    ],
  }),
  // Ruling Friday 6 Nov: 5 working days over the weekend is Friday 13 Nov.
  kase('Fenna', '2026-11-06', { assignments: [{ ...X, fromDate: '2026-11-13', untilDate: null }] }),
  kase('Gijs', '2026-11-06', { assignments: [{ ...Y, fromDate: '2026-11-16', untilDate: null }] }),
  // Ruling 20 Oct: koers due 1 Dec; measure ends 25 Jan 2027, so the extension request is due 30 Nov.
  kase('Hugo', '2026-10-20', {
    ...noord,
    measureEndDate: '2027-01-25',
    assignments: [{ ...Y, fromDate: '2026-10-20', untilDate: null }],
  }),
];

const P = '2026-11-24';
const counts = (counted: number, met: number) => ({ counted, met, share: counted ? met / counted : null });

describe('norm dashboard', () => {
  it('counts the team by hand: only deadlines passed or met, measure ended not counted', () => {
    const board = computeNormDashboard(cases, P, { groupBy: 'team', policy: DEFAULT_HOLIDAY_POLICY });
    expect(board.groups).toEqual([
      {
        key: 'team',
        label: 'Team',
        norms: { vasteJeugdbeschermer: counts(8, 7), koers: counts(4, 2), passendeHulp: counts(3, 2) },
      },
    ]);
    expect(board.groups.map((g) => sharePercent(g.norms.koers))).toEqual([50]);
  });

  it('lists every breach with the days over, and the lists add up to the counts', () => {
    const board = computeNormDashboard(cases, P, { groupBy: 'team', policy: DEFAULT_HOLIDAY_POLICY });
    expect(board.breaches.map((b) => [b.norm, b.name, b.state, b.daysOver])).toEqual([
      ['vasteJeugdbeschermer', 'Gijs', 'te-laat-voldaan', 3],
      ['koers', 'Eva', 'te-laat', 71],
      ['koers', 'Bram', 'te-laat-voldaan', 1],
      ['passendeHulp', 'Eva', 'te-laat', 21],
    ]);
    const [group] = board.groups;
    if (!group) throw new Error('no team group');
    for (const norm of ['vasteJeugdbeschermer', 'koers', 'passendeHulp'] as const) {
      const n = group.norms[norm];
      expect(board.breaches.filter((b) => b.norm === norm)).toHaveLength(n.counted - n.met);
    }
  });

  it('takes a koers agreed on the due day as on time and the day after as late', () => {
    expect(normOutcome('2026-10-13', '2026-10-13', null, P)).toMatchObject({ counted: true, met: true });
    expect(normOutcome('2026-10-13', '2026-10-14', null, P)).toMatchObject({
      counted: true,
      met: false,
      daysOver: 1,
    });
    // Not met and the due day is the peildatum: not counted yet.
    expect(normOutcome(P, null, null, P)).toEqual({ counted: false });
  });

  it('attributes a case to the worker who carries it on the peildatum, so a transfer moves it', () => {
    const now = computeNormDashboard(cases, P, { groupBy: 'worker', policy: DEFAULT_HOLIDAY_POLICY });
    expect(now.groups.map((g) => [g.key, g.norms])).toEqual([
      ['x', { vasteJeugdbeschermer: counts(4, 4), koers: counts(3, 2), passendeHulp: counts(2, 2) }],
      ['y', { vasteJeugdbeschermer: counts(3, 2), koers: counts(1, 0), passendeHulp: counts(1, 0) }],
      [NO_WORKER, { vasteJeugdbeschermer: counts(1, 1), koers: counts(0, 0), passendeHulp: counts(0, 0) }],
    ]);
    expect(now.breaches.find((b) => b.name === 'Eva')?.workerId).toBe('y');
    const before = computeNormDashboard(cases, '2026-10-31', {
      groupBy: 'worker',
      policy: DEFAULT_HOLIDAY_POLICY,
    });
    expect(before.breaches.find((b) => b.name === 'Eva')?.workerId).toBe('x');
    // On 31 Oct Xander had Anna, Bram, Cato (first koers 1 Oct: on time) and Eva (koers late).
    expect(before.groups.find((g) => g.key === 'x')?.norms.koers).toEqual(counts(4, 2));
  });

  it('groups by the region of the child’s gemeente', () => {
    const board = computeNormDashboard(cases, P, { groupBy: 'region', policy: DEFAULT_HOLIDAY_POLICY });
    expect(board.groups.map((g) => [g.label, g.norms])).toEqual([
      ['Noord', { vasteJeugdbeschermer: counts(2, 2), koers: counts(1, 0), passendeHulp: counts(1, 0) }],
      ['Zuid', { vasteJeugdbeschermer: counts(6, 5), koers: counts(3, 2), passendeHulp: counts(2, 2) }],
    ]);
  });

  it('counts the 5 working days over a weekend', () => {
    const friday = (fromDate: string) =>
      computeNormDashboard(
        [kase('Fenna', '2026-11-06', { assignments: [{ ...X, fromDate, untilDate: null }] })],
        P,
        {
          groupBy: 'team',
          policy: DEFAULT_HOLIDAY_POLICY,
        },
      ).groups[0]?.norms.vasteJeugdbeschermer;
    expect(friday('2026-11-13')).toEqual(counts(1, 1)); // Friday 13: 5 working days
    expect(friday('2026-11-16')).toEqual(counts(1, 0)); // Monday 16: late
    // On Thursday 12 Nov, unassigned, the deadline is still ahead: not counted.
    expect(
      computeNormDashboard([kase('Fenna', '2026-11-06', {})], '2026-11-12', {
        groupBy: 'team',
        policy: DEFAULT_HOLIDAY_POLICY,
      }).groups[0]?.norms.vasteJeugdbeschermer,
    ).toEqual(counts(0, 0));
  });

  it('lists the deadlines of the next two weeks: koersen, help and extension requests', () => {
    const board = computeNormDashboard(cases, P, { groupBy: 'team', policy: DEFAULT_HOLIDAY_POLICY });
    expect(board.upcoming.map((u) => [u.kind, u.name, u.dueDate, u.daysLeft])).toEqual([
      ['verlenging', 'Hugo', '2026-11-30', 6],
      ['passendeHulp', 'Cato', '2026-12-01', 7],
      ['koers', 'Hugo', '2026-12-01', 7],
    ]);
  });

  it('has a monthly trend of twelve points: eleven month ends, then the peildatum', () => {
    const days = trendPeildata(P);
    expect(days).toHaveLength(12);
    expect(days[0]).toBe('2025-12-31');
    expect(days.slice(-3)).toEqual(['2026-09-30', '2026-10-31', P]);
  });

  it('does not count facts that came after the peildatum', () => {
    // On 10 Oct, Bram's koers (14 Oct) was not there yet and his deadline (13 Oct) still ahead.
    const board = computeNormDashboard(cases, '2026-10-10', {
      groupBy: 'team',
      policy: DEFAULT_HOLIDAY_POLICY,
    });
    expect(board.breaches.filter((b) => b.name === 'Bram')).toEqual([]);
  });
});
