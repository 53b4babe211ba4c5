/**
 * One child's file as the field screens show it, from the local store alone:
 * the child, family and network, measures and rulings, norm states, koersen
 * and open conflicts, and the timeline of contacts (with their addenda),
 * koersen and requests for help. A contact still waiting for the server shows
 * as pending. The timeline has one builder, used by the read and by the fast
 * path that shows a contact just saved before the next read is done.
 */
import { dutchToday } from '../../../shared/rules/dates';
import { type ExtensionAlert, extensionAlert } from '../../../shared/rules/extension';
import type { CaseNorms } from '../../../shared/rules/norms';
import type { LocalData, LocalStore } from '../local/store';
import { currentMeasure, holidayPolicyOn, normsOf } from './norms';

export type TimelineItem =
  | {
      kind: 'contact';
      at: string;
      contact: LocalData<'contact'>;
      amendments: LocalData<'contact'>[];
      pending: boolean;
    }
  | { kind: 'koers'; at: string; koers: LocalData<'koers'> }
  | { kind: 'verwijzing'; at: string; verwijzing: LocalData<'verwijzing'> };

export interface LocalCaseFile {
  caseId: string;
  jeugdige: LocalData<'jeugdige'>;
  gezin: LocalData<'gezin'> | null;
  network: LocalData<'betrokkene'>[];
  measures: LocalData<'maatregel'>[];
  beschikkingen: LocalData<'beschikking'>[];
  norms: CaseNorms | null;
  extension: ExtensionAlert | null;
  koersen: LocalData<'koers'>[];
  conflicts: LocalData<'koersConflict'>[];
  timeline: TimelineItem[];
  assignments: LocalData<'assignment'>[];
  /** The highest sync version among the rows shown: what "seen" means once the user has looked. */
  highestVersion: number;
}

export async function loadCaseFile(
  store: LocalStore,
  caseId: string,
  now = new Date(),
): Promise<LocalCaseFile | null> {
  const today = dutchToday(now);
  const [
    [jeugdigeRow],
    measureRows,
    beschikkingRows,
    assignmentRows,
    koersRows,
    conflictRows,
    contactRows,
    vRows,
  ] = await Promise.all([
    store.list('jeugdige', caseId),
    store.list('maatregel', caseId),
    store.list('beschikking', caseId),
    store.list('assignment', caseId),
    store.list('koers', caseId),
    store.list('koersConflict', caseId),
    store.list('contact', caseId),
    store.list('verwijzing', caseId),
  ]);
  if (!jeugdigeRow) return null;
  const jeugdige = jeugdigeRow.data;
  const family = await store.family(jeugdige.gezinId);
  const measures = measureRows.map((r) => r.data).sort((a, b) => b.rulingDate.localeCompare(a.rulingDate));
  const koersen = koersRows.map((r) => r.data).sort((a, b) => b.version - a.version);
  const verwijzingen = vRows.map((r) => r.data);
  const assignments = assignmentRows.map((r) => r.data);
  const measure = currentMeasure(measures);

  // Version 0: written on this device and not yet accepted by the server (server rows start at 1).
  const pendingIds = new Set(contactRows.filter((r) => r.version === 0).map((r) => r.id));
  const timeline = newestFirst([
    ...contactItems(
      contactRows.map((r) => r.data),
      (c) => pendingIds.has(c.id),
    ),
    ...koersen.map((k) => ({ kind: 'koers' as const, at: k.agreedOn ?? k.updatedAt ?? '', koers: k })),
    ...verwijzingen.map((v) => ({ kind: 'verwijzing' as const, at: v.requestedAt, verwijzing: v })),
  ]);

  const shown: { version: number }[] = [
    jeugdigeRow,
    ...measureRows,
    ...beschikkingRows,
    ...assignmentRows,
    ...koersRows,
    ...conflictRows,
    ...contactRows,
    ...vRows,
    ...family,
  ];
  return {
    caseId,
    jeugdige,
    gezin: family.find((r) => r.entity === 'gezin')?.data ?? null,
    network: family
      .filter((r) => r.entity === 'betrokkene')
      .map((r) => r.data)
      .sort((a, b) => Number(b.hasCustody) - Number(a.hasCustody) || a.name.localeCompare(b.name, 'nl')),
    measures,
    beschikkingen: beschikkingRows.map((r) => r.data).sort((a, b) => b.date.localeCompare(a.date)),
    norms: normsOf(measure, assignments, koersen, verwijzingen, today, await holidayPolicyOn(store)),
    extension: measure ? extensionAlert(measure, today) : null,
    koersen,
    conflicts: conflictRows.map((r) => r.data).filter((c) => !c.resolvedAt),
    timeline,
    assignments,
    highestVersion: Math.max(0, ...shown.map((r) => r.version)),
  };
}

/** Newest first; items of the same moment keep their order (the sort is stable). */
const newestFirst = (items: TimelineItem[]) => items.sort((a, b) => b.at.localeCompare(a.at));

/**
 * The timeline's contacts: each with its addenda (oldest first) below it; an
 * addendum whose original is not on the device stands on its own.
 */
function contactItems(
  contacts: LocalData<'contact'>[],
  pending: (contact: LocalData<'contact'>) => boolean,
): TimelineItem[] {
  const ids = new Set(contacts.map((c) => c.id));
  const amendmentsOf = new Map<string, LocalData<'contact'>[]>();
  for (const c of contacts) {
    if (c.amendsId) amendmentsOf.set(c.amendsId, [...(amendmentsOf.get(c.amendsId) ?? []), c]);
  }
  return contacts
    .filter((c) => !c.amendsId || !ids.has(c.amendsId))
    .map((c) => ({
      kind: 'contact' as const,
      at: c.occurredAt,
      contact: c,
      amendments: (amendmentsOf.get(c.id) ?? []).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
      pending: pending(c),
    }));
}

/**
 * The case file with a contact just saved on this device added, as the next
 * read from the store will show it: shown at once, before that read is done
 * (the same builder, over the contacts the file holds already).
 */
export function withNewContact(file: LocalCaseFile, contact: LocalData<'contact'>): LocalCaseFile {
  const contacts: LocalData<'contact'>[] = [];
  const pendingIds = new Set([contact.id]);
  for (const item of file.timeline) {
    if (item.kind !== 'contact') continue;
    contacts.push(item.contact, ...item.amendments);
    if (item.pending) pendingIds.add(item.contact.id);
  }
  // Read from the store already (it committed first): shown once.
  if (contacts.some((c) => c.id === contact.id)) return file;
  return {
    ...file,
    // A new contact comes first among those of the same minute (it is the newest, and the sort keeps
    // that order); a new addendum comes last below its original, as the store lists it.
    timeline: newestFirst([
      ...contactItems(contact.amendsId ? [...contacts, contact] : [contact, ...contacts], (c) =>
        pendingIds.has(c.id),
      ),
      ...file.timeline.filter((item) => item.kind !== 'contact'),
    ]),
  };
}
