/**
 * The stored columns of the synced rows that more than one reader selects,
 * named as shared/schemas/synced-rows.ts names the fields: the pull's row
 * specs (server/sync/pull-rows.ts), the online case file (services/cases.ts)
 * and the referral desk (services/verwijzingen/) select from these maps, so a
 * column is named once. Only plain columns live here; a field the pull
 * computes (an instant as text, a joined name) stays with its reader.
 */
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { SyncedRows } from '../../shared/schemas/synced-rows';
import { beschikkingen, betrokkenen, maatregelen, verwijzingen } from './schema';

type Columns<E extends keyof SyncedRows> = Partial<Record<keyof SyncedRows[E], AnyPgColumn>>;

export const maatregelColumns = {
  id: maatregelen.id,
  caseId: maatregelen.caseId,
  type: maatregelen.type,
  court: maatregelen.court,
  zaaknummer: maatregelen.zaaknummer,
  rulingDate: maatregelen.rulingDate,
  startDate: maatregelen.startDate,
  endDate: maatregelen.endDate,
  outOfHomePlacement: maatregelen.outOfHomePlacement,
  status: maatregelen.status,
  endedOn: maatregelen.endedOn,
  // The measure's life (services/measure-life.ts): why it ended, what it continues, its norms' start.
  endReason: maatregelen.endReason,
  endReasonText: maatregelen.endReasonText,
  previousMaatregelId: maatregelen.previousMaatregelId,
  normsFrom: maatregelen.normsFrom,
} satisfies Columns<'maatregel'>;

export const beschikkingColumns = {
  id: beschikkingen.id,
  maatregelId: beschikkingen.maatregelId,
  kind: beschikkingen.kind,
  date: beschikkingen.date,
  validUntil: beschikkingen.validUntil,
  court: beschikkingen.court,
  reference: beschikkingen.reference,
  summary: beschikkingen.summary,
} satisfies Columns<'beschikking'>;

export const betrokkeneColumns = {
  id: betrokkenen.id,
  gezinId: betrokkenen.gezinId,
  name: betrokkenen.name,
  relation: betrokkenen.relation,
  hasCustody: betrokkenen.hasCustody,
  phone: betrokkenen.phone,
  email: betrokkenen.email,
  note: betrokkenen.note,
} satisfies Columns<'betrokkene'>;

/** A request's own columns (the pull adds the aanbieder's name and sends requestedAt as text). */
export const verwijzingColumns = {
  id: verwijzingen.id,
  caseId: verwijzingen.caseId,
  status: verwijzingen.status,
  productCategory: verwijzingen.productCategory,
  productCode: verwijzingen.productCode,
  productName: verwijzingen.productName,
  need: verwijzingen.need,
  goalIds: verwijzingen.goalIds,
  urgency: verwijzingen.urgency,
  urgencyReason: verwijzingen.urgencyReason,
  preferredAanbiederIds: verwijzingen.preferredAanbiederIds,
  consent: verwijzingen.consent,
  familyViews: verwijzingen.familyViews,
  aanbiederId: verwijzingen.aanbiederId,
  gemeenteId: verwijzingen.gemeenteId,
  gemeenteNote: verwijzingen.gemeenteNote,
  helpDueDate: verwijzingen.helpDueDate,
  requestedAt: verwijzingen.requestedAt,
  startedOn: verwijzingen.startedOn,
  endedOn: verwijzingen.endedOn,
  escalation: verwijzingen.escalation,
  expectedStartOn: verwijzingen.expectedStartOn,
  followUpOn: verwijzingen.followUpOn,
  bridging: verwijzingen.bridging,
  alternative: verwijzingen.alternative,
} satisfies Columns<'verwijzing'>;

/** The columns a reader needs, by field name, in the order it names them. */
export function pickColumns<C extends Record<string, AnyPgColumn>, K extends keyof C & string>(
  columns: C,
  fields: readonly K[],
): Pick<C, K> {
  return Object.fromEntries(fields.map((field) => [field, columns[field]])) as Pick<C, K>;
}
