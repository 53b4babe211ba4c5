import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NormsTrend } from '../../client/src/features/norms-dashboard/chart';
import { shareText } from '../../client/src/features/norms-dashboard/data';
import { i18n } from '../../client/src/i18n/index';

const counts = (counted: number, met: number) => ({ counted, met, share: counted ? met / counted : null });
const point = (peildatum: string, koers: [number, number]) => ({
  peildatum,
  groups: [
    {
      key: 'team',
      label: 'Team',
      norms: { vasteJeugdbeschermer: counts(4, 4), koers: counts(...koers), passendeHulp: counts(0, 0) },
    },
  ],
});

describe('norms trend chart', () => {
  it('writes a share as percentage and counts, in Dutch', () => {
    expect(shareText(counts(25, 23), i18n.t)).toBe('92% · 23 van 25');
    expect(shareText(counts(0, 0), i18n.t)).toBe('Nog niemand geteld');
  });

  it('has a title and description for screen readers and the same numbers in a table', () => {
    const html = renderToStaticMarkup(
      createElement(NormsTrend, {
        trend: [point('2026-10-31', [2, 1]), point('2026-11-24', [3, 3])],
        groupKey: 'team',
      }),
    );
    expect(html).toContain(
      '<title id="norms-trend-title">Aandeel op tijd per norm, de afgelopen 12 maanden</title>',
    );
    expect(html).toContain('<desc id="norms-trend-desc">');
    expect(html).toContain('aria-labelledby="norms-trend-title norms-trend-desc"');
    const table = html.slice(html.indexOf('<table'));
    expect(table).toContain('50% · 1 van 2');
    expect(table).toContain('100% · 3 van 3');
    // A norm nobody is counted for yet draws no line and says so in the table.
    expect(table).toContain('Nog niemand geteld');
  });
});
