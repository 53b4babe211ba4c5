import { describe, expect, it } from 'vitest';
import {
  type AgendaCase,
  type AgendaInput,
  agendaItems,
  holdingOf,
  pruneSeen,
  unseenItems,
  weekHorizon,
} from '../../shared/rules/agenda';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../shared/rules/working-days';

const ME = '00000000-0000-4000-8000-000000000001';
const COLLEAGUE = '00000000-0000-4000-8000-000000000002';
const DESK = '00000000-0000-4000-8000-000000000003';
const CASE = 'c1';

/** A case of mine with every norm met, a running OTS without an end date: nothing to do. */
function quietCase(over: Partial<AgendaCase> = {}): AgendaCase {
  return {
    caseId: CASE,
    status: 'actief',
    measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2024-01-10', endDate: null }],
    assignments: [{ userId: ME, role: 'vast', fromDate: '2024-01-11', untilDate: null }],
    koersen: [{ id: 'k1', version: 1, evaluationDate: null, agreedOn: '2024-02-01' }],
    nextContactOn: null,
    verwijzingen: [
      {
        id: 'v0',
        status: 'gestart',
        productName: 'MST',
        helpDueDate: '2024-04-10',
        startedOn: '2024-03-01',
        alternative: null,
      },
    ],
    stappen: [],
    ...over,
  };
}

const input = (today: string, cases: AgendaCase[], over: Partial<AgendaInput> = {}): AgendaInput => ({
  userId: ME,
  today,
  policy: DEFAULT_HOLIDAY_POLICY,
  cases,
  ...over,
});

const brief = (today: string, cases: AgendaCase[], over: Partial<AgendaInput> = {}) =>
  agendaItems(input(today, cases, over)).map((i) => [i.kind, i.due, i.when]);

describe('the working week of the agenda', () => {
  it('runs from a Monday to its Sunday', () => {
    expect(weekHorizon('2025-06-02', DEFAULT_HOLIDAY_POLICY)).toBe('2025-06-08');
  });

  it('runs on to the end of next week on a Friday, a Saturday and a Sunday', () => {
    expect(weekHorizon('2025-06-06', DEFAULT_HOLIDAY_POLICY)).toBe('2025-06-15');
    expect(weekHorizon('2025-06-07', DEFAULT_HOLIDAY_POLICY)).toBe('2025-06-15');
    expect(weekHorizon('2025-06-08', DEFAULT_HOLIDAY_POLICY)).toBe('2025-06-15');
  });

  it('counts Goede Vrijdag off only when the policy gives it', () => {
    const goedeVrijdag: HolidayPolicy = { ...DEFAULT_HOLIDAY_POLICY, goedeVrijdag: true };
    // Thursday 17 April 2025: Friday 18 is Goede Vrijdag.
    expect(weekHorizon('2025-04-17', DEFAULT_HOLIDAY_POLICY)).toBe('2025-04-20');
    expect(weekHorizon('2025-04-17', goedeVrijdag)).toBe('2025-04-27');
  });

  it('keeps the week after Hemelvaartsdag while the Friday is worked, and follows extra closing days', () => {
    // Wednesday 28 May 2025; Thursday 29 is Hemelvaartsdag, Friday 30 a working day.
    expect(weekHorizon('2025-05-28', DEFAULT_HOLIDAY_POLICY)).toBe('2025-06-01');
    const brugdag: HolidayPolicy = { ...DEFAULT_HOLIDAY_POLICY, extraDays: ['2025-05-30'] };
    expect(weekHorizon('2025-05-28', brugdag)).toBe('2025-06-08');
  });

  it('crosses Christmas and the year end', () => {
    // Wednesday 24 December 2025: the 25th and 26th are holidays, then the weekend.
    expect(weekHorizon('2025-12-24', DEFAULT_HOLIDAY_POLICY)).toBe('2026-01-04');
  });
});

describe('the norms on the agenda', () => {
  it('counts the assignment norm in working days around Bevrijdingsdag of a lustrum year', () => {
    // Ruling Monday 28 April 2025; 1 May counts, 5 May (2025: lustrum) does not: due Tuesday 6 May.
    const c = quietCase({
      measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2025-04-28', endDate: null }],
      assignments: [{ userId: ME, role: 'waarnemer', fromDate: '2025-04-28', untilDate: null }],
      koersen: [],
      verwijzingen: [],
    });
    const items = agendaItems(input('2025-05-02', [c]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.standIn, i.route])).toEqual([
      ['norm-toewijzing', '2025-05-06', 'week', true, `/dossier/${CASE}`],
    ]);
    const never: HolidayPolicy = { ...DEFAULT_HOLIDAY_POLICY, bevrijdingsdag: 'never' };
    expect(brief('2025-05-02', [c], { policy: never })).toEqual([['norm-toewijzing', '2025-05-05', 'week']]);
    // On the Tuesday it is due today, on the Wednesday overdue.
    expect(brief('2025-05-06', [c])).toEqual([['norm-toewijzing', '2025-05-06', 'today']]);
    expect(brief('2025-05-07', [c])[0]).toEqual(['norm-toewijzing', '2025-05-06', 'overdue']);
  });

  it('puts the koers norm six weeks after the ruling, with the koers as its action', () => {
    const c = quietCase({
      measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2025-01-20', endDate: null }],
      koersen: [],
    });
    // Wednesday 26 February: Monday 3 March is next week. On Friday 28 it is in "Deze week".
    expect(agendaItems(input('2025-02-26', [c]))).toEqual([]);
    const items = agendaItems(input('2025-02-28', [c]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route])).toEqual([
      ['norm-koers', '2025-03-03', 'week', `/dossier/${CASE}/koers`],
    ]);
    // The day after the deadline it is overdue; a koers agreed takes it off.
    expect(brief('2025-03-04', [c])).toEqual([['norm-koers', '2025-03-03', 'overdue']]);
    const agreed = quietCase({
      ...c,
      koersen: [{ id: 'k', version: 1, evaluationDate: null, agreedOn: '2025-03-04' }],
    });
    expect(brief('2025-03-04', [agreed])).toEqual([]);
  });

  it('clamps the help norm to the last day of February and asks for help when nothing is requested', () => {
    // Ruling 30 November 2024: three months later is 28 February 2025 (a Friday).
    const c = quietCase({
      measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2024-11-30', endDate: null }],
      koersen: [{ id: 'k1', version: 1, evaluationDate: null, agreedOn: '2024-12-20' }],
      verwijzingen: [],
    });
    const items = agendaItems(input('2025-02-24', [c]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route])).toEqual([
      ['norm-hulp', '2025-02-28', 'week', `/dossier/${CASE}/hulp`],
    ]);
    expect(brief('2025-03-03', [c])).toEqual([['norm-hulp', '2025-02-28', 'overdue']]);
  });

  it('gives a waiting request the help norm date instead, with the request as its action', () => {
    const c = quietCase({
      measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2024-11-30', endDate: null }],
      koersen: [{ id: 'k1', version: 1, evaluationDate: null, agreedOn: '2024-12-20' }],
      verwijzingen: [
        {
          id: 'v1',
          status: 'wachtlijst',
          productName: 'Traumabehandeling',
          helpDueDate: '2025-02-28',
          startedOn: null,
        },
      ],
    });
    const items = agendaItems(input('2025-03-03', [c]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route, i.product])).toEqual([
      ['verwijzing-termijn', '2025-02-28', 'overdue', `/dossier/${CASE}/hulp/v1`, 'Traumabehandeling'],
    ]);
  });

  it('leaves met norms and days beyond the week off the agenda', () => {
    expect(agendaItems(input('2025-03-03', [quietCase()]))).toEqual([]);
    const far = quietCase({
      measures: [{ id: 'm1', type: 'ots', status: 'lopend', rulingDate: '2025-03-03', endDate: null }],
      assignments: [{ userId: ME, role: 'vast', fromDate: '2025-03-03', untilDate: null }],
      koersen: [],
      verwijzingen: [],
    });
    // Koers due 14 April, help 3 June: neither falls in the week of 3 March.
    expect(agendaItems(input('2025-03-03', [far]))).toEqual([]);
  });
});

describe('the measure on the agenda', () => {
  const ending = (endDate: string, type: 'ots' | 'voogdij' = 'ots') =>
    quietCase({ measures: [{ id: 'm1', type, status: 'lopend', rulingDate: '2024-05-16', endDate }] });

  it('asks for the extension request in the week its deadline falls, eight weeks before the end', () => {
    // OTS ends Friday 16 May 2025: the request must be in by Friday 21 March.
    const items = agendaItems(input('2025-03-17', [ending('2025-05-16')]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.extension, i.route])).toEqual([
      ['maatregel-verlenging', '2025-03-21', 'week', 'nu', `/dossier/${CASE}/verlenging`],
    ]);
    expect(brief('2025-03-24', [ending('2025-05-16')])).toEqual([
      ['maatregel-verlenging', '2025-03-21', 'overdue'],
    ]);
  });

  it('shows the end date in its week, and the lapse once it passed without a decision', () => {
    expect(brief('2025-05-12', [ending('2025-05-16')])).toEqual([
      ['maatregel-verlenging', '2025-03-21', 'overdue'],
      ['maatregel-einde', '2025-05-16', 'week'],
    ]);
    // Saturday 1 March passed: the measure lapsed (verlopen); no extension or end item beside it.
    const items = agendaItems(input('2025-03-03', [ending('2025-03-01')]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route])).toEqual([
      ['maatregel-verlopen', '2025-03-01', 'overdue', `/dossier/${CASE}/maatregel/m1`],
    ]);
  });

  it('drops the lapse once the extension is registered, and the new end date is a new thing', () => {
    const extended = ending('2026-03-01');
    expect(agendaItems(input('2025-03-03', [extended]))).toEqual([]);
    // An extension request item changes its fingerprint when the end date moves.
    const before = agendaItems(input('2025-03-17', [ending('2025-05-16')]))[0];
    const moved = agendaItems(input('2025-03-17', [ending('2025-05-17')]))[0];
    expect(before?.key).toBe(moved?.key);
    expect(before?.fingerprint).not.toBe(moved?.fingerprint);
  });

  it('does not ask to extend a voogdij, but shows its end in the week it comes', () => {
    expect(brief('2025-03-17', [ending('2025-05-16', 'voogdij')])).toEqual([]);
    expect(brief('2025-05-12', [ending('2025-05-16', 'voogdij')])).toEqual([
      ['maatregel-einde', '2025-05-16', 'week'],
    ]);
  });

  it('has nothing for a closed case', () => {
    expect(agendaItems(input('2025-03-03', [{ ...ending('2025-03-01'), status: 'afgesloten' }]))).toEqual([]);
  });
});

describe('koers evaluation and contacts on the agenda', () => {
  it('takes the evaluation date of the latest koers version and the next planned contact', () => {
    const c = quietCase({
      koersen: [
        { id: 'k1', version: 1, evaluationDate: '2025-03-04', agreedOn: '2024-02-01' },
        { id: 'k2', version: 2, evaluationDate: '2025-03-06', agreedOn: null },
      ],
      nextContactOn: '2025-03-03',
    });
    const items = agendaItems(input('2025-03-03', [c]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route])).toEqual([
      ['contact-gepland', '2025-03-03', 'today', `/dossier/${CASE}/contact`],
      ['koers-evaluatie', '2025-03-06', 'week', `/dossier/${CASE}/koers`],
    ]);
  });

  it('sorts overdue first, then the soonest, across cases', () => {
    const a = quietCase({ caseId: 'a', nextContactOn: '2025-03-07' });
    const b = quietCase({ caseId: 'b', nextContactOn: '2025-02-27' });
    const c = quietCase({ caseId: 'c', nextContactOn: '2025-03-05' });
    expect(agendaItems(input('2025-03-04', [a, b, c])).map((i) => [i.caseId, i.when])).toEqual([
      ['b', 'overdue'],
      ['c', 'week'],
      ['a', 'week'],
    ]);
  });
});

describe('stand-in periods', () => {
  const standIn = quietCase({
    assignments: [
      { userId: COLLEAGUE, role: 'vast', fromDate: '2024-01-11', untilDate: null },
      { userId: ME, role: 'waarnemer', fromDate: '2025-03-10', untilDate: '2025-03-14' },
    ],
    nextContactOn: '2025-03-12',
  });

  it('has no items before the period starts or after it ends', () => {
    expect(agendaItems(input('2025-03-07', [standIn]))).toEqual([]);
    expect(agendaItems(input('2025-03-15', [standIn]))).toEqual([]);
    expect(holdingOf(standIn.assignments, ME, '2025-03-15')).toBeNull();
  });

  it('marks the items of a stand-in case from its first day to its last', () => {
    for (const today of ['2025-03-10', '2025-03-14']) {
      const items = agendaItems(input(today, [standIn]));
      expect(items.map((i) => [i.kind, i.standIn])).toEqual([['contact-gepland', true]]);
    }
  });

  it('does not mark the worker own cases', () => {
    expect(agendaItems(input('2025-03-10', [quietCase({ nextContactOn: '2025-03-12' })]))[0]?.standIn).toBe(
      false,
    );
  });
});

describe('requests for help on the agenda', () => {
  const waiting = (over: Partial<AgendaCase> = {}) =>
    quietCase({
      verwijzingen: [
        {
          id: 'v1',
          status: 'wachtlijst',
          productName: 'MST',
          helpDueDate: '2025-06-30',
          startedOn: '2024-03-01',
          alternative: { offeredAt: '2025-03-03T09:00:00.000Z', choice: null },
        },
      ],
      ...over,
    });

  it('asks the worker to weigh an alternative offer until the choice is made', () => {
    const items = agendaItems(input('2025-03-05', [waiting()]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.route])).toEqual([
      ['verwijzing-aanbod', '2025-03-03', 'overdue', `/dossier/${CASE}/hulp/v1`],
    ]);
    const chosen = waiting();
    const v = chosen.verwijzingen[0];
    if (!v?.alternative) throw new Error('setup');
    const decided = waiting({
      verwijzingen: [{ ...v, alternative: { ...v.alternative, choice: 'wachten' } }],
    });
    expect(agendaItems(input('2025-03-05', [decided]))).toEqual([]);
  });

  it('shows a refusal from the desk until the worker takes a step, by its day in the Netherlands', () => {
    const refused = quietCase({
      verwijzingen: [
        {
          id: 'v1',
          status: 'afgewezen',
          productName: 'MST',
          helpDueDate: '2025-06-30',
          startedOn: '2024-03-01',
        },
      ],
      stappen: [
        // 23:30 UTC on 3 March is 4 March in Amsterdam.
        {
          id: 's1',
          verwijzingId: 'v1',
          step: 'aanmelden',
          toStatus: 'aangemeld',
          byUserId: DESK,
          at: '2025-03-01T10:00:00.000Z',
        },
        {
          id: 's2',
          verwijzingId: 'v1',
          step: 'afwijzen',
          toStatus: 'afgewezen',
          byUserId: DESK,
          at: '2025-03-03T23:30:00.000Z',
        },
      ],
    });
    const items = agendaItems(input('2025-03-04', [refused]));
    expect(items.map((i) => [i.kind, i.due, i.when, i.step])).toEqual([
      ['verwijzing-vraag', '2025-03-04', 'today', 'afwijzen'],
    ]);
    const answered = quietCase({
      ...refused,
      stappen: [
        ...refused.stappen,
        {
          id: 's3',
          verwijzingId: 'v1',
          step: 'afwijzen',
          toStatus: 'afgewezen',
          byUserId: ME,
          at: '2025-03-04T09:00:00.000Z',
        },
      ],
    });
    expect(agendaItems(input('2025-03-04', [answered]))).toEqual([]);
  });
});

describe('the wachtrij on the agenda', () => {
  it('lists each refused change and one line for what waits to sync', () => {
    const items = agendaItems(
      input('2025-03-04', [], {
        outbox: {
          pending: [
            { mutationId: 7, caseId: CASE, createdAt: '2025-03-04T08:00:00.000Z' },
            { mutationId: 6, caseId: CASE, createdAt: '2025-03-03T08:00:00.000Z' },
          ],
          refused: [
            { mutationId: 5, caseId: CASE, createdAt: '2025-03-04T07:00:00.000Z', reason: 'Geen toegang' },
          ],
        },
      }),
    );
    expect(items.map((i) => [i.kind, i.due, i.when, i.route, i.count])).toEqual([
      ['wachtrij-wacht', '2025-03-03', 'overdue', '/wachtrij', 2],
      ['wachtrij-geweigerd', '2025-03-04', 'today', '/wachtrij', undefined],
    ]);
  });
});

describe('gezien', () => {
  const planned = (day: string) => quietCase({ nextContactOn: day });

  it('keeps a seen item quiet until its fingerprint changes', () => {
    const [item] = agendaItems(input('2025-03-04', [planned('2025-03-06')]));
    if (!item) throw new Error('setup');
    const seen = { [item.key]: item.fingerprint };
    expect(unseenItems(agendaItems(input('2025-03-04', [planned('2025-03-06')])), seen)).toEqual([]);
    // A new date for the contact is a change.
    expect(unseenItems(agendaItems(input('2025-03-04', [planned('2025-03-07')])), seen)).toHaveLength(1);
    // So is the planned day passing without a contact.
    expect(unseenItems(agendaItems(input('2025-03-07', [planned('2025-03-06')])), seen)).toHaveLength(1);
    // But not the days before it.
    expect(unseenItems(agendaItems(input('2025-03-05', [planned('2025-03-06')])), seen)).toEqual([]);
  });

  it('forgets marks of items that left the agenda', () => {
    const items = agendaItems(input('2025-03-04', [planned('2025-03-06')]));
    expect(pruneSeen(items, { 'contact-gepland:c1': 'x', 'norm-koers:old': 'y' })).toEqual({
      'contact-gepland:c1': 'x',
    });
  });
});
