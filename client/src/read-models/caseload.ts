/**
 * Mijn caseload, built from the local store alone: per open case the child,
 * the current measure, the last and next contact, the norm states, whether
 * something new arrived from others and what of the user's own work waits or
 * was refused, and whether the user carries it or stands in for a colleague
 * (waarneming); sorted and searched on the device (name, gemeente, measure,
 * a year of birth or ruling, the court's zaaknummer). Reads only clear columns
 * and small rows: the caseload never decrypts a report.
 */
import { ageOn, dutchToday, type IsoDate } from '../../../shared/rules/dates';
import { type ExtensionAlert, extensionAlert } from '../../../shared/rules/extension';
import { type CaseNorms, urgencyRank } from '../../../shared/rules/norms';
import type { MaatregelType } from '../../../shared/schemas/maatregel';
import type { SyncEntity } from '../../../shared/schemas/sync';
import { authorOf, type LocalData, type LocalRow, type LocalStore } from '../local/store';
import { currentMeasure, holidayPolicyOn, normsOf } from './norms';

/** A case the user holds as waarnemer: for whom, and until when. */
export interface StandIn {
  /** The vaste jeugdbeschermer's name; null on rows pulled before names came along. */
  forName: string | null;
  until: IsoDate;
}

/** Why a search found a case when the card does not show it by itself. */
export type SearchMatch =
  | { kind: 'geboren'; date: IsoDate }
  | { kind: 'uitspraak'; date: IsoDate }
  | { kind: 'zaaknummer'; value: string };

export interface LocalCaseSummary {
  caseId: string;
  jeugdigeName: string;
  age: number;
  birthDate: IsoDate;
  gemeente: string;
  maatregelType: MaatregelType | null;
  /** The current measure's ruling. */
  rulingDate: IsoDate | null;
  /** The court's case numbers of the case's measures. */
  zaaknummers: string[];
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
  /** Held as waarnemer today, not as the case's own jeugdbeschermer. */
  standIn: StandIn | null;
  /** Set by a search that matched on something the card does not show. */
  match?: SearchMatch;
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
    const caseMeasures = measuresOf.get(c.id) ?? [];
    const measure = currentMeasure(caseMeasures);
    const seen = seenOf.get(c.id);
    summaries.push({
      caseId: c.id,
      jeugdigeName: `${jeugdige.firstName} ${jeugdige.lastName}`,
      age: ageOn(jeugdige.birthDate, today),
      birthDate: jeugdige.birthDate,
      gemeente: jeugdige.gemeente,
      maatregelType: measure?.type ?? null,
      rulingDate: measure?.rulingDate ?? null,
      // Rows pulled before the zaaknummer came along have none (undefined).
      zaaknummers: caseMeasures.flatMap((m) => (m.zaaknummer ? [m.zaaknummer] : [])),
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
      standIn: standInOf(assignmentsOf.get(c.id) ?? [], userId, today),
    });
  }
  return summaries;
}

const during = (a: LocalData<'assignment'>, day: IsoDate) =>
  a.fromDate <= day && (a.untilDate === null || a.untilDate >= day);

/**
 * A case the user holds today only as waarnemer: whose it is (the vaste jeugdbeschermer today) and
 * until when. A case the user also carries as vaste jeugdbeschermer is theirs.
 */
export function standInOf(
  assignments: LocalData<'assignment'>[],
  userId: string,
  today: IsoDate,
): StandIn | null {
  const mine = assignments.filter((a) => a.userId === userId && during(a, today));
  if (mine.length === 0 || mine.some((a) => a.role === 'vast')) return null;
  const until = mine.map((a) => a.untilDate ?? '9999-12-31').sort()[0] ?? today;
  const vast = assignments.find((a) => a.role === 'vast' && a.userId !== userId && during(a, today));
  return { forName: vast?.userName ?? null, until };
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

/**
 * Search on the device: every word of the query must be found in the child's name, the gemeente
 * or the measure (its code or its label, e.g. "OTS", "voogdij"); a four-digit word is a year, of
 * birth or of the current measure's ruling. A query found in a zaaknummer matches as a whole
 * ("C/09/612345"). A match on what the card does not show says so (`match`).
 */
export function filterCaseload(
  rows: LocalCaseSummary[],
  search: string,
  measureLabel: (type: MaatregelType) => string = (type) => type,
): LocalCaseSummary[] {
  const lower = (text: string) => text.toLocaleLowerCase('nl');
  const q = lower(search.trim().replace(/\s+/g, ' '));
  if (!q) return rows;
  const words = q.split(' ');
  const found: LocalCaseSummary[] = [];
  for (const row of rows) {
    const text = lower(
      [
        row.jeugdigeName,
        row.gemeente,
        row.maatregelType ?? '',
        row.maatregelType ? measureLabel(row.maatregelType) : '',
      ].join(' '),
    );
    let match: SearchMatch | undefined;
    const wordsFound = words.every((word) => {
      if (/^\d{4}$/.test(word)) {
        if (row.birthDate.startsWith(word)) match ??= { kind: 'geboren', date: row.birthDate };
        else if (row.rulingDate?.startsWith(word)) match ??= { kind: 'uitspraak', date: row.rulingDate };
        else return false;
        return true;
      }
      return text.includes(word);
    });
    if (wordsFound) {
      found.push(match ? { ...row, match } : row);
      continue;
    }
    // A pure year is never taken for a piece of a case number.
    const zaaknummer = /^\d{4}$/.test(q) ? undefined : row.zaaknummers.find((z) => lower(z).includes(q));
    if (zaaknummer) found.push({ ...row, match: { kind: 'zaaknummer', value: zaaknummer } });
  }
  return found;
}
