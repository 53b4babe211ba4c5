/**
 * Vandaag / Deze week on the phone: the agenda rules (shared/rules/agenda.ts)
 * over the local store — the same rows the caseload reads, the contacts'
 * clear `nextOn` column, the outbox — under the holiday policy of the last
 * pull, offline. Nothing of it is stored as a task.
 *
 * "Gezien" marks (item key → the fingerprint it had) live in the meta table
 * under one key, encrypted with the data key like every record: the keys name
 * cases. Loaded only with the agenda screen and the tab's count (lazy chunks),
 * never on the field path itself.
 */
import {
  type AgendaCase,
  type AgendaItem,
  agendaItems,
  type SeenMarks,
  weekHorizon,
} from '../../../shared/rules/agenda';
import { dutchToday } from '../../../shared/rules/dates';
import type { SyncEntity } from '../../../shared/schemas/sync';
import type { LocalData, LocalRow, LocalStore } from '../local/store';
import { holidayPolicyOn } from './norms';

export interface AgendaEntry extends AgendaItem {
  /** The child's first and last name; null for the wachtrij's own items. */
  childName: string | null;
}

export interface AgendaView {
  items: AgendaEntry[];
  seen: SeenMarks;
  today: string;
  /** The last day of "Deze week". */
  weekEnd: string;
}

function groupBy<E extends SyncEntity>(rows: LocalRow<E>[]): Map<string, LocalData<E>[]> {
  const map = new Map<string, LocalData<E>[]>();
  for (const row of rows) {
    const list = map.get(row.caseId);
    if (list) list.push(row.data);
    else map.set(row.caseId, [row.data]);
  }
  return map;
}

const SEEN_KEY = 'agendaSeen';

export async function loadSeen(store: LocalStore): Promise<SeenMarks> {
  const blob = await store.db.getMeta(SEEN_KEY);
  if (!blob) return {};
  return store.keyring.decrypt<SeenMarks>('meta', SEEN_KEY, blob);
}

export async function saveSeen(store: LocalStore, marks: SeenMarks): Promise<void> {
  await store.db.setMeta(SEEN_KEY, await store.keyring.encrypt('meta', SEEN_KEY, marks));
}

export async function loadAgenda(store: LocalStore, userId: string, now = new Date()): Promise<AgendaView> {
  const today = dutchToday(now);
  const { db } = store;
  const [policy, caseRows, jeugdigen, measures, assignments, koersen, verwijzingen, stappen] =
    await Promise.all([
      holidayPolicyOn(store),
      store.list('case'),
      store.list('jeugdige'),
      store.list('maatregel'),
      store.list('assignment'),
      store.list('koers'),
      store.list('verwijzing'),
      store.list('verwijzingStap'),
    ]);
  // Contacts: the clear columns only (the next planned one of the latest), no report decrypted.
  const [contactBundles, outbox, seen] = await Promise.all([
    db.bundlesOf('contact').toArray(),
    db.outbox.toArray(),
    loadSeen(store),
  ]);
  const names = new Map(jeugdigen.map((j) => [j.caseId, `${j.data.firstName} ${j.data.lastName}`]));
  const nextOf = new Map(contactBundles.map((b) => [b.caseId, b.nextOn]));
  const measuresOf = groupBy(measures);
  const assignmentsOf = groupBy(assignments);
  const koersenOf = groupBy(koersen);
  const verwijzingenOf = groupBy(verwijzingen);
  const stappenOf = groupBy(stappen);
  const cases: AgendaCase[] = [];
  for (const { data: c } of caseRows) {
    // Not complete on the device yet: it joins the agenda once the pull has brought the child.
    if (!names.has(c.id)) continue;
    cases.push({
      caseId: c.id,
      status: c.status,
      measures: measuresOf.get(c.id) ?? [],
      assignments: assignmentsOf.get(c.id) ?? [],
      koersen: koersenOf.get(c.id) ?? [],
      nextContactOn: nextOf.get(c.id) ?? null,
      verwijzingen: (verwijzingenOf.get(c.id) ?? []).map((v) => ({
        ...v,
        alternative: v.alternative ?? null,
      })),
      stappen: stappenOf.get(c.id) ?? [],
    });
  }
  const items = agendaItems({
    userId,
    today,
    policy,
    cases,
    outbox: {
      pending: outbox.filter((o) => o.status === 'pending'),
      refused: outbox.filter((o) => o.status === 'refused'),
    },
  });
  return {
    items: items.map((item) => ({
      ...item,
      childName: item.caseId ? (names.get(item.caseId) ?? null) : null,
    })),
    seen,
    today,
    weekEnd: weekHorizon(today, policy),
  };
}
