import { describe, expect, it } from 'vitest';
import { filterCaseload, type LocalCaseSummary, sortCaseload } from '../../client/src/read-models/caseload';
import { caseNorms } from '../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';

const TODAY = '2026-11-24';

function summary(name: string, over: Partial<LocalCaseSummary> & { ruling?: string } = {}): LocalCaseSummary {
  const { ruling = '2026-11-01', ...rest } = over;
  return {
    caseId: name,
    jeugdigeName: name,
    age: 10,
    gemeente: 'Delft',
    maatregelType: 'ots',
    measureEndDate: null,
    lastContactAt: null,
    nextContactOn: null,
    norms: caseNorms(
      { rulingDate: ruling, assignedOn: ruling, koersAgreedOn: ruling, helpStartedOn: ruling },
      TODAY,
      DEFAULT_HOLIDAY_POLICY,
    ),
    extension: null,
    unread: false,
    refused: 0,
    pending: 0,
    ...rest,
  };
}

describe('Mijn caseload order', () => {
  it('by urgency: refused changes, then norm state, then the next planned contact, then the deadline', () => {
    const late = summary('Late', {
      norms: caseNorms(
        { rulingDate: '2026-01-01', assignedOn: '2026-01-02', koersAgreedOn: null, helpStartedOn: null },
        TODAY,
        DEFAULT_HOLIDAY_POLICY,
      ),
    });
    const soonVisit = summary('Bezoek morgen', { nextContactOn: '2026-11-25' });
    const laterVisit = summary('Bezoek later', { nextContactOn: '2026-12-10' });
    const noVisit = summary('Aaa geen afspraak');
    const refused = summary('Zzz geweigerd', { refused: 1 });
    const order = sortCaseload([noVisit, laterVisit, late, soonVisit, refused], 'urgentie').map(
      (r) => r.jeugdigeName,
    );
    expect(order).toEqual(['Zzz geweigerd', 'Late', 'Bezoek morgen', 'Bezoek later', 'Aaa geen afspraak']);
  });

  it('by last contact: longest without contact first, never contacted at the top', () => {
    const rows = [
      summary('Gisteren', { lastContactAt: '2026-11-23T10:00:00Z' }),
      summary('Nooit'),
      summary('Maand', { lastContactAt: '2026-10-24T10:00:00Z' }),
    ];
    expect(sortCaseload(rows, 'laatste-contact').map((r) => r.jeugdigeName)).toEqual([
      'Nooit',
      'Maand',
      'Gisteren',
    ]);
  });

  it('search matches name or gemeente, ignoring case', () => {
    const rows = [summary('Anna de Vries'), summary('Bram', { gemeente: 'Zoetermeer' })];
    expect(filterCaseload(rows, '  zoeter ').map((r) => r.jeugdigeName)).toEqual(['Bram']);
    expect(filterCaseload(rows, 'ANNA').map((r) => r.jeugdigeName)).toEqual(['Anna de Vries']);
  });
});
