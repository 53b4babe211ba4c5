/**
 * The referral desk's queue: open requests for help across the organisation,
 * most urgent first (acuut, then urgent; within that the nearest
 * "hulp uiterlijk" date, which follows from the court's ruling).
 * Support staff get what a referral needs: the child's name and gemeente,
 * the request; not the contact reports.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { daysBetween, dutchToday } from '../../shared/rules/dates';
import { OPEN_VERWIJZING_STATUSES } from '../../shared/schemas/verwijzing';
import { logAccess } from '../audit/access-log';
import { cases, gemeenten, jeugdigen, regions, verwijzingen } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { caseScope } from './access';

export async function referralQueue(ctx: AuthedContext) {
  const rows = await ctx.db
    .select({
      id: verwijzingen.id,
      caseId: verwijzingen.caseId,
      status: verwijzingen.status,
      productCategory: verwijzingen.productCategory,
      productName: verwijzingen.productName,
      urgency: verwijzingen.urgency,
      helpDueDate: verwijzingen.helpDueDate,
      requestedAt: verwijzingen.requestedAt,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeente: gemeenten.name,
      region: regions.name,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, verwijzingen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .where(and(caseScope(ctx), inArray(verwijzingen.status, [...OPEN_VERWIJZING_STATUSES])))
    .orderBy(
      sql`case ${verwijzingen.urgency} when 'acuut' then 0 when 'urgent' then 1 else 2 end`,
      asc(verwijzingen.helpDueDate),
    );
  const today = dutchToday(ctx.now);
  await logAccess(
    ctx.db,
    ctx,
    [...new Set(rows.map((r) => r.caseId))].map((caseId) => ({
      caseId,
      action: 'list' as const,
      procedure: 'referrals.queue',
      allowed: true,
    })),
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    jeugdigeName: `${r.firstName} ${r.lastName}`,
    gemeente: r.gemeente,
    region: r.region,
    status: r.status,
    product: r.productName || r.productCategory,
    urgency: r.urgency,
    helpDueDate: r.helpDueDate,
    daysLeft: daysBetween(today, r.helpDueDate),
    requestedAt: r.requestedAt.toISOString(),
  }));
}
