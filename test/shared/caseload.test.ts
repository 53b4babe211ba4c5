import { describe, expect, it } from 'vitest';
import { type CaseloadCase, DEFAULT_CASELOAD_WEIGHTS, workerCaseload } from '../../shared/rules/caseload';

const TODAY = '2026-11-24';
const c = (
  caseId: string,
  gezinId: string,
  rulingDate: string,
  extra: Partial<CaseloadCase> = {},
): CaseloadCase => ({
  caseId,
  gezinId,
  rulingDate,
  complexDivorce: false,
  outOfHomePlacement: false,
  jeugdreclassering: false,
  ...extra,
});

/**
 * A team by hand, with the default weights (base 1; complex divorce +0.3;
 * start phase +0.25 in the first 3 months; placement +0.25; jeugdreclassering
 * +0.2; each further sibling −0.3):
 *
 * Anouk (1.0 fte), 13 children:
 *   a1 complex divorce                     1.30
 *   a2 start phase (ruling 2026-10-01)     1.25
 *   a3 + a4 siblings (a3 older ruling)     1.00 + 0.70
 *   a5 placement + complex divorce         1.55
 *   a6..a13 plain                          8 × 1.00
 *   total 13.80 → within 12–14
 * Bart (0.8 fte): band 9.6–11.2, 12 children:
 *   b1 jeugdreclassering + start phase     1.45
 *   b2..b12 plain                          11 × 1.00
 *   total 12.45 → above the band; per fte 15.56
 * Cem (0.6 fte): band 7.2–8.4, 5 children, all plain: 5.00 → under; room 3.4
 */
const anouk = [
  c('a1', 'g1', '2025-03-01', { complexDivorce: true }),
  c('a2', 'g2', '2026-10-01'),
  c('a4', 'g3', '2025-06-01'),
  c('a3', 'g3', '2025-01-01'),
  c('a5', 'g4', '2024-05-01', { complexDivorce: true, outOfHomePlacement: true }),
  ...Array.from({ length: 8 }, (_, i) => c(`a${i + 6}`, `ga${i}`, '2025-01-15')),
];
const bart = [
  c('b1', 'h1', '2026-09-10', { jeugdreclassering: true }),
  ...Array.from({ length: 11 }, (_, i) => c(`b${i + 2}`, `gb${i}`, '2025-02-01')),
];
const cem = Array.from({ length: 5 }, (_, i) => c(`c${i}`, `gc${i}`, '2024-12-01'));

describe('weighted caseload', () => {
  it('equals the hand-computed figures for a team with mixed cases and part-time workers', () => {
    const a = workerCaseload(anouk, 1, TODAY);
    expect(a).toMatchObject({
      children: 13,
      weighted: 13.8,
      perFte: 13.8,
      band: { low: 12, high: 14 },
      state: 'binnen',
      room: 0.2,
    });
    expect(a.cases.find((x) => x.caseId === 'a4')).toEqual({
      caseId: 'a4',
      weight: 0.7,
      factors: [
        { factor: 'base', amount: 1 },
        { factor: 'sibling', amount: -0.3 },
      ],
    });
    expect(a.cases.find((x) => x.caseId === 'a3')?.weight).toBe(1);
    expect(a.cases.find((x) => x.caseId === 'a5')?.weight).toBe(1.55);

    const b = workerCaseload(bart, 0.8, TODAY);
    expect(b).toMatchObject({
      children: 12,
      weighted: 12.45,
      perFte: 15.56,
      band: { low: 9.6, high: 11.2 },
      state: 'boven',
      room: 0,
    });
    expect(b.cases.find((x) => x.caseId === 'b1')?.factors.map((f) => f.factor)).toEqual([
      'base',
      'startPhase',
      'jeugdreclassering',
    ]);

    const cm = workerCaseload(cem, 0.6, TODAY);
    expect(cm).toMatchObject({ weighted: 5, band: { low: 7.2, high: 8.4 }, state: 'onder', room: 3.4 });
  });

  it('changes when a weight or the band changes', () => {
    const heavierDivorce = { ...DEFAULT_CASELOAD_WEIGHTS, complexDivorce: 0.5 };
    expect(workerCaseload(anouk, 1, TODAY, heavierDivorce).weighted).toBe(14.2);
    const noSiblingDiscount = { ...DEFAULT_CASELOAD_WEIGHTS, siblingDiscount: 0 };
    expect(workerCaseload(anouk, 1, TODAY, noSiblingDiscount).weighted).toBe(14.1);
    expect(workerCaseload(anouk, 1, TODAY, DEFAULT_CASELOAD_WEIGHTS, { low: 10, high: 12 }).state).toBe(
      'boven',
    );
  });

  it('ends the start phase after the configured months', () => {
    expect(workerCaseload([c('x', 'g', '2026-08-25')], 1, TODAY).weighted).toBe(1.25);
    expect(workerCaseload([c('x', 'g', '2026-08-24')], 1, TODAY).weighted).toBe(1);
  });
});
