import { describe, expect, it } from 'vitest';
import { type MeasureForReport, noFittingHelpReport } from '../../shared/rules/help-report';

const m = (
  caseId: string,
  region: string,
  gemeente: string,
  rulingDate: string,
  over: Partial<MeasureForReport> = {},
): MeasureForReport => ({
  caseId,
  region,
  gemeente,
  rulingDate,
  endedOn: null,
  helpStartedOn: null,
  ...over,
});

/** Counted by hand for peildatum 15 April 2027 (see each line). */
const FIXTURE = [
  // Due 15 Apr, the peildatum itself: still in time, not counted.
  m('A', 'Haaglanden', 'Delft', '2027-01-15'),
  // Due 14 Apr: one day past, no help: counted.
  m('B', 'Haaglanden', 'Delft', '2027-01-14'),
  // Help started on the due day itself: in time, not counted.
  m('C', 'Haaglanden', 'Delft', '2027-01-01', { helpStartedOn: '2027-04-01' }),
  // Help starts the day after the peildatum: still none at the peildatum, counted.
  m('D', 'Haaglanden', 'Den Haag', '2026-12-01', { helpStartedOn: '2027-04-16' }),
  // Only a withdrawn request (no start): counted.
  m('E', 'Haaglanden', 'Den Haag', '2026-10-01'),
  // Ended before the peildatum: not in the total at all.
  m('F', 'Haaglanden', 'Den Haag', '2026-06-01', { endedOn: '2027-03-31' }),
  // Ruling after the peildatum: not in the total.
  m('G', 'Rijnmond', 'Rotterdam', '2027-05-01'),
  // Ends on the peildatum: still running that day, no help: counted.
  m('H', 'Rijnmond', 'Rotterdam', '2026-11-01', { endedOn: '2027-04-15' }),
  // Help started late but before the peildatum: has help, not counted.
  m('I', 'Rijnmond', 'Rotterdam', '2026-01-10', { helpStartedOn: '2026-06-01' }),
];

describe('"Nog geen passende hulp" at a peildatum', () => {
  it('matches the hand count per gemeente, region and in total, with the children behind each number', () => {
    const report = noFittingHelpReport(FIXTURE, '2027-04-15');
    expect(report.total).toEqual({ total: 7, noHelp: 4, caseIds: ['B', 'D', 'E', 'H'] });
    expect(report.regions).toEqual([
      {
        region: 'Haaglanden',
        cell: { total: 5, noHelp: 3, caseIds: ['B', 'D', 'E'] },
        gemeenten: [
          { gemeente: 'Delft', cell: { total: 3, noHelp: 1, caseIds: ['B'] } },
          { gemeente: 'Den Haag', cell: { total: 2, noHelp: 2, caseIds: ['D', 'E'] } },
        ],
      },
      {
        region: 'Rijnmond',
        cell: { total: 2, noHelp: 1, caseIds: ['H'] },
        gemeenten: [{ gemeente: 'Rotterdam', cell: { total: 2, noHelp: 1, caseIds: ['H'] } }],
      },
    ]);
  });

  it('moves with the peildatum: a day later the just-in-time child is counted too', () => {
    const report = noFittingHelpReport(FIXTURE, '2027-04-16');
    // A is now past its due date; D's help started that day; H's measure has ended.
    expect(report.total.caseIds.sort()).toEqual(['A', 'B', 'E']);
  });
});

describe('a chain of measures in the help report (omzetting)', () => {
  // vOTS ruled 1 Oct 2026, ended 14 Dec; converted into an OTS ruled 15 Dec whose norms count from 1 Oct.
  const chain = [
    m('K', 'Haaglanden', 'Delft', '2026-10-01', { endedOn: '2026-12-14' }),
    m('K', 'Haaglanden', 'Delft', '2026-12-15', { normsFrom: '2026-10-01' }),
  ];

  it('counts the child once on every peildatum, the converted measure on its last day and the new one after', () => {
    for (const day of ['2026-12-14', '2026-12-15', '2027-02-01']) {
      expect(noFittingHelpReport(chain, day).total.total).toBe(1);
    }
  });

  it('counts the 3 months from the first ruling of the chain, not from the omzetting', () => {
    expect(noFittingHelpReport(chain, '2027-01-02').total.caseIds).toEqual(['K']);
    expect(noFittingHelpReport([chain[1] as MeasureForReport], '2027-01-02').total.noHelp).toBe(1);
    expect(
      noFittingHelpReport([{ ...(chain[1] as MeasureForReport), normsFrom: undefined }], '2027-01-02').total
        .noHelp,
    ).toBe(0);
  });
});
