/**
 * What a GI may register after a court decision on a measure, and why not
 * (the rules of ./measure-life.ts's file comment). Pure: the decision form runs
 * the checks before sending, the server runs them again as the authority
 * (server/services/measure-life.ts); every refusal names its field and says in
 * Dutch what is wrong.
 */
import { addYears } from 'date-fns';
import type { EndReason, MaatregelType } from '../schemas/maatregel';
import { fromDate, type IsoDate, plusDays, toDate } from './dates';
import type { LifeMeasure } from './measure-life';

/** An OTS runs at most a year per ruling, and each extension adds at most a year. */
export const MAX_TERM_YEARS = 1;

/** The day the child turns 18: voogdij lasts until then. */
export function eighteenthBirthday(birthDate: IsoDate): IsoDate {
  return fromDate(addYears(toDate(birthDate), 18));
}

const yearAfter = (day: IsoDate) => fromDate(addYears(toDate(day), MAX_TERM_YEARS));

export type LifeField =
  | 'measure'
  | 'toType'
  | 'rulingDate'
  | 'endDate'
  | 'endedOn'
  | 'reason'
  | 'reasonText'
  | 'zaaknummer'
  | 'reference'
  | 'court';
export interface LifeError {
  field: LifeField;
  message: string;
}

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** '2026-03-05' → '5 maart 2026', the same on every device. */
export const dag = (day: IsoDate) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return longDate.format(new Date(Date.UTC(y, m - 1, d)));
};

const TYPE_NAME: Record<MaatregelType, string> = {
  ots: 'OTS',
  vots: 'voorlopige OTS',
  voogdij: 'voogdij',
  jeugdreclassering: 'jeugdreclassering',
};

function ended(m: LifeMeasure, what: string): LifeError[] {
  if (m.status === 'lopend') return [];
  const on = m.endedOn ? ` op ${dag(m.endedOn)}` : '';
  return [{ field: 'measure', message: `Deze maatregel is${on} beëindigd; ${what}` }];
}

/** A ruling has happened: not in the future, and not before the measure's own ruling. */
function rulingChecks(m: LifeMeasure, ruling: IsoDate, today: IsoDate, strictlyAfter: boolean): LifeError[] {
  if (ruling > today)
    return [{ field: 'rulingDate', message: 'De datum van de uitspraak ligt in de toekomst.' }];
  if (strictlyAfter ? ruling <= m.rulingDate : ruling < m.rulingDate)
    return [
      {
        field: 'rulingDate',
        message: `De uitspraak ligt ${strictlyAfter ? 'op of ' : ''}vóór de uitspraak van de huidige maatregel (${dag(m.rulingDate)}).`,
      },
    ];
  return [];
}

export function checkExtension(
  m: LifeMeasure,
  input: { rulingDate: IsoDate; endDate: IsoDate },
  today: IsoDate,
): LifeError[] {
  const closed = ended(m, 'een beëindigde maatregel kan niet worden verlengd.');
  if (closed.length) return closed;
  if (m.type === 'vots')
    return [
      {
        field: 'measure',
        message: 'Een voorlopige OTS wordt niet verlengd maar omgezet in een OTS: kies ‘Omzetting’.',
      },
    ];
  if (m.type === 'voogdij')
    return [{ field: 'measure', message: 'Voogdij loopt tot de jeugdige 18 is en wordt niet verlengd.' }];
  if (m.endDate === null)
    return [{ field: 'measure', message: 'Deze maatregel heeft geen einddatum: er is niets te verlengen.' }];
  const errors = rulingChecks(m, input.rulingDate, today, false);
  if (errors.length === 0 && input.rulingDate > m.endDate) {
    errors.push({
      field: 'rulingDate',
      message: `De uitspraak ligt na de einddatum (${dag(m.endDate)}): een verlopen maatregel kan niet meer worden verlengd. Registreer het einde.`,
    });
  }
  if (input.endDate <= input.rulingDate) {
    errors.push({ field: 'endDate', message: 'De nieuwe einddatum ligt niet na de uitspraak.' });
  } else if (input.endDate <= m.endDate) {
    errors.push({
      field: 'endDate',
      message: `De nieuwe einddatum ligt niet na de huidige einddatum (${dag(m.endDate)}).`,
    });
  } else if (input.endDate > yearAfter(m.endDate)) {
    errors.push({
      field: 'endDate',
      message: `Een verlenging is ten hoogste een jaar: uiterlijk ${dag(yearAfter(m.endDate))}.`,
    });
  }
  return errors;
}

const CONVERSIONS: Partial<Record<MaatregelType, MaatregelType>> = { vots: 'ots', ots: 'voogdij' };

/** The end date the new measure gets: the given one for an OTS, the 18th birthday for voogdij. */
export function conversionEndDate(
  toType: MaatregelType,
  endDate: IsoDate | null,
  birthDate: IsoDate,
): IsoDate | null {
  return toType === 'voogdij' ? eighteenthBirthday(birthDate) : endDate;
}

export function checkConversion(
  m: LifeMeasure,
  input: { toType: MaatregelType; rulingDate: IsoDate; endDate: IsoDate | null },
  today: IsoDate,
  birthDate: IsoDate,
): LifeError[] {
  const closed = ended(m, 'alleen een lopende maatregel kan worden omgezet.');
  if (closed.length) return closed;
  if (CONVERSIONS[m.type] !== input.toType) {
    return [
      {
        field: 'toType',
        message: `Een ${TYPE_NAME[m.type]} kan niet worden omgezet in ${TYPE_NAME[input.toType]}. Mogelijk zijn: voorlopige OTS → OTS en OTS → voogdij.`,
      },
    ];
  }
  const errors = rulingChecks(m, input.rulingDate, today, true);
  if (errors.length === 0 && m.endDate !== null && input.rulingDate > plusDays(m.endDate, 1)) {
    errors.push({
      field: 'rulingDate',
      message: `De ${TYPE_NAME[m.type]} liep af op ${dag(m.endDate)}; een omzetting moet uiterlijk de dag erna zijn uitgesproken. Registreer het verlopen; een nieuwe maatregel na een onderbreking komt via de instroom.`,
    });
  }
  if (input.toType === 'voogdij') {
    const adult = eighteenthBirthday(birthDate);
    if (input.rulingDate >= adult)
      errors.push({
        field: 'rulingDate',
        message: `De jeugdige was op de datum van de uitspraak al 18 (sinds ${dag(adult)}).`,
      });
  } else if (input.endDate === null) {
    errors.push({ field: 'endDate', message: 'Vul de einddatum van de OTS in.' });
  } else if (input.endDate <= input.rulingDate) {
    errors.push({ field: 'endDate', message: 'De einddatum ligt niet na de uitspraak.' });
  } else if (input.endDate > yearAfter(input.rulingDate)) {
    errors.push({
      field: 'endDate',
      message: `Een OTS duurt ten hoogste een jaar: uiterlijk ${dag(yearAfter(input.rulingDate))}.`,
    });
  }
  return errors;
}

export function checkEnding(
  m: LifeMeasure,
  input: { endedOn: IsoDate; reason: EndReason; reasonText: string },
  today: IsoDate,
  birthDate: IsoDate,
): LifeError[] {
  const closed = ended(m, 'hij kan niet nog eens worden beëindigd.');
  if (closed.length) return closed;
  const errors: LifeError[] = [];
  if (input.reason === 'omgezet') {
    return [
      { field: 'reason', message: 'Een omzetting registreert u met ‘Omzetting’, niet als beëindiging.' },
    ];
  }
  if (input.reason === 'verlopen') {
    if (m.endDate === null)
      return [
        {
          field: 'reason',
          message: 'Deze maatregel heeft geen einddatum en kan niet verlopen; kies een reden.',
        },
      ];
    if (m.endDate >= today)
      return [
        {
          field: 'reason',
          message: `Deze maatregel loopt nog tot en met ${dag(m.endDate)}; hij is niet verlopen.`,
        },
      ];
    if (input.endedOn !== m.endDate)
      errors.push({
        field: 'endedOn',
        message: `Een verlopen maatregel eindigt op zijn einddatum (${dag(m.endDate)}).`,
      });
    return errors;
  }
  if (input.endedOn > today) {
    errors.push({
      field: 'endedOn',
      message:
        'De datum van beëindiging ligt in de toekomst: registreer een beëindiging als die is ingegaan.',
    });
  } else if (input.endedOn < m.rulingDate) {
    errors.push({
      field: 'endedOn',
      message: `De beëindiging ligt vóór de uitspraak van deze maatregel (${dag(m.rulingDate)}).`,
    });
  } else if (m.endDate !== null && input.endedOn > m.endDate) {
    errors.push({
      field: 'endedOn',
      message: `De maatregel liep af op ${dag(m.endDate)}: registreer het verlopen, geen latere beëindiging.`,
    });
  } else if (input.reason === 'meerderjarig' && input.endedOn < eighteenthBirthday(birthDate)) {
    errors.push({
      field: 'endedOn',
      message: `De jeugdige wordt pas 18 op ${dag(eighteenthBirthday(birthDate))}.`,
    });
  }
  if (input.reason === 'overig' && input.reasonText.trim() === '') {
    errors.push({ field: 'reasonText', message: 'Beschrijf de reden bij ‘overig’.' });
  }
  return errors;
}
