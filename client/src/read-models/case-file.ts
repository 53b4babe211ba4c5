/**
 * What the field screens show, built from the local store alone: the
 * caseload with its norm states and the full case file. The norm rules are the
 * shared pure functions the server uses too, so phone and server agree.
 * Reads decrypt only what a screen shows: the caseload never opens a report.
 */
import { ageOn, dutchToday, type IsoDate } from '../../../shared/rules/dates';
import { type ExtensionAlert, extensionAlert } from '../../../shared/rules/extension';
import { normsStart } from '../../../shared/rules/measure-life';
import { type CaseNorms, caseNorms, currentMeasureFirst, urgencyRank } from '../../../shared/rules/norms';
import { DEFAULT_HOLIDAY_POLICY, type HolidayPolicy } from '../../../shared/rules/working-days';
import type { MaatregelType } from '../../../shared/schemas/maatregel';
import type { SyncEntity } from '../../../shared/schemas/sync';
import { authorOf, type LocalData, type LocalRow, type LocalStore } from './store';

// ── The caseload ──

export interface LocalCaseSummary {
  caseId: string;
  jeugdigeName: string;
  age: number;
  gemeente: string;
  maatregelType: MaatregelType | null;
  measureEndDate: IsoDate | null;
  lastContactAt: string | null;
  /** The next planned contact, as agreed at the latest contact. */
  nextContactOn: string | null;
  norms: CaseNorms | null;
  extension: ExtensionAlert | null;
  /** Rows from others newer than the user's last look (or a case new on the device). */
  unread: boolean;
  /** Changes of this user on this case that the server refused. */
  refused: number;
  /** Changes of this user on this case not yet synced. */
  pending: number;
}

/** The measure the norms count from: the running one with the latest ruling, else the latest. */
export function currentMeasure(measures: LocalData<'maatregel'>[]): LocalData<'maatregel'> | undefined {
  return [...measures].sort(currentMeasureFirst)[0];
}

const minOf = (values: (string | null | undefined)[]): string | null =>
  values.filter((v): v is string => !!v).sort()[0] ?? null;

export function normsOf(
  measure: LocalData<'maatregel'> | undefined,
  assignments: LocalData<'assignment'>[],
  koersen: LocalData<'koers'>[],
  verwijzingen: LocalData<'verwijzing'>[],
  today: IsoDate,
  policy: HolidayPolicy,
): CaseNorms | null {
  if (!measure) return null;
  return caseNorms(
    {
      rulingDate: normsStart(measure), // a chain of measures: from its first ruling
      assignedOn: minOf(assignments.filter((a) => a.role === 'vast').map((a) => a.fromDate)),
      koersAgreedOn: minOf(koersen.map((k) => k.agreedOn)),
      helpStartedOn: minOf(verwijzingen.map((v) => v.startedOn)),
    },
    today,
    policy,
  );
}

function groupBy<E extends SyncEntity>(rows: LocalRow<E>[]): Map<string, LocalData<E>[]> {
  const map = new Map<string, LocalData<E>[]>();
  for (const row of rows) {
    const list = map.get(row.caseId) ?? [];
    list.push(row.data);
    map.set(row.caseId, list);
  }
  return map;
}

/**
 * The organisation's holiday policy as the last pull brought it: the phone counts the 5 working
 * days exactly as the server's screens do, offline too. Before the first pull, the default.
 */
async function holidayPolicyOn(store: LocalStore): Promise<HolidayPolicy> {
  return (await store.db.getMeta('holidayPolicy')) ?? DEFAULT_HOLIDAY_POLICY;
}

export async function loadCaseload(store: LocalStore, userId: string, now = new Date()) {
  const today = dutchToday(now);
  const { db } = store;
  const policy = await holidayPolicyOn(store);
  const [caseRows, jeugdigen, measures, assignments, koersen, verwijzingen] = await Promise.all([
    store.list('case'),
    store.list('jeugdige'),
    store.list('maatregel'),
    store.list('assignment'),
    store.list('koers'),
    store.list('verwijzing'),
  ]);
  // Clear columns only: no report is decrypted for the list.
  const [contactBundles, beschikkingBundles, seenRows, outbox] = await Promise.all([
    db.bundlesOf('contact').toArray(),
    db.bundlesOf('beschikking').toArray(),
    db.seen.toArray(),
    db.outbox.toArray(),
  ]);
  const jeugdigeOf = new Map(jeugdigen.map((j) => [j.caseId, j.data]));
  const measuresOf = groupBy(measures);
  const assignmentsOf = groupBy(assignments);
  const koersenOf = groupBy(koersen);
  const verwijzingenOf = groupBy(verwijzingen);
  const lastContactOf = new Map<string, string>();
  const nextContactOf = new Map<string, string | null>();
  for (const c of contactBundles) {
    if (c.at) {
      lastContactOf.set(c.caseId, c.at);
      nextContactOf.set(c.caseId, c.nextOn);
    }
  }
  const seenOf = new Map(seenRows.map((s) => [s.caseId, s.version]));
  const newestFromOthers = new Map<string, number>();
  const consider = (caseId: string, version: number, authorId: unknown) => {
    if (authorId === userId) return;
    newestFromOthers.set(caseId, Math.max(newestFromOthers.get(caseId) ?? 0, version));
  };
  for (const b of [...contactBundles, ...beschikkingBundles]) {
    for (const [authorId, version] of Object.entries(b.authors)) consider(b.caseId, version, authorId);
  }
  for (const r of [...measures, ...koersen, ...verwijzingen]) consider(r.caseId, r.version, authorOf(r));

  const summaries: LocalCaseSummary[] = [];
  for (const { data: c } of caseRows) {
    if (c.status === 'afgesloten') continue;
    const jeugdige = jeugdigeOf.get(c.id);
    if (!jeugdige) continue; // Not complete on the device yet: shown after the pull finishes.
    const measure = currentMeasure(measuresOf.get(c.id) ?? []);
    const seen = seenOf.get(c.id);
    summaries.push({
      caseId: c.id,
      jeugdigeName: `${jeugdige.firstName} ${jeugdige.lastName}`,
      age: ageOn(jeugdige.birthDate, today),
      gemeente: jeugdige.gemeente,
      maatregelType: measure?.type ?? null,
      measureEndDate: measure?.endDate ?? null,
      lastContactAt: lastContactOf.get(c.id) ?? null,
      nextContactOn: nextContactOf.get(c.id) ?? null,
      norms: normsOf(
        measure,
        assignmentsOf.get(c.id) ?? [],
        koersenOf.get(c.id) ?? [],
        verwijzingenOf.get(c.id) ?? [],
        today,
        policy,
      ),
      extension: measure ? extensionAlert(measure, today) : null,
      unread: seen === undefined || (newestFromOthers.get(c.id) ?? 0) > seen,
      refused: outbox.filter((o) => o.caseId === c.id && o.status === 'refused').length,
      pending: outbox.filter((o) => o.caseId === c.id && o.status === 'pending').length,
    });
  }
  return summaries;
}

export type CaseloadSort = 'urgentie' | 'laatste-contact' | 'naam';

export function sortCaseload(rows: LocalCaseSummary[], sort: CaseloadSort): LocalCaseSummary[] {
  const byName = (a: LocalCaseSummary, b: LocalCaseSummary) =>
    a.jeugdigeName.localeCompare(b.jeugdigeName, 'nl');
  const sorted = [...rows];
  if (sort === 'naam') return sorted.sort(byName);
  if (sort === 'laatste-contact') {
    // Longest without contact first: that is who needs a visit.
    return sorted.sort(
      (a, b) => (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') || byName(a, b),
    );
  }
  const rank = (r: LocalCaseSummary): [number, number] =>
    r.norms ? urgencyRank(r.norms) : [0, Number.MAX_SAFE_INTEGER];
  // No planned contact sorts after any planned one.
  const planned = (r: LocalCaseSummary) => r.nextContactOn ?? '9999-12-31';
  return sorted.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return (
      b.refused - a.refused ||
      ra[0] - rb[0] ||
      planned(a).localeCompare(planned(b)) ||
      ra[1] - rb[1] ||
      byName(a, b)
    );
  });
}

export function filterCaseload(rows: LocalCaseSummary[], search: string): LocalCaseSummary[] {
  const q = search.trim().toLocaleLowerCase('nl');
  if (!q) return rows;
  return rows.filter((r) => `${r.jeugdigeName} ${r.gemeente}`.toLocaleLowerCase('nl').includes(q));
}

// ── The case file ──

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

  // Contacts of this case still waiting in the outbox (read from the outbox: seeded server rows can have version 0 too).
  const waiting = await store.db.outbox.where('caseId').equals(caseId).toArray();
  const pendingIds = new Set<string>();
  for (const entry of waiting) {
    if (entry.name !== 'logContact') continue;
    const args = await store.keyring.decrypt<{ id: string }>('outbox', entry.entryId, entry.blob);
    pendingIds.add(args.id);
  }
  const contacts = contactRows.map((r) => r.data);
  const amendmentsOf = new Map<string, LocalData<'contact'>[]>();
  for (const c of contacts) {
    if (!c.amendsId) continue;
    amendmentsOf.set(c.amendsId, [...(amendmentsOf.get(c.amendsId) ?? []), c]);
  }
  const timeline: TimelineItem[] = [
    ...contacts
      .filter((c) => !c.amendsId || !contacts.some((o) => o.id === c.amendsId))
      .map((c) => ({
        kind: 'contact' as const,
        at: c.occurredAt,
        contact: c,
        amendments: (amendmentsOf.get(c.id) ?? []).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
        pending: pendingIds.has(c.id),
      })),
    ...koersen.map((k) => ({ kind: 'koers' as const, at: k.agreedOn ?? k.updatedAt ?? '', koers: k })),
    ...verwijzingen.map((v) => ({ kind: 'verwijzing' as const, at: v.requestedAt, verwijzing: v })),
  ].sort((a, b) => b.at.localeCompare(a.at));

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

/**
 * The case file with a contact just saved on this device added, as the next
 * read from the store will show it: shown at once, before that read is done.
 */
export function withNewContact(file: LocalCaseFile, contact: LocalData<'contact'>): LocalCaseFile {
  // Read from the store already (it committed first): shown once.
  const shown = (c: LocalData<'contact'>) => c.id === contact.id;
  if (file.timeline.some((i) => i.kind === 'contact' && (shown(i.contact) || i.amendments.some(shown))))
    return file;
  if (contact.amendsId) {
    return {
      ...file,
      timeline: file.timeline.map((item) =>
        item.kind === 'contact' && item.contact.id === contact.amendsId
          ? { ...item, amendments: [...item.amendments, contact] }
          : item,
      ),
    };
  }
  const item: TimelineItem = {
    kind: 'contact',
    at: contact.occurredAt,
    contact,
    amendments: [],
    pending: true,
  };
  return {
    ...file,
    // First among items of the same minute: it is the newest (the sort keeps that order).
    timeline: [item, ...file.timeline].sort((a, b) => b.at.localeCompare(a.at)),
  };
}

/** The user has looked at the case: what is on the device now is no longer new. */
export async function markSeen(store: LocalStore, caseIds: string[]): Promise<void> {
  const { db } = store;
  await db.transaction('rw', [db.bundles, db.seen], async () => {
    for (const caseId of caseIds) await markCaseSeen(store, caseId, await store.caseVersion(caseId));
  });
}

/** The user has looked at a case whose rows, as shown, go up to `version` (no second read of the store). */
export async function markCaseSeen(store: LocalStore, caseId: string, version: number): Promise<void> {
  await store.db.seen.put({ caseId, version });
}

/** After the first sync: everything on the device is the starting point, not news. */
export async function markAllSeen(store: LocalStore, highestVersion: number): Promise<void> {
  const { db } = store;
  const caseKeys = await db.bundlesOf('case').primaryKeys();
  // Versions are per organisation and only grow: the highest one pulled covers every row on the device.
  await db.seen.bulkPut(
    caseKeys.map((key) => ({ caseId: String(key).slice('case:'.length), version: highestVersion })),
  );
  await db.setMeta('noticesSeen', highestVersion);
}

/** Records that the user opened a child's file on this device; uploaded to the access log at sync. */
export async function logLocalRead(store: LocalStore, caseId: string, at = new Date()): Promise<void> {
  await store.db.reads.add({ id: crypto.randomUUID(), caseId, at: at.toISOString() });
}
