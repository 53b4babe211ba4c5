/**
 * The handover summary at the top of the case file on the phone (issue 21), read from the local
 * store, so it works offline: when a case came to this worker from a colleague (recently, or with a
 * note), what the new worker must know first — the open norms and deadlines, the koers and its
 * state, open referrals and waits, the safety agreements, the network's key people, the last
 * contacts, and the note the previous worker or team lead wrote. Pure: the file in, the summary out.
 */
import { daysBetween, type IsoDate, plusDays } from '../../../shared/rules/dates';
import { NORM_KEYS, type NormKey, type NormState } from '../../../shared/rules/norms';
import type { LocalData } from '../local/store';
import type { LocalCaseFile } from './case-file';

/** How long after a move the summary stays at the top without a note. */
export const HANDOVER_DAYS = 42;
const KEY_PEOPLE = 4;
const LAST_CONTACTS = 3;
const CLOSED_REFERRALS = new Set(['beeindigd', 'ingetrokken', 'afgewezen', 'concept']);

export interface HandoverSummary {
  since: IsoDate;
  from: string | null;
  /** How the case came (back): moved from a colleague, or back from a colleague's stand-in. */
  via: 'overdracht' | 'waarneming';
  note: string | null;
  openNorms: { norm: NormKey; dueDate: IsoDate; state: NormState }[];
  extension: LocalCaseFile['extension'];
  koers: { version: number; status: string; evaluationDate: IsoDate | null } | null;
  safety: string[];
  referrals: { id: string; productName: string; status: string; expectedStartOn: IsoDate | null }[];
  people: { id: string; name: string; relation: string; phone: string }[];
  lastContacts: { id: string; occurredAt: string; kind: string }[];
}

export function handoverSummary(file: LocalCaseFile, userId: string, today: IsoDate): HandoverSummary | null {
  const runs = (a: LocalData<'assignment'>) => a.fromDate <= today && (!a.untilDate || a.untilDate >= today);
  const vast = file.assignments.filter((a) => a.role === 'vast');
  const mine = vast
    .filter((a) => a.userId === userId && runs(a))
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))
    .at(-1);
  if (!mine) return null;
  const previous = vast
    .filter((a) => a.userId !== userId && a.untilDate && a.untilDate < mine.fromDate)
    .sort((a, b) => (a.untilDate ?? '').localeCompare(b.untilDate ?? ''))
    .at(-1);
  // Back from a colleague's stand-in (ended after this worker took the case): that is the handover.
  const standIn = file.assignments
    .filter(
      (a) =>
        a.role === 'waarnemer' &&
        a.userId !== userId &&
        a.untilDate !== null &&
        a.untilDate < today &&
        a.untilDate >= mine.fromDate,
    )
    .sort((a, b) => (a.untilDate ?? '').localeCompare(b.untilDate ?? ''))
    .at(-1);
  const since = standIn?.untilDate ? plusDays(standIn.untilDate, 1) : mine.fromDate;
  const from = standIn ? standIn.userName : (previous?.userName ?? null);
  const note = mine.handoverNote?.trim() || null;
  const recent = (!!previous || !!standIn) && daysBetween(since, today) <= HANDOVER_DAYS;
  if (!note && !recent) return null;
  const { norms } = file;
  const koers = file.koersen[0] ?? null;
  const vastgesteld = file.koersen.find((k) => k.status === 'vastgesteld');
  return {
    since,
    from,
    via: standIn ? 'waarneming' : 'overdracht',
    note,
    openNorms: norms
      ? NORM_KEYS.map((key) => norms[key])
          .filter((n) => n.state !== 'voldaan' && n.state !== 'te-laat-voldaan')
          .map(({ norm, dueDate, state }) => ({ norm, dueDate, state }))
      : [],
    extension: file.extension && file.extension.state !== 'niet-nodig' ? file.extension : null,
    koers: koers
      ? { version: koers.version, status: koers.status, evaluationDate: koers.evaluationDate }
      : null,
    safety: (vastgesteld ?? koers)?.content.veiligheidsafspraken ?? [],
    referrals: file.timeline.flatMap((item) =>
      item.kind === 'verwijzing' && !CLOSED_REFERRALS.has(item.verwijzing.status)
        ? [
            {
              id: item.verwijzing.id,
              productName: item.verwijzing.productName,
              status: item.verwijzing.status,
              expectedStartOn: item.verwijzing.expectedStartOn ?? null,
            },
          ]
        : [],
    ),
    people: file.network
      .slice(0, KEY_PEOPLE)
      .map((p) => ({ id: p.id, name: p.name, relation: p.relation, phone: p.phone })),
    lastContacts: file.timeline
      .flatMap((item) => (item.kind === 'contact' ? [item.contact] : []))
      .slice(0, LAST_CONTACTS)
      .map((c) => ({ id: c.id, occurredAt: c.occurredAt, kind: c.kind })),
  };
}
