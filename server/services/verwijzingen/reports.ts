/**
 * The referral desk's reports at a peildatum: "nog geen passende hulp" per
 * region and gemeente, and waiting times per product category and provider.
 * Guarantee: numbers count the whole organisation, names only the children in
 * the user's scope, and every child named is in the access log.
 */
import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { daysBetween, dutchToday, type IsoDate } from '../../../shared/rules/dates';
import {
  type HelpReport,
  hasNoFittingHelpOn,
  type MeasureForReport,
  noFittingHelpReport,
  type ReportCell,
} from '../../../shared/rules/help-report';
import { lastDayOf, normsStart } from '../../../shared/rules/measure-life';
import { helpDueDate } from '../../../shared/rules/norms';
import { categoryLabel, type WaitingReport, waitingReport } from '../../../shared/rules/waiting-report';
import { aanbieders, cases, gemeenten, jeugdigen, maatregelen, regions, verwijzingen } from '../../db/schema';
import type { AuthedContext } from '../../trpc';
import { caseScope, countScope, DESK_VERWIJZING_STATUSES } from '../access';
import { projectView } from '../projection';
import { logCases } from './common';

/**
 * "Nog geen passende hulp" at a peildatum for the organisation, per region and
 * gemeente of the child's woonplaats, with the children behind each number.
 * Every measure counts once, while it runs: from its ruling to the day it
 * ended, or its end date when it lapsed (shared/rules/measure-life.ts); help
 * counts when a request for the child started on or after the day the norms
 * count from (the first ruling of the measure's chain; help-report.ts decides).
 */
export async function loadHelpReport(ctx: AuthedContext, peildatum: IsoDate) {
  // Counted: the organisation's measures (numbers are no child's data). Named: only the children in
  // the user's case scope (an open request); the others are counted, not named.
  const measures = await ctx.db
    .select({
      caseId: maatregelen.caseId,
      rulingDate: maatregelen.rulingDate,
      status: maatregelen.status,
      endDate: maatregelen.endDate,
      endedOn: maatregelen.endedOn,
      normsFrom: maatregelen.normsFrom,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      gemeente: gemeenten.name,
      region: regions.name,
    })
    .from(maatregelen)
    .innerJoin(cases, eq(cases.id, maatregelen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .where(countScope(ctx));
  const caseIds = [...new Set(measures.map((m) => m.caseId))];
  const starts = caseIds.length
    ? await ctx.db
        .select({ caseId: verwijzingen.caseId, startedOn: verwijzingen.startedOn })
        .from(verwijzingen)
        .where(and(inArray(verwijzingen.caseId, caseIds), isNotNull(verwijzingen.startedOn)))
    : [];
  // Per case, the days help started, earliest first (one pass, not one per measure).
  const startsOf = new Map<string, string[]>();
  for (const s of starts) {
    if (s.startedOn) startsOf.set(s.caseId, [...(startsOf.get(s.caseId) ?? []), s.startedOn]);
  }
  for (const days of startsOf.values()) days.sort();
  const forReport: MeasureForReport[] = measures.map((m) => ({
    caseId: m.caseId,
    region: m.region,
    gemeente: m.gemeente,
    rulingDate: m.rulingDate,
    normsFrom: normsStart(m),
    endedOn: lastDayOf(m),
    helpStartedOn: startsOf.get(m.caseId)?.find((day) => day >= normsStart(m)) ?? null,
  }));
  const report: HelpReport = noFittingHelpReport(forReport, peildatum);
  const noHelp = [...new Set(report.total.caseIds)];
  const named = new Set(
    noHelp.length
      ? (
          await ctx.db
            .select({ id: cases.id })
            .from(cases)
            .where(and(inArray(cases.id, noHelp), caseScope(ctx)))
        ).map((c) => c.id)
      : [],
  );
  const names = new Map(
    measures.map((m) => {
      const child = projectView(ctx.user.role, 'jeugdige', m, ['firstName', 'lastName']);
      return [m.caseId, `${child.firstName} ${child.lastName}`];
    }),
  );
  // Per named child: the day fitting help was due (the earliest of its late measures) and its requests
  // at the desk, so each name leads to the request to act on.
  const dueOf = new Map<string, IsoDate>();
  for (const m of forReport) {
    if (!named.has(m.caseId) || !hasNoFittingHelpOn(m, peildatum)) continue;
    const due = helpDueDate(m.normsFrom ?? m.rulingDate);
    const earlier = dueOf.get(m.caseId);
    if (!earlier || due < earlier) dueOf.set(m.caseId, due);
  }
  const requests = named.size
    ? await ctx.db
        .select({
          id: verwijzingen.id,
          caseId: verwijzingen.caseId,
          status: verwijzingen.status,
          productName: verwijzingen.productName,
          productCategory: verwijzingen.productCategory,
        })
        .from(verwijzingen)
        .where(
          and(
            inArray(verwijzingen.caseId, [...named]),
            eq(verwijzingen.organisationId, ctx.user.organisationId),
            inArray(verwijzingen.status, [...DESK_VERWIJZING_STATUSES]),
          ),
        )
        .orderBy(asc(verwijzingen.requestedAt))
    : [];
  const namedOnly = (cell: ReportCell): ReportCell => ({
    ...cell,
    caseIds: cell.caseIds.filter((id) => named.has(id)),
  });
  return {
    peildatum: report.peildatum,
    regions: report.regions.map((r) => ({
      region: r.region,
      cell: namedOnly(r.cell),
      gemeenten: r.gemeenten.map((g) => ({ gemeente: g.gemeente, cell: namedOnly(g.cell) })),
    })),
    total: namedOnly(report.total),
    children: noHelp
      .filter((id) => named.has(id))
      .map((caseId) => {
        const dueDate = dueOf.get(caseId) ?? null;
        return {
          caseId,
          name: names.get(caseId) ?? '',
          /** The day fitting help was due, and how many days past it the child is at the peildatum. */
          dueDate,
          daysOver: dueDate ? daysBetween(dueDate, peildatum) : null,
          requests: requests
            .filter((r) => r.caseId === caseId)
            .map((r) => ({
              id: r.id,
              status: r.status,
              product: r.productName || categoryLabel(r.productCategory),
            })),
        };
      }),
    /** Children without fitting help who have no open request: counted above, not named. */
    unnamed: noHelp.length - named.size,
  };
}
export type HelpReportData = Awaited<ReturnType<typeof loadHelpReport>>;

export async function helpReport(ctx: AuthedContext, peildatum: IsoDate) {
  const report = await loadHelpReport(ctx, peildatum);
  await logCases(
    ctx,
    ctx.db,
    report.children.map((c) => c.caseId),
    'list',
    'verwijzingen.helpReport',
  );
  return report;
}

/**
 * Waiting time per product category and provider at a peildatum
 * (shared/rules/waiting-report.ts). Only numbers go out, no child, so there
 * is nothing to log per child. A withdrawn request counts as withdrawn from
 * its last change: withdrawing is the last thing that can happen to it.
 */
export async function waitingTimes(ctx: AuthedContext, peildatum: IsoDate): Promise<WaitingReport> {
  const rows = await ctx.db
    .select({
      productCategory: verwijzingen.productCategory,
      aanbiederId: verwijzingen.aanbiederId,
      aanbiederName: aanbieders.name,
      requestedAt: verwijzingen.requestedAt,
      startedOn: verwijzingen.startedOn,
      status: verwijzingen.status,
      updatedAt: verwijzingen.updatedAt,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .leftJoin(aanbieders, eq(aanbieders.id, verwijzingen.aanbiederId))
    .where(and(countScope(ctx), ne(verwijzingen.status, 'concept')));
  return waitingReport(
    rows.map((r) => ({
      productCategory: r.productCategory,
      aanbiederId: r.aanbiederId,
      aanbiederName: r.aanbiederName,
      requestedOn: dutchToday(r.requestedAt),
      startedOn: r.startedOn,
      withdrawnOn:
        r.status === 'ingetrokken' || (r.status === 'beeindigd' && !r.startedOn)
          ? dutchToday(r.updatedAt)
          : null,
    })),
    peildatum,
  );
}
