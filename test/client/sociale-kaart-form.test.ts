/**
 * The sociale kaart's form logic (client/src/features/admin/kaart-model.ts):
 * what a beheerder types becomes the server's input only when the shared
 * schema accepts it, and every refusal names its field in Dutch.
 */
import { describe, expect, it } from 'vitest';
import {
  type AanbiederDraft,
  arrangementSummary,
  checkAanbieder,
  checkArrangement,
  differences,
  draftOfAanbieder,
  errorsOfSaveFailure,
  type FieldError,
  filterAanbieders,
  type KaartAanbieder,
  NO_FILTER,
  newAanbiederDraft,
} from '../../client/src/features/admin/kaart-model';
import { i18n } from '../../client/src/i18n';

const HAAGLANDEN = '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0001';
const RIJNMOND = '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0002';

const dutch = (e: FieldError | undefined) =>
  e ? i18n.t(`kaart.errors.${e.key}`, { n: e.n ?? 0, message: e.message ?? '' }) : undefined;

function filled(over: Partial<AanbiederDraft> = {}): AanbiederDraft {
  return {
    ...newAanbiederDraft(),
    name: '  Jeugdhulp De Kering ',
    agbCode: '98 12 34 56',
    products: [
      { key: 'a', category: '45', code: ' 45A01 ', name: 'Ambulante gezinsbegeleiding' },
      { key: 'b', category: '54', code: '54001', name: 'Traumabehandeling (EMDR)' },
    ],
    regionIds: [HAAGLANDEN],
    waitWeeks: ' 6 ',
    contactRoute: 'aanmelden@dekering.example',
    ...over,
  };
}

describe('the provider form', () => {
  it('turns a complete draft into exactly the input the server takes: trimmed, AGB without spaces, a number of weeks', () => {
    const draft = filled();
    const checked = checkAanbieder(draft);
    expect(checked).toEqual({
      ok: true,
      input: {
        id: draft.id,
        name: 'Jeugdhulp De Kering',
        agbCode: '98123456',
        products: [
          { category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' },
          { category: '54', code: '54001', name: 'Traumabehandeling (EMDR)' },
        ],
        regionIds: [HAAGLANDEN],
        waitWeeks: 6,
        contactRoute: 'aanmelden@dekering.example',
        active: true,
        baseVersion: 0,
      },
    });
  });

  it('refuses an AGB code that is not 8 digits, in Dutch, on the AGB field', () => {
    for (const agbCode of ['', '1234567', '123456789', '9812345a']) {
      const checked = checkAanbieder(filled({ agbCode }));
      expect(checked.ok).toBe(false);
      if (checked.ok) continue;
      expect(Object.keys(checked.errors)).toEqual(['agbCode']);
      expect(dutch(checked.errors.agbCode)).toBe('De AGB-code bestaat uit precies 8 cijfers.');
    }
  });

  it('needs at least one product', () => {
    const checked = checkAanbieder(filled({ products: [] }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(dutch(checked.errors.products)).toBe('Voeg minstens één product toe.');
  });

  it('names each missing part of a product on its own row', () => {
    const checked = checkAanbieder(
      filled({
        products: [
          { key: 'a', category: '45', code: '45A01', name: 'Gezinsbegeleiding' },
          { key: 'b', category: '', code: ' ', name: '' },
        ],
      }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual([
      'products.1.category',
      'products.1.code',
      'products.1.name',
    ]);
    expect(dutch(checked.errors['products.1.category'])).toBe('Kies een productcategorie.');
    expect(dutch(checked.errors['products.1.code'])).toBe('Vul de productcode in.');
    expect(dutch(checked.errors['products.1.name'])).toBe('Vul de productnaam in.');
  });

  it('refuses a product code twice (also in other case or with spaces) and points at the first one', () => {
    const checked = checkAanbieder(
      filled({
        products: [
          { key: 'a', category: '45', code: '45A01', name: 'Gezinsbegeleiding' },
          { key: 'b', category: '54', code: '54001', name: 'EMDR' },
          { key: 'c', category: '45', code: ' 45a01', name: 'Nog eens gezinsbegeleiding' },
        ],
      }),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors)).toEqual(['products.2.code']);
    expect(dutch(checked.errors['products.2.code'])).toBe('Deze productcode staat al bij product 1.');
  });

  it('wants the wait as a whole number of weeks, 0 to 260', () => {
    for (const waitWeeks of ['', 'zes', '2.5', '-1', '261']) {
      const checked = checkAanbieder(filled({ waitWeeks }));
      expect(checked.ok, waitWeeks).toBe(false);
      if (checked.ok) continue;
      expect(dutch(checked.errors.waitWeeks)).toBe(
        'Vul de wachttijd in als een heel aantal weken, van 0 tot 260.',
      );
    }
    expect(checkAanbieder(filled({ waitWeeks: '0' })).ok).toBe(true);
  });

  it('lets a provider without any region through (the form warns instead)', () => {
    expect(checkAanbieder(filled({ regionIds: [] })).ok).toBe(true);
  });

  it('opens an existing provider as it is stored, so saving it unchanged sends the same provider back', () => {
    const stored: KaartAanbieder = {
      id: '5d1c1f4e-0000-4000-8000-000000000001',
      name: 'Kinder-GGZ Polderland',
      agbCode: '98765432',
      products: [{ category: '54', code: '54012', name: 'Psychomotorische therapie (PMT)' }],
      waitWeeks: 0,
      contactRoute: '',
      active: false,
      regionIds: [HAAGLANDEN, RIJNMOND],
      version: 3,
      lastChange: null,
    };
    const checked = checkAanbieder(draftOfAanbieder(stored));
    // The same provider back, on the version it was opened at.
    const { version: _version, lastChange: _lastChange, ...fields } = stored;
    expect(checked).toEqual({ ok: true, input: { ...fields, baseVersion: 3 } });
  });
});

describe('a refused save', () => {
  it('puts the server’s zod issues on the same fields as the form’s own check', () => {
    const errors = errorsOfSaveFailure('aanbieder', {
      code: 'BAD_REQUEST',
      message: '[...]',
      issues: [
        { path: ['agbCode'], code: 'invalid_format' },
        { path: ['products', '0', 'code'], code: 'too_big' },
      ],
    });
    expect(dutch(errors.agbCode)).toBe('De AGB-code bestaat uit precies 8 cijfers.');
    expect(dutch(errors['products.0.code'])).toBe('De productcode is te lang (maximaal 20 tekens).');
  });

  it('shows the service’s own Dutch refusal, a missing right, or a lost connection for the whole form', () => {
    const unknownRegion = errorsOfSaveFailure('aanbieder', {
      code: 'BAD_REQUEST',
      message: 'Een van de gekozen regio’s bestaat niet.',
    });
    expect(dutch(unknownRegion.form)).toBe(
      'Opslaan is niet gelukt: Een van de gekozen regio’s bestaat niet.',
    );
    expect(dutch(errorsOfSaveFailure('arrangement', { code: 'FORBIDDEN', message: '' }).form)).toBe(
      'U mag de sociale kaart niet wijzigen.',
    );
    expect(dutch(errorsOfSaveFailure('arrangement', { code: undefined, message: '' }).form)).toMatch(
      /Geen verbinding/,
    );
  });
});

describe('the arrangement form', () => {
  const draft = {
    regionId: HAAGLANDEN,
    consultation: 'email' as const,
    contactPoint: ' jeugdhulpbepaling@haaglanden.example ',
    answerWorkdays: '5',
    expertteamContact: 'Regionaal expertteam Haaglanden',
    notes: '',
  };

  it('sends the answer time as a number of workdays', () => {
    expect(checkArrangement(draft)).toEqual({
      ok: true,
      input: { ...draft, contactPoint: 'jeugdhulpbepaling@haaglanden.example', answerWorkdays: 5 },
    });
  });

  it('needs a choice of consultation and a whole number of workdays up to 60', () => {
    const checked = checkArrangement({ ...draft, consultation: '', answerWorkdays: '61' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(dutch(checked.errors.consultation)).toBe('Kies hoe de gemeente wordt afgestemd.');
    expect(dutch(checked.errors.answerWorkdays)).toBe(
      'Vul de antwoordtermijn in als een heel aantal werkdagen, van 0 tot 60.',
    );
  });

  it('has no answer time without consultation (the field is hidden then)', () => {
    const checked = checkArrangement({ ...draft, consultation: 'geen', answerWorkdays: '' });
    expect(checked.ok && checked.input.answerWorkdays).toBe(0);
  });

  it('reads as one line a jeugdbeschermer can act on', () => {
    const t = i18n.t.bind(i18n);
    expect(
      arrangementSummary(t, 'Haaglanden', {
        consultation: 'email',
        contactPoint: 'jeugdhulpbepaling@haaglanden.example',
        answerWorkdays: 5,
      }),
    ).toBe(
      'Haaglanden: afstemming per e-mail (jeugdhulpbepaling@haaglanden.example), antwoord binnen 5 werkdagen',
    );
    expect(
      arrangementSummary(t, 'Utrecht', { consultation: 'portaal', contactPoint: '', answerWorkdays: 1 }),
    ).toBe('Utrecht: afstemming via het portaal, antwoord binnen 1 werkdag');
    expect(
      arrangementSummary(t, 'Rijnmond', {
        consultation: 'geen',
        contactPoint: 'Servicepunt',
        answerWorkdays: 0,
      }),
    ).toBe('Rijnmond: geen afstemming met de gemeente nodig');
    expect(arrangementSummary(t, 'Twente', undefined)).toBe('Twente: nog geen afspraak vastgelegd');
  });
});

describe('finding a provider', () => {
  const provider = (name: string, over: Partial<KaartAanbieder> = {}): KaartAanbieder => ({
    id: name,
    name,
    agbCode: '98000000',
    products: [{ category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
    waitWeeks: 4,
    contactRoute: '',
    active: true,
    regionIds: [HAAGLANDEN],
    version: 1,
    lastChange: null,
    ...over,
  });
  const list = [
    provider('Jeugdhulp De Kering'),
    provider('Traumacentrum De Baken', {
      products: [{ category: '54', code: '54001', name: 'Traumabehandeling (EMDR)' }],
      regionIds: [RIJNMOND],
    }),
    provider('Cliëntgroep Zonder Regio', { regionIds: [] }),
  ];
  const names = (f: Partial<typeof NO_FILTER>) =>
    filterAanbieders(list, { ...NO_FILTER, ...f }).map((a) => a.name);

  it('searches names, product names and codes, without minding case or accents', () => {
    expect(names({ query: 'emdr' })).toEqual(['Traumacentrum De Baken']);
    expect(names({ query: '54001' })).toEqual(['Traumacentrum De Baken']);
    expect(names({ query: 'client zonder' })).toEqual(['Cliëntgroep Zonder Regio']);
  });

  it('filters on region (or no region at all) and on product category', () => {
    expect(names({ regionId: RIJNMOND })).toEqual(['Traumacentrum De Baken']);
    expect(names({ regionId: 'none' })).toEqual(['Cliëntgroep Zonder Regio']);
    expect(names({ category: '45', regionId: HAAGLANDEN })).toEqual(['Jeugdhulp De Kering']);
  });
});

describe('comparing with the version saved meanwhile', () => {
  const t = i18n.t.bind(i18n);
  const names: Record<string, string> = { [HAAGLANDEN]: 'Haaglanden', [RIJNMOND]: 'Rijnmond' };
  const now: KaartAanbieder = {
    id: '5d1c1f4e-0000-4000-8000-000000000002',
    name: 'Jeugdhulp De Kering',
    agbCode: '98123456',
    products: [{ category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
    regionIds: [RIJNMOND, HAAGLANDEN],
    waitWeeks: 0,
    contactRoute: '',
    active: true,
    version: 5,
    lastChange: { by: 'Bea Beheer', organisation: 'GI Beta', at: '2026-11-24T13:05:00Z' },
  };
  const mine = (over: Partial<KaartAanbieder> = {}) => {
    const checked = checkAanbieder(draftOfAanbieder({ ...now, version: 4, ...over }));
    if (!checked.ok) throw new Error('draft should be valid');
    return checked.input;
  };

  it('lists only the fields that differ, each side as a Dutch line to read', () => {
    expect(differences(t, mine(), now, (id) => names[id] ?? id)).toEqual([]);
    const rows = differences(
      t,
      mine({
        products: [
          { category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' },
          { category: '54', code: '54001', name: 'Traumabehandeling (EMDR)' },
        ],
        regionIds: [HAAGLANDEN],
        waitWeeks: 3,
        contactRoute: 'aanmelden@dekering.example',
        active: false,
      }),
      now,
      (id) => names[id] ?? id,
    );
    expect(rows).toEqual([
      {
        field: 'products',
        mine: '45A01 Ambulante gezinsbegeleiding (45); 54001 Traumabehandeling (EMDR) (54)',
        theirs: '45A01 Ambulante gezinsbegeleiding (45)',
      },
      { field: 'regionIds', mine: 'Haaglanden', theirs: 'Haaglanden, Rijnmond' },
      { field: 'waitWeeks', mine: 'Wachttijd 3 weken', theirs: 'Geen wachttijd' },
      { field: 'contactRoute', mine: 'aanmelden@dekering.example', theirs: '—' },
      { field: 'active', mine: 'nee', theirs: 'ja' },
    ]);
  });
});
