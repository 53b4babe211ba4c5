/**
 * Vandaag / Deze week: what needs the worker, computed (never stored as tasks)
 * from the same rows the caseload reads, by the same rules the norms, the
 * extension alert and the measure's life use. Pure: `today` and the
 * organisation's holiday policy come in; the phone runs it offline from its
 * local store, the server (server/services/agenda.ts) for the daily digest.
 *
 * The window, precisely:
 *  - "Vandaag" (`overdue` or `today`): due before or on `today`.
 *  - "Deze week" (`week`): due after `today`, up to and including the Sunday
 *    that ends the working week (`weekHorizon`): the first Monday–Sunday
 *    week, starting with today's, that still has a working day after today
 *    (weekends, the policy's holidays and extra closing days do not count).
 *    So on a Friday — or on the Thursday before a Goede Vrijdag off — "Deze
 *    week" runs to the end of next week, and a deadline on a Saturday shows
 *    while a working day remains before it.
 *  Anything due later is not on the agenda (the caseload shows it).
 *
 * Each item carries a stable key (what it is about), and a fingerprint that
 * changes when the thing itself changes — a new date, a new answer, a step
 * past its date: an item marked "gezien" stays quiet until its fingerprint
 * differs from the one seen (`unseenItems`).
 */
import type { MaatregelType } from '../schemas/maatregel';
import type { VerwijzingStatus } from '../schemas/verwijzing';
import { dutchToday, type IsoDate, plusDays, toDate } from './dates';
import { type ExtensionState, extensionAlert } from './extension';
import { measureState, normsStart } from './measure-life';
import { caseNorms, currentMeasureFirst, type NormKey } from './norms';
import { WAITING_VERWIJZING_STATUSES } from './verwijzing';
import { type HolidayPolicy, isWorkingDay } from './working-days';

export interface AgendaMeasure {
  id: string;
  type: MaatregelType;
  status: string;
  rulingDate: IsoDate;
  endDate: IsoDate | null;
  endedOn?: IsoDate | null;
  normsFrom?: IsoDate | null;
}

export interface AgendaAssignment {
  userId: string;
  role: 'vast' | 'waarnemer' | string;
  fromDate: IsoDate;
  untilDate: IsoDate | null;
}

export interface AgendaKoers {
  id: string;
  version: number;
  evaluationDate: IsoDate | null;
  agreedOn: IsoDate | null;
}

export interface AgendaVerwijzing {
  id: string;
  status: VerwijzingStatus;
  productName: string;
  helpDueDate: IsoDate | null;
  startedOn: IsoDate | null;
  alternative?: { offeredAt: string; choice: string | null } | null;
}

/** A step in a request's history (verwijzingStap). */
export interface AgendaStap {
  id: string;
  verwijzingId: string;
  step: string;
  toStatus: VerwijzingStatus;
  byUserId: string;
  /** When it was taken (an instant). */
  at: string;
}

export interface AgendaCase {
  caseId: string;
  /** Closed cases have no agenda. */
  status: string;
  measures: readonly AgendaMeasure[];
  assignments: readonly AgendaAssignment[];
  koersen: readonly AgendaKoers[];
  /** The next planned contact, as agreed at the latest contact. */
  nextContactOn: IsoDate | null;
  verwijzingen: readonly AgendaVerwijzing[];
  stappen: readonly AgendaStap[];
}

/** The user's outbox (phone only): what waits to sync and what the server refused. */
export interface AgendaOutbox {
  pending: readonly { mutationId: number; caseId: string | null; createdAt: string }[];
  refused: readonly { mutationId: number; caseId: string | null; createdAt: string; reason: string | null }[];
}

export interface AgendaInput {
  userId: string;
  today: IsoDate;
  policy: HolidayPolicy;
  cases: readonly AgendaCase[];
  outbox?: AgendaOutbox;
}

export const AGENDA_KINDS = [
  'norm-toewijzing',
  'norm-koers',
  'norm-hulp',
  'maatregel-verlopen',
  'maatregel-verlenging',
  'maatregel-einde',
  'koers-evaluatie',
  'contact-gepland',
  'verwijzing-aanbod',
  'verwijzing-vraag',
  'verwijzing-termijn',
  'wachtrij-geweigerd',
  'wachtrij-wacht',
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

/** overdue and today make up "Vandaag"; week is "Deze week". */
export type AgendaWhen = 'overdue' | 'today' | 'week';

export interface AgendaItem {
  /** Stable: the same thing keeps its key when its date or content changes. */
  key: string;
  kind: AgendaKind;
  caseId: string | null;
  due: IsoDate;
  when: AgendaWhen;
  /** The case is held today as waarnemer, not as its vaste jeugdbeschermer. */
  standIn: boolean;
  /** Where its action is, one tap away (a route of the phone app). */
  route: string;
  /** Changes when the underlying thing changes: a "gezien" item comes back then. */
  fingerprint: string;
  /** For the words on screen: which norm, which measure, which request. */
  norm?: NormKey;
  measureType?: MaatregelType;
  extension?: ExtensionState;
  product?: string;
  step?: string;
  count?: number;
}

const sunday = (day: IsoDate): IsoDate => {
  const weekday = toDate(day).getDay(); // 0 = Sunday
  return plusDays(day, weekday === 0 ? 0 : 7 - weekday);
};

/** The last day of "Deze week" (see the file comment). */
export function weekHorizon(today: IsoDate, policy: HolidayPolicy): IsoDate {
  let end = sunday(today);
  // A year has working days; the bound only guards against a policy that closes every day.
  for (let weeks = 0; weeks < 8; weeks++) {
    for (let day = plusDays(today, 1); day <= end; day = plusDays(day, 1)) {
      if (isWorkingDay(day, policy)) return end;
    }
    end = plusDays(end, 7);
  }
  return end;
}

export function whenOf(due: IsoDate, today: IsoDate): AgendaWhen {
  return due < today ? 'overdue' : due === today ? 'today' : 'week';
}

const runsOn = (a: AgendaAssignment, day: IsoDate) =>
  a.fromDate <= day && (a.untilDate === null || a.untilDate >= day);

/**
 * How the user holds a case today: as its vaste jeugdbeschermer ('eigen'), only as waarnemer
 * ('waarneming'), or not at all (a stand-in period not yet begun or already over: no items).
 */
export function holdingOf(
  assignments: readonly AgendaAssignment[],
  userId: string,
  today: IsoDate,
): 'eigen' | 'waarneming' | null {
  const mine = assignments.filter((a) => a.userId === userId && runsOn(a, today));
  if (mine.length === 0) return null;
  return mine.some((a) => a.role === 'vast') ? 'eigen' : 'waarneming';
}

/** The Dutch calendar day of an instant; an unreadable one counts as `fallback`. */
function dayOf(instant: string, fallback: IsoDate): IsoDate {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? fallback : dutchToday(date);
}

const minOf = (values: readonly (string | null | undefined)[]): string | null =>
  values.filter((v): v is string => !!v).sort()[0] ?? null;

const WAITING: ReadonlySet<string> = new Set(WAITING_VERWIJZING_STATUSES);
/** Desk steps after which the worker is asked something: a refusal to weigh, a gemeente's question. */
const ASKING_STEPS: ReadonlySet<string> = new Set(['afwijzen', 'afstemmen']);

type Candidate = Omit<AgendaItem, 'when' | 'standIn' | 'fingerprint'> & { what: string };

function caseCandidates(c: AgendaCase, userId: string, today: IsoDate, policy: HolidayPolicy): Candidate[] {
  const out: Candidate[] = [];
  const id = c.caseId;
  const file = `/dossier/${id}`;
  const current = [...c.measures].sort(currentMeasureFirst)[0];
  const waiting = c.verwijzingen.filter((v) => WAITING.has(v.status));

  // The three norms (shared/rules/norms.ts), open ones only.
  if (current) {
    const norms = caseNorms(
      {
        rulingDate: normsStart(current),
        assignedOn: minOf(c.assignments.filter((a) => a.role === 'vast').map((a) => a.fromDate)),
        koersAgreedOn: minOf(c.koersen.map((k) => k.agreedOn)),
        helpStartedOn: minOf(c.verwijzingen.map((v) => v.startedOn)),
      },
      today,
      policy,
    );
    const { vasteJeugdbeschermer: assign, koers, passendeHulp: help } = norms;
    if (assign.metOn === null)
      out.push({
        key: `norm-toewijzing:${id}`,
        kind: 'norm-toewijzing',
        caseId: id,
        due: assign.dueDate,
        route: file,
        norm: 'vasteJeugdbeschermer',
        what: assign.dueDate,
      });
    if (koers.metOn === null)
      out.push({
        key: `norm-koers:${id}`,
        kind: 'norm-koers',
        caseId: id,
        due: koers.dueDate,
        route: `${file}/koers`,
        norm: 'koers',
        what: koers.dueDate,
      });
    // A request that waits carries the help norm's date itself (verwijzing-termijn, below).
    if (help.metOn === null && waiting.length === 0)
      out.push({
        key: `norm-hulp:${id}`,
        kind: 'norm-hulp',
        caseId: id,
        due: help.dueDate,
        route: `${file}/hulp`,
        norm: 'passendeHulp',
        what: help.dueDate,
      });
  }

  // The measure's life: lapsed, the extension request, the end date.
  for (const m of c.measures) {
    if (m.status !== 'lopend' || !m.endDate) continue;
    if (measureState(m, today) === 'verlopen') {
      out.push({
        key: `maatregel-verlopen:${m.id}`,
        kind: 'maatregel-verlopen',
        caseId: id,
        due: m.endDate,
        route: `${file}/maatregel/${m.id}`,
        measureType: m.type,
        what: m.endDate,
      });
      continue;
    }
    const alert = extensionAlert(m, today);
    if (alert && alert.state !== 'niet-nodig')
      out.push({
        key: `maatregel-verlenging:${m.id}`,
        kind: 'maatregel-verlenging',
        caseId: id,
        due: alert.requestBy,
        route: `${file}/verlenging`,
        measureType: m.type,
        extension: alert.state,
        what: m.endDate,
      });
    out.push({
      key: `maatregel-einde:${m.id}`,
      kind: 'maatregel-einde',
      caseId: id,
      due: m.endDate,
      route: `${file}/maatregel/${m.id}`,
      measureType: m.type,
      what: m.endDate,
    });
  }

  // The current koers's evaluation date.
  const koers = [...c.koersen].sort((a, b) => b.version - a.version)[0];
  if (koers?.evaluationDate)
    out.push({
      key: `koers-evaluatie:${id}`,
      kind: 'koers-evaluatie',
      caseId: id,
      due: koers.evaluationDate,
      route: `${file}/koers`,
      what: `${koers.id}|${koers.evaluationDate}`,
    });

  if (c.nextContactOn)
    out.push({
      key: `contact-gepland:${id}`,
      kind: 'contact-gepland',
      caseId: id,
      due: c.nextContactOn,
      route: `${file}/contact`,
      what: c.nextContactOn,
    });

  // Requests for help: an offer to weigh, a question from the desk, the help norm's date.
  for (const v of waiting) {
    const route = `${file}/hulp/${v.id}`;
    if (v.alternative && v.alternative.choice === null)
      out.push({
        key: `verwijzing-aanbod:${v.id}`,
        kind: 'verwijzing-aanbod',
        caseId: id,
        due: dayOf(v.alternative.offeredAt, today),
        route,
        product: v.productName,
        what: v.alternative.offeredAt,
      });
    const last = c.stappen.filter((s) => s.verwijzingId === v.id).sort((a, b) => b.at.localeCompare(a.at))[0];
    if (last && last.byUserId !== userId && ASKING_STEPS.has(last.step) && last.toStatus === v.status)
      out.push({
        key: `verwijzing-vraag:${v.id}`,
        kind: 'verwijzing-vraag',
        caseId: id,
        due: dayOf(last.at, today),
        route,
        product: v.productName,
        step: last.step,
        what: last.id,
      });
    if (v.helpDueDate)
      out.push({
        key: `verwijzing-termijn:${v.id}`,
        kind: 'verwijzing-termijn',
        caseId: id,
        due: v.helpDueDate,
        route,
        product: v.productName,
        what: `${v.helpDueDate}|${v.status}`,
      });
  }
  return out;
}

function outboxCandidates(outbox: AgendaOutbox, today: IsoDate): Candidate[] {
  const out: Candidate[] = outbox.refused.map((r) => ({
    key: `wachtrij-geweigerd:${r.mutationId}`,
    kind: 'wachtrij-geweigerd' as const,
    caseId: r.caseId,
    due: dayOf(r.createdAt, today),
    route: '/wachtrij',
    what: r.reason ?? '',
  }));
  if (outbox.pending.length > 0) {
    const oldest = [...outbox.pending].sort((a, b) => a.mutationId - b.mutationId)[0];
    if (oldest)
      out.push({
        key: 'wachtrij-wacht',
        kind: 'wachtrij-wacht',
        caseId: null,
        due: dayOf(oldest.createdAt, today),
        route: '/wachtrij',
        count: outbox.pending.length,
        what: `${oldest.mutationId}|${outbox.pending.length}`,
      });
  }
  return out;
}

const KIND_RANK = new Map<AgendaKind, number>(AGENDA_KINDS.map((k, i) => [k, i]));

/** The agenda, overdue first, then the soonest; within a day in a fixed order of kinds. */
export function agendaItems(input: AgendaInput): AgendaItem[] {
  const { today, policy, userId } = input;
  const horizon = weekHorizon(today, policy);
  const items: AgendaItem[] = [];
  const add = (c: Candidate, standIn: boolean) => {
    if (c.due > horizon) return;
    const { what, ...item } = c;
    const when = whenOf(c.due, today);
    // Passing its date is a change too: what was seen as coming asks again once it is overdue.
    const fingerprint = `${what}|${when === 'overdue' ? 'te-laat' : 'open'}`;
    items.push({ ...item, when, standIn, fingerprint });
  };
  for (const c of input.cases) {
    if (c.status === 'afgesloten') continue;
    const holding = holdingOf(c.assignments, userId, today);
    if (holding === null) continue;
    for (const candidate of caseCandidates(c, userId, today, policy))
      add(candidate, holding === 'waarneming');
  }
  if (input.outbox) for (const candidate of outboxCandidates(input.outbox, today)) add(candidate, false);
  return items.sort(
    (a, b) =>
      a.due.localeCompare(b.due) ||
      (KIND_RANK.get(a.kind) ?? 0) - (KIND_RANK.get(b.kind) ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

/** What the user marked "gezien": per item key, the fingerprint it had then. */
export type SeenMarks = Readonly<Record<string, string>>;

/** Items not marked "gezien", or changed since. */
export function unseenItems<I extends AgendaItem>(items: readonly I[], seen: SeenMarks): I[] {
  return items.filter((item) => seen[item.key] !== item.fingerprint);
}

/** Marks of items that are gone from the agenda are dropped: the stored list does not grow forever. */
export function pruneSeen(items: readonly AgendaItem[], seen: SeenMarks): Record<string, string> {
  const keys = new Set(items.map((i) => i.key));
  return Object.fromEntries(Object.entries(seen).filter(([key]) => keys.has(key)));
}

/** "Vandaag": overdue and due today. */
export const isVandaag = (item: AgendaItem) => item.when !== 'week';
