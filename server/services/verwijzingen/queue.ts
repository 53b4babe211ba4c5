/**
 * The referral desk's queue: the open requests for help across the
 * organisation, in the order of the afwegingskader. Every child listed is in
 * the access log.
 */
import { and, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { daysBetween, dutchToday, plusDays } from '../../../shared/rules/dates';
import { WARNING_DAYS } from '../../../shared/rules/norms';
import { categoryLabel } from '../../../shared/rules/waiting-report';
import type { QueueFilter } from '../../../shared/schemas/referral-desk';
import { OPEN_VERWIJZING_STATUSES, type Urgency } from '../../../shared/schemas/verwijzing';
import { aanbieders, cases, gemeenten, jeugdigen, regions, verwijzingen } from '../../db/schema';
import type { AuthedContext } from '../../trpc';
import { caseScope } from '../access';
import { measuresByCase } from '../measures';
import { logCases, rulingFor } from './common';

const URGENCY_RANK: Record<Urgency, number> = { acuut: 0, urgent: 1, regulier: 2 };

/**
 * The queue, filtered, in the order of the afwegingskader: acuut, urgent,
 * regulier; within each the nearest "hulp uiterlijk" date (which follows from
 * the court's ruling), then the earliest ruling, then the oldest request.
 * Without a status filter it holds the open requests (ingediend up to
 * opgeschaald); with one, exactly that status.
 */
export async function loadQueue(ctx: AuthedContext, filter: QueueFilter) {
  const today = dutchToday(ctx.now);
  const where: (SQL | undefined)[] = [
    caseScope(ctx),
    filter?.status
      ? eq(verwijzingen.status, filter.status)
      : inArray(verwijzingen.status, [...OPEN_VERWIJZING_STATUSES]),
  ];
  if (filter?.regionId) where.push(eq(gemeenten.regionId, filter.regionId));
  if (filter?.gemeenteId) where.push(eq(verwijzingen.gemeenteId, filter.gemeenteId));
  if (filter?.urgency) where.push(eq(verwijzingen.urgency, filter.urgency));
  if (filter?.norm === 'verlopen') where.push(lt(verwijzingen.helpDueDate, today));
  if (filter?.norm === 'binnenkort') {
    where.push(
      gte(verwijzingen.helpDueDate, today),
      lte(verwijzingen.helpDueDate, plusDays(today, WARNING_DAYS.passendeHulp)),
    );
  }
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
      escalation: verwijzingen.escalation,
      expectedStartOn: verwijzingen.expectedStartOn,
      followUpOn: verwijzingen.followUpOn,
      hasBridging: sql<boolean>`${verwijzingen.bridging} is not null`,
      aanbieder: aanbieders.name,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeenteId: verwijzingen.gemeenteId,
      gemeente: gemeenten.name,
      regionId: regions.id,
      region: regions.name,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, verwijzingen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
    .where(and(...where));
  const measures = await measuresByCase(ctx.db, [...new Set(rows.map((r) => r.caseId))]);
  const queue = rows
    .map((r) => {
      const requestedOn = dutchToday(r.requestedAt);
      return {
        id: r.id,
        caseId: r.caseId,
        jeugdigeName: `${r.firstName} ${r.lastName}`,
        gemeenteId: r.gemeenteId,
        gemeente: r.gemeente,
        regionId: r.regionId,
        region: r.region,
        status: r.status,
        productCategory: r.productCategory,
        product: r.productName || categoryLabel(r.productCategory),
        urgency: r.urgency,
        rulingDate: rulingFor(measures.get(r.caseId) ?? [], r.helpDueDate),
        helpDueDate: r.helpDueDate,
        daysLeft: daysBetween(today, r.helpDueDate),
        requestedAt: r.requestedAt.toISOString(),
        waitDays: daysBetween(requestedOn, today),
        escalation: r.escalation,
        expectedStartOn: r.expectedStartOn,
        followUpOn: r.followUpOn,
        aanbieder: r.aanbieder,
        hasBridging: Boolean(r.hasBridging),
      };
    })
    .filter((r) => filter?.minWaitDays === undefined || r.waitDays >= filter.minWaitDays);
  queue.sort(
    (a, b) =>
      URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
      a.helpDueDate.localeCompare(b.helpDueDate) ||
      (a.rulingDate ?? '9999').localeCompare(b.rulingDate ?? '9999') ||
      a.requestedAt.localeCompare(b.requestedAt) ||
      a.id.localeCompare(b.id),
  );
  return queue;
}
export type QueueRow = Awaited<ReturnType<typeof loadQueue>>[number];

export async function listQueue(ctx: AuthedContext, filter: QueueFilter) {
  const queue = await loadQueue(ctx, filter);
  await logCases(
    ctx,
    ctx.db,
    queue.map((r) => r.caseId),
    'list',
    'verwijzingen.queue',
  );
  return queue;
}
