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
    birthDate: '2016-05-01',
    gemeente: 'Delft',
    maatregelType: 'ots',
    rulingDate: ruling,
    zaaknummers: [],
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
    standIn: null,
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

  it('search finds the measure by its code or its label, with other words', () => {
    const rows = [
      summary('Ots kind', { maatregelType: 'ots' }),
      summary('Voogdij kind', { maatregelType: 'voogdij', gemeente: 'Zoetermeer' }),
      summary('Jr kind', { maatregelType: 'jeugdreclassering' }),
      summary('Vots kind', { maatregelType: 'vots' }),
    ];
    const label = (type: string) => ({ vots: 'Voorlopige OTS', voogdij: 'Voogdij' })[type] ?? type;
    const found = (q: string) => filterCaseload(rows, q, label).map((r) => r.jeugdigeName);
    expect(found('VOOGDIJ')).toEqual(['Voogdij kind']);
    expect(found('voorlopige')).toEqual(['Vots kind']);
    expect(found('ots delft')).toEqual(['Ots kind', 'Vots kind']);
    expect(found('voogdij delft')).toEqual([]);
  });

  it('search takes four digits as a year of birth or of the ruling, and says which', () => {
    const rows = [
      summary('Geboren 2017', { birthDate: '2017-03-04', ruling: '2025-01-10' }),
      summary('Uitspraak 2017', { birthDate: '2012-01-01', ruling: '2017-06-01' }),
      summary('Anders', {
        birthDate: '2012-01-01',
        ruling: '2025-01-10',
        zaaknummers: ['C/09/620171 / JE RK 21-2017'],
      }),
    ];
    const found = filterCaseload(rows, '2017');
    expect(found.map((r) => [r.jeugdigeName, r.match])).toEqual([
      ['Geboren 2017', { kind: 'geboren', date: '2017-03-04' }],
      ['Uitspraak 2017', { kind: 'uitspraak', date: '2017-06-01' }],
    ]);
    expect(filterCaseload(rows, 'delft 2012').map((r) => r.jeugdigeName)).toEqual([
      'Uitspraak 2017',
      'Anders',
    ]);
  });

  it('search finds a zaaknummer as a whole or in part, and shows it', () => {
    const rows = [
      summary('Met zaak', { zaaknummers: ['C/09/612345 / JE RK 24-1234'] }),
      summary('Zonder zaak'),
    ];
    expect(filterCaseload(rows, 'c/09/612345').map((r) => [r.jeugdigeName, r.match])).toEqual([
      ['Met zaak', { kind: 'zaaknummer', value: 'C/09/612345 / JE RK 24-1234' }],
    ]);
    expect(filterCaseload(rows, '612345 / je rk').map((r) => r.jeugdigeName)).toEqual(['Met zaak']);
  });
});
