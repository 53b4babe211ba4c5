import { describe, expect, it } from 'vitest';
import { extensionAlert } from '../../shared/rules/extension';
import {
  checkConversion,
  checkEnding,
  checkExtension,
  conversionEndDate,
} from '../../shared/rules/measure-checks';
import {
  closingDay,
  type LifeMeasure,
  lastDayOf,
  measureState,
  normsFromAfter,
  normsStart,
} from '../../shared/rules/measure-life';
import { currentRulingDate } from '../../shared/rules/norms';

const TODAY = '2026-12-06';
const BIRTH = '2012-03-15'; // 18 on 2030-03-15
const ots: LifeMeasure = { type: 'ots', status: 'lopend', rulingDate: '2026-01-10', endDate: '2027-01-10' };
const vots: LifeMeasure = { type: 'vots', status: 'lopend', rulingDate: '2026-10-01', endDate: '2026-12-31' };
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('the state of a measure', () => {
  it('is running until its end date, verlopen after it while nothing is registered, and ended once registered', () => {
    expect(measureState(ots, '2027-01-10')).toBe('lopend');
    expect(measureState(ots, '2027-01-11')).toBe('verlopen');
    expect(measureState({ ...ots, status: 'beeindigd' }, '2027-01-11')).toBe('beeindigd');
    expect(measureState({ ...ots, endDate: null }, '2099-01-01')).toBe('lopend');
  });

  it('has run until its end date when it lapsed, and until the registered day when it ended', () => {
    expect(lastDayOf(ots)).toBe('2027-01-10');
    expect(lastDayOf({ ...ots, status: 'beeindigd', endedOn: '2026-06-01' })).toBe('2026-06-01');
    expect(lastDayOf({ ...ots, status: 'beeindigd', endedOn: null })).toBe('2027-01-10');
  });
});

describe('the three norms along a chain of measures', () => {
  const previous = { ...vots, normsFrom: null };

  it('run on from the first ruling after an omzetting pronounced while the previous measure ran', () => {
    expect(normsFromAfter(previous, '2026-12-20')).toBe('2026-10-01');
  });

  it('run on when the new ruling falls on the day after the previous measure ended', () => {
    expect(normsFromAfter(previous, '2027-01-01')).toBe('2026-10-01');
  });

  it('run on from the first ruling of a longer chain (vOTS → OTS → voogdij)', () => {
    const otsAfterVots = { ...ots, rulingDate: '2026-12-20', endDate: '2027-12-20', normsFrom: '2026-10-01' };
    expect(normsFromAfter(otsAfterVots, '2027-06-01')).toBe('2026-10-01');
  });

  it('start again from the new ruling after a day without a measure', () => {
    expect(normsFromAfter(previous, '2027-01-02')).toBe('2027-01-02');
    expect(normsFromAfter({ ...previous, status: 'beeindigd', endedOn: '2026-11-01' }, '2026-12-01')).toBe(
      '2026-12-01',
    );
  });

  it('start from its own ruling for a first measure', () => {
    expect(normsFromAfter(null, '2026-12-01')).toBe('2026-12-01');
    expect(normsStart({ rulingDate: '2026-12-01', normsFrom: null })).toBe('2026-12-01');
  });

  it('count the current measure from the first ruling of its chain', () => {
    expect(
      currentRulingDate([
        { rulingDate: '2026-10-01', status: 'beeindigd', normsFrom: null },
        { rulingDate: '2026-12-20', status: 'lopend', normsFrom: '2026-10-01' },
      ]),
    ).toBe('2026-10-01');
  });
});

describe('closing a case', () => {
  it('happens when no measure runs any more, on the last day any of them ran', () => {
    expect(
      closingDay([
        { status: 'beeindigd', endDate: '2027-01-10', endedOn: '2026-11-30' },
        { status: 'beeindigd', endDate: null, endedOn: '2026-12-02' },
      ]),
    ).toBe('2026-12-02');
  });

  it('does not happen while one measure still runs, or for a file without measures', () => {
    expect(closingDay([{ status: 'beeindigd', endDate: null, endedOn: '2026-11-30' }, ots])).toBeNull();
    expect(closingDay([])).toBeNull();
  });
});

describe('a verlenging', () => {
  it('is accepted for a running OTS ruled before its end date, with a new end date up to a year later', () => {
    expect(checkExtension(ots, { rulingDate: '2026-12-01', endDate: '2028-01-10' }, TODAY)).toEqual([]);
  });

  it('clears the extension alert and moves the next request deadline to 8 weeks before the new end date', () => {
    expect(extensionAlert(ots, TODAY)?.state).toBe('te-laat');
    expect(extensionAlert({ ...ots, endDate: '2028-01-10' }, TODAY)).toMatchObject({
      state: 'niet-nodig',
      requestBy: '2027-11-15',
    });
  });

  it('is refused for an ended measure', () => {
    const errors = checkExtension(
      { ...ots, status: 'beeindigd', endedOn: '2026-11-01' },
      { rulingDate: '2026-12-01', endDate: '2027-06-01' },
      TODAY,
    );
    expect(errors).toEqual([
      { field: 'measure', message: expect.stringContaining('op 1 november 2026 beëindigd') },
    ]);
  });

  it('is refused with an end date before the ruling', () => {
    const errors = checkExtension(ots, { rulingDate: '2026-12-01', endDate: '2026-11-30' }, TODAY);
    expect(errors).toEqual([{ field: 'endDate', message: 'De nieuwe einddatum ligt niet na de uitspraak.' }]);
  });

  it('is refused with a ruling in the future, before the measure, or after the measure ran out', () => {
    expect(fields(checkExtension(ots, { rulingDate: '2026-12-07', endDate: '2027-06-01' }, TODAY))).toEqual([
      'rulingDate',
    ]);
    expect(fields(checkExtension(ots, { rulingDate: '2025-12-01', endDate: '2027-06-01' }, TODAY))).toEqual([
      'rulingDate',
    ]);
    const lapsed = { ...ots, endDate: '2026-11-30' };
    expect(
      checkExtension(lapsed, { rulingDate: '2026-12-01', endDate: '2027-06-01' }, TODAY)[0]?.message,
    ).toBe(
      'De uitspraak ligt na de einddatum (30 november 2026): een verlopen maatregel kan niet meer worden verlengd. Registreer het einde.',
    );
  });

  it('is refused when the new end date is not later, or more than a year later', () => {
    expect(
      checkExtension(ots, { rulingDate: '2026-12-01', endDate: '2027-01-10' }, TODAY)[0]?.message,
    ).toContain('niet na de huidige einddatum (10 januari 2027)');
    expect(
      checkExtension(ots, { rulingDate: '2026-12-01', endDate: '2028-01-11' }, TODAY)[0]?.message,
    ).toContain('ten hoogste een jaar: uiterlijk 10 januari 2028');
  });

  it('is refused for a voorlopige OTS and for voogdij, which are not extended', () => {
    expect(
      checkExtension(vots, { rulingDate: '2026-12-01', endDate: '2027-03-01' }, TODAY)[0]?.message,
    ).toContain('omgezet in een OTS');
    expect(
      checkExtension(
        { ...ots, type: 'voogdij', endDate: '2030-03-15' },
        { rulingDate: '2026-12-01', endDate: '2031-01-01' },
        TODAY,
      )[0]?.message,
    ).toContain('tot de jeugdige 18 is');
  });
});

describe('an omzetting', () => {
  it('turns a voorlopige OTS into an OTS of at most a year', () => {
    expect(
      checkConversion(vots, { toType: 'ots', rulingDate: '2026-12-01', endDate: '2027-12-01' }, TODAY, BIRTH),
    ).toEqual([]);
    expect(
      checkConversion(
        vots,
        { toType: 'ots', rulingDate: '2026-12-01', endDate: '2027-12-02' },
        TODAY,
        BIRTH,
      )[0]?.field,
    ).toBe('endDate');
    expect(
      checkConversion(vots, { toType: 'ots', rulingDate: '2026-12-01', endDate: null }, TODAY, BIRTH)[0]
        ?.message,
    ).toBe('Vul de einddatum van de OTS in.');
  });

  it('turns an OTS into voogdij, which runs until the child turns 18', () => {
    expect(
      checkConversion(ots, { toType: 'voogdij', rulingDate: '2026-12-01', endDate: null }, TODAY, BIRTH),
    ).toEqual([]);
    expect(conversionEndDate('voogdij', null, BIRTH)).toBe('2030-03-15');
    expect(conversionEndDate('ots', '2027-12-01', BIRTH)).toBe('2027-12-01');
  });

  it('is refused for the wrong type, naming the conversions that exist', () => {
    const errors = checkConversion(
      vots,
      { toType: 'voogdij', rulingDate: '2026-12-01', endDate: null },
      TODAY,
      BIRTH,
    );
    expect(errors).toEqual([
      {
        field: 'toType',
        message:
          'Een voorlopige OTS kan niet worden omgezet in voogdij. Mogelijk zijn: voorlopige OTS → OTS en OTS → voogdij.',
      },
    ]);
    const jr = { ...ots, type: 'jeugdreclassering' as const };
    expect(
      fields(
        checkConversion(jr, { toType: 'ots', rulingDate: '2026-12-01', endDate: '2027-06-01' }, TODAY, BIRTH),
      ),
    ).toEqual(['toType']);
  });

  it('is refused for an ended measure, after a gap, in the future, or not after the current ruling', () => {
    const ended = { ...vots, status: 'beeindigd', endedOn: '2026-11-01' };
    expect(
      fields(
        checkConversion(
          ended,
          { toType: 'ots', rulingDate: '2026-12-01', endDate: '2027-06-01' },
          TODAY,
          BIRTH,
        ),
      ),
    ).toEqual(['measure']);
    const lapsed = { ...vots, endDate: '2026-11-30' };
    expect(
      checkConversion(
        lapsed,
        { toType: 'ots', rulingDate: '2026-12-02', endDate: '2027-06-01' },
        TODAY,
        BIRTH,
      )[0]?.message,
    ).toContain('liep af op 30 november 2026');
    expect(
      checkConversion(
        lapsed,
        { toType: 'ots', rulingDate: '2026-12-01', endDate: '2027-06-01' },
        TODAY,
        BIRTH,
      ),
    ).toEqual([]);
    expect(
      fields(
        checkConversion(
          vots,
          { toType: 'ots', rulingDate: '2026-12-07', endDate: '2027-06-01' },
          TODAY,
          BIRTH,
        ),
      ),
    ).toEqual(['rulingDate']);
    expect(
      fields(
        checkConversion(
          vots,
          { toType: 'ots', rulingDate: '2026-10-01', endDate: '2027-06-01' },
          TODAY,
          BIRTH,
        ),
      ),
    ).toEqual(['rulingDate']);
  });

  it('to voogdij is refused when the child was already 18 at the ruling', () => {
    const adult = '2008-11-01';
    expect(
      checkConversion(ots, { toType: 'voogdij', rulingDate: '2026-12-01', endDate: null }, TODAY, adult)[0]
        ?.message,
    ).toBe('De jeugdige was op de datum van de uitspraak al 18 (sinds 1 november 2026).');
  });
});

describe('a beëindiging', () => {
  const end = (endedOn: string, reason: Parameters<typeof checkEnding>[1]['reason'], reasonText = '') => ({
    endedOn,
    reason,
    reasonText,
  });

  it('is accepted on a day up to today, after the ruling and not after the end date, with a reason from the list', () => {
    for (const reason of ['doel_bereikt', 'andere_gi', 'opgeheven'] as const) {
      expect(checkEnding(ots, end('2026-12-01', reason), TODAY, BIRTH)).toEqual([]);
    }
    expect(checkEnding(ots, end('2026-12-01', 'overig', 'Gezin geëmigreerd'), TODAY, BIRTH)).toEqual([]);
  });

  it('is refused with a date in the future', () => {
    expect(checkEnding(ots, end('2026-12-07', 'doel_bereikt'), TODAY, BIRTH)).toEqual([
      {
        field: 'endedOn',
        message:
          'De datum van beëindiging ligt in de toekomst: registreer een beëindiging als die is ingegaan.',
      },
    ]);
  });

  it('is refused before the ruling, or after the end date (that is a lapse)', () => {
    expect(checkEnding(ots, end('2026-01-09', 'doel_bereikt'), TODAY, BIRTH)[0]?.message).toContain(
      'vóór de uitspraak van deze maatregel (10 januari 2026)',
    );
    const lapsed = { ...ots, endDate: '2026-11-30' };
    expect(checkEnding(lapsed, end('2026-12-01', 'doel_bereikt'), TODAY, BIRTH)[0]?.message).toContain(
      'registreer het verlopen',
    );
  });

  it("needs words for 'overig', and an 18th birthday for 'meerderjarig'", () => {
    expect(fields(checkEnding(ots, end('2026-12-01', 'overig', '  '), TODAY, BIRTH))).toEqual(['reasonText']);
    expect(checkEnding(ots, end('2026-12-01', 'meerderjarig'), TODAY, BIRTH)[0]?.message).toBe(
      'De jeugdige wordt pas 18 op 15 maart 2030.',
    );
    expect(checkEnding(ots, end('2026-12-01', 'meerderjarig'), TODAY, '2008-11-01')).toEqual([]);
  });

  it('is refused for a measure that already ended', () => {
    expect(
      fields(
        checkEnding(
          { ...ots, status: 'beeindigd', endedOn: '2026-11-01' },
          end('2026-12-01', 'doel_bereikt'),
          TODAY,
          BIRTH,
        ),
      ),
    ).toEqual(['measure']);
  });
});

describe('registering a lapse (verlopen)', () => {
  const lapsed = { ...ots, endDate: '2026-11-30' };

  it('ends the measure on its end date once that has passed', () => {
    expect(
      checkEnding(lapsed, { endedOn: '2026-11-30', reason: 'verlopen', reasonText: '' }, TODAY, BIRTH),
    ).toEqual([]);
  });

  it('is refused on another day than the end date', () => {
    expect(
      checkEnding(lapsed, { endedOn: '2026-12-01', reason: 'verlopen', reasonText: '' }, TODAY, BIRTH)[0]
        ?.message,
    ).toBe('Een verlopen maatregel eindigt op zijn einddatum (30 november 2026).');
  });

  it('is refused while the measure still runs, or when it has no end date', () => {
    expect(
      checkEnding(ots, { endedOn: '2027-01-10', reason: 'verlopen', reasonText: '' }, TODAY, BIRTH)[0]
        ?.message,
    ).toBe('Deze maatregel loopt nog tot en met 10 januari 2027; hij is niet verlopen.');
    expect(
      fields(
        checkEnding(
          { ...ots, endDate: null },
          { endedOn: TODAY, reason: 'verlopen', reasonText: '' },
          TODAY,
          BIRTH,
        ),
      ),
    ).toEqual(['reason']);
  });
});
