/**
 * The notices about the user's requests for help: history rows written by
 * others (the referral desk) after what the user last dismissed, newest first.
 * Kept apart from the help screens' queries, which load with those screens.
 */
import type { VerwijzingStatus } from '../../../shared/schemas/verwijzing';
import { authorOf, type LocalRow, type LocalStore } from '../local/store';

export interface VerwijzingNotice {
  id: string;
  caseId: string;
  verwijzingId: string;
  childName: string;
  product: string;
  step: string;
  toStatus: VerwijzingStatus;
  byName: string;
  at: string;
  version: number;
}

/**
 * What happened to the user's requests since they last dismissed the notices:
 * history rows written by others (the desk) after `noticesSeen`, newest first.
 */
export async function loadVerwijzingNotices(store: LocalStore, userId: string): Promise<VerwijzingNotice[]> {
  const seen = (await store.db.getMeta('noticesSeen')) ?? 0;
  // The clear columns say which bundles hold steps by others after `seen`: only those are opened.
  const bundles = await store.db
    .bundlesOf('verwijzingStap')
    .filter((b) => Object.entries(b.authors).some(([author, version]) => author !== userId && version > seen))
    .toArray();
  const fresh = (await Promise.all(bundles.map((b) => store.openBundle(b))))
    .flatMap((rows) => [...rows.values()])
    .filter((r) => r.version > seen && authorOf(r) !== userId) as LocalRow<'verwijzingStap'>[];
  if (fresh.length === 0) return [];
  const notices: VerwijzingNotice[] = [];
  for (const { data, version } of fresh) {
    const [request, child] = await Promise.all([
      store.get('verwijzing', data.verwijzingId),
      store.list('jeugdige', data.caseId),
    ]);
    notices.push({
      id: data.id,
      caseId: data.caseId,
      verwijzingId: data.verwijzingId,
      childName: child[0]?.data.firstName ?? '',
      product: request?.data.productName ?? '',
      step: data.step,
      toStatus: data.toStatus,
      byName: data.byName,
      at: data.at,
      version,
    });
  }
  return notices.sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version);
}
