import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransitionKoers,
  carriedEvaluationDate,
  duplicateGoals,
  evaluationDateInPast,
  type KoersValues,
  mergeKoersEdit,
} from '../../shared/rules/koers';
import { KOERS_STATUSES } from '../../shared/schemas/koers';

describe('koers states', () => {
  it('go concept → in afstemming → vastgesteld, and back to concept from in afstemming', () => {
    expect(canTransitionKoers('concept', 'in_afstemming')).toBe(true);
    expect(canTransitionKoers('in_afstemming', 'vastgesteld')).toBe(true);
    expect(canTransitionKoers('in_afstemming', 'concept')).toBe(true);
    expect(canTransitionKoers('concept', 'vastgesteld')).toBe(false);
  });

  it('never leave vastgesteld: a revision is a new version', () => {
    for (const to of KOERS_STATUSES) expect(canTransitionKoers('vastgesteld', to)).toBe(false);
  });
});

describe('merging a koers edit', () => {
  const current: KoersValues = { visieGezin: 'Oud', zorgpunten: ['a'], evaluationDate: '2027-01-01' };

  it('takes a field nobody changed since the edit was based on it', () => {
    const r = mergeKoersEdit(current, { visieGezin: 3 }, { visieGezin: 'Nieuw' }, { visieGezin: 3 });
    expect(r).toEqual({ apply: { visieGezin: 'Nieuw' }, conflicts: [] });
  });

  it('merges different fields changed on both sides', () => {
    const r = mergeKoersEdit(
      current,
      { visieGezin: 7 },
      { zorgpunten: ['a', 'b'] },
      { visieGezin: 3, zorgpunten: 3 },
    );
    expect(r).toEqual({ apply: { zorgpunten: ['a', 'b'] }, conflicts: [] });
  });

  it('keeps the server value and records a conflict when the same field changed elsewhere', () => {
    const r = mergeKoersEdit(current, { visieGezin: 7 }, { visieGezin: 'Mijn tekst' }, { visieGezin: 3 });
    expect(r).toEqual({ apply: {}, conflicts: [{ field: 'visieGezin', theirs: 'Oud', mine: 'Mijn tekst' }] });
  });

  it('sees no conflict when both sides made the same change', () => {
    const r = mergeKoersEdit(current, { visieGezin: 7 }, { visieGezin: 'Oud' }, { visieGezin: 3 });
    expect(r).toEqual({ apply: {}, conflicts: [] });
  });

  it('never loses an edit: every edited field is applied, already equal, or kept as a conflict', () => {
    const fields = ['visieGezin', 'zorgpunten', 'sterkePunten', 'evaluationDate'] as const;
    const value = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...fields), value),
        fc.dictionary(fc.constantFrom(...fields), fc.nat(5)),
        fc.dictionary(fc.constantFrom(...fields), value),
        fc.dictionary(fc.constantFrom(...fields), fc.nat(5)),
        (cur, versions, edit, base) => {
          const r = mergeKoersEdit(cur as KoersValues, versions, edit as KoersValues, base);
          for (const field of Object.keys(edit) as (typeof fields)[number][]) {
            const mine = JSON.stringify((edit as Record<string, unknown>)[field]);
            const applied =
              field in r.apply && JSON.stringify((r.apply as Record<string, unknown>)[field]) === mine;
            const equal = JSON.stringify((cur as Record<string, unknown>)[field]) === mine;
            const kept = r.conflicts.some((c) => c.field === field && JSON.stringify(c.mine) === mine);
            expect(applied || equal || kept).toBe(true);
          }
        },
      ),
    );
  });
});

describe('koers goals', () => {
  const goals = (...texts: string[]) => texts.map((goal) => ({ goal }));

  it('are the same goal when only case and spacing differ', () => {
    expect(duplicateGoals(goals('Rust in huis', 'Naar school', '  rust   IN huis '))).toEqual([
      { index: 2, sameAs: 0 },
    ]);
  });

  it('are different goals when their words differ, and empty goals are not compared', () => {
    expect(duplicateGoals(goals('Rust in huis', 'Rust in het huis', '', ' '))).toEqual([]);
  });

  it('name each repeat with the first goal of its words', () => {
    expect(duplicateGoals(goals('A', 'b', 'a', 'B', 'a'))).toEqual([
      { index: 2, sameAs: 0 },
      { index: 3, sameAs: 1 },
      { index: 4, sameAs: 0 },
    ]);
  });
});

describe('the evaluation date', () => {
  it('is in the past only before today', () => {
    expect(evaluationDateInPast('2026-11-23', '2026-11-24')).toBe(true);
    expect(evaluationDateInPast('2026-11-24', '2026-11-24')).toBe(false);
    expect(evaluationDateInPast(null, '2026-11-24')).toBe(false);
  });

  it('of a new version is the previous one while it lies ahead, and none once it has passed', () => {
    expect(carriedEvaluationDate('2027-05-01', '2026-11-24')).toBe('2027-05-01');
    expect(carriedEvaluationDate('2026-11-24', '2026-11-24')).toBe('2026-11-24');
    expect(carriedEvaluationDate('2026-06-01', '2026-11-24')).toBeNull();
    expect(carriedEvaluationDate(null, '2026-11-24')).toBeNull();
  });
});
