/**
 * One request at the referral desk, with what handling it needs. Guarantee:
 * support staff get what a referral needs (the child's name and birth date,
 * gemeente, the request, its history), never the contact reports; the read is
 * in the access log.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { daysBetween, dutchToday, type IsoDate } from '../../../shared/rules/dates';
import { escalationSummary, nextEscalationTarget } from '../../../shared/rules/escalation-summary';
import { allowedVerwijzingSteps } from '../../../shared/rules/verwijzing';
import { categoryLabel, categoryWithCode } from '../../../shared/rules/waiting-report';
import { verwijzingColumns } from '../../db/row-columns';
import {
  aanbiederRegions,
  aanbieders,
  cases,
  gemeenten,
  jeugdigen,
  koersen,
  regionArrangements,
  regions,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../../db/schema';
import type { AuthedContext } from '../../trpc';
import { caseScope } from '../access';
import { measuresByCase } from '../measures';
import { project, projectView } from '../projection';
import { logCases, refuse, rulingFor } from './common';

/** "45 Jeugdhulp ambulant" style: the product name with its code and JZ020 category. */
function productText(r: { productName: string; productCode: string; productCategory: string }): string {
  const category = categoryWithCode(r.productCategory);
  if (!r.productName) return category;
  return `${r.productName} (${r.productCode ? `${r.productCode}, ` : ''}${category})`;
}

/** Initials and birth year: the summary leaves the GI, so it names the child no more than needed. */
function childLabel(firstName: string, lastName: string, birthDate: IsoDate): string {
  const surname = lastName.trim().split(/\s+/).at(-1) ?? '';
  return `${firstName.charAt(0).toUpperCase()}.${surname.charAt(0).toUpperCase()}., geboren ${birthDate.slice(0, 4)}`;
}

/**
 * Everything the desk needs to handle one request: the child (name, birth
 * date), gemeente, region and the GI's arrangement with it, the request with
 * the koers goals it serves, its history, the steps allowed now, the providers
 * that offer the product in the region, and a doorbraak summary when it can be
 * escalated. Deliberately not: contact reports, the family's network, the rest
 * of the koers.
 */
export async function verwijzingDetail(ctx: AuthedContext, id: string) {
  const [r] = await ctx.db
    .select({
      ...verwijzingColumns,
      requestedBy: users.displayName,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      gemeente: gemeenten.name,
      regionId: regions.id,
      region: regions.name,
    })
    .from(verwijzingen)
    .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, verwijzingen.gemeenteId))
    .innerJoin(regions, eq(regions.id, gemeenten.regionId))
    .innerJoin(users, eq(users.id, verwijzingen.requestedBy))
    .where(and(eq(verwijzingen.id, id), caseScope(ctx)));
  if (!r) return refuse(ctx, ctx.db, 'read', 'verwijzingen.get');
  // Of the child's file: who the child is, as the role's projection gives it (the desk's need).
  const child = projectView(ctx.user.role, 'jeugdige', r, ['firstName', 'lastName', 'birthDate']);

  const [arrangementRows, koersRows, historyRows, providerRows, measures] = await Promise.all([
    ctx.db
      .select({
        consultation: regionArrangements.consultation,
        contactPoint: regionArrangements.contactPoint,
        answerWorkdays: regionArrangements.answerWorkdays,
        expertteamContact: regionArrangements.expertteamContact,
        notes: regionArrangements.notes,
      })
      .from(regionArrangements)
      .where(
        and(
          eq(regionArrangements.organisationId, ctx.user.organisationId),
          eq(regionArrangements.regionId, r.regionId),
        ),
      ),
    r.goalIds.length
      ? ctx.db
          .select({ content: koersen.content })
          .from(koersen)
          .where(eq(koersen.caseId, r.caseId))
          .orderBy(desc(koersen.version))
      : Promise.resolve([]),
    ctx.db
      .select({
        id: verwijzingStappen.id,
        step: verwijzingStappen.step,
        fromStatus: verwijzingStappen.fromStatus,
        toStatus: verwijzingStappen.toStatus,
        answer: verwijzingStappen.answer,
        aanbiederName: aanbieders.name,
        on: verwijzingStappen.on,
        by: users.displayName,
        byRole: verwijzingStappen.byRole,
        at: verwijzingStappen.at,
      })
      .from(verwijzingStappen)
      .innerJoin(users, eq(users.id, verwijzingStappen.byUserId))
      .leftJoin(aanbieders, eq(aanbieders.id, verwijzingStappen.aanbiederId))
      .where(eq(verwijzingStappen.verwijzingId, r.id))
      // Steps in one request share a clock tick at most; the sync version orders them as committed.
      .orderBy(asc(verwijzingStappen.at), asc(verwijzingStappen.rowVersion)),
    ctx.db
      .select({
        id: aanbieders.id,
        name: aanbieders.name,
        products: aanbieders.products,
        waitWeeks: aanbieders.waitWeeks,
        contactRoute: aanbieders.contactRoute,
      })
      .from(aanbieders)
      .innerJoin(aanbiederRegions, eq(aanbiederRegions.aanbiederId, aanbieders.id))
      .where(and(eq(aanbiederRegions.regionId, r.regionId), eq(aanbieders.active, true))),
    measuresByCase(ctx.db, [r.caseId]),
  ]);

  // Provider names for the request's own ids (preferred, registered, alternative), inactive ones included.
  const namedIds = [
    ...new Set(
      [...r.preferredAanbiederIds, r.aanbiederId, r.alternative?.aanbiederId].filter(
        (x): x is string => typeof x === 'string',
      ),
    ),
  ];
  const names = new Map(
    (namedIds.length
      ? await ctx.db
          .select({ id: aanbieders.id, name: aanbieders.name })
          .from(aanbieders)
          .where(inArray(aanbieders.id, namedIds))
      : []
    ).map((a) => [a.id, a.name]),
  );

  // Goals by id from the newest koers version that still has them: of the koers, only the goals'
  // text reaches the desk (the role's projection), and only of the goals the request names.
  const goalText = new Map<string, string>();
  for (const k of koersRows) {
    const { content } = project(ctx.user.role, 'koers', k);
    for (const d of content?.doelen ?? []) if (d.goal && !goalText.has(d.id)) goalText.set(d.id, d.goal);
  }
  const goals = r.goalIds.map((goalId) => ({ id: goalId, goal: goalText.get(goalId) ?? null }));

  const today = dutchToday(ctx.now);
  const rulingDate = rulingFor(measures.get(r.caseId) ?? [], r.helpDueDate);
  const history = historyRows.map((h) => ({ ...h, at: h.at.toISOString() }));
  const alternative = r.alternative
    ? {
        ...r.alternative,
        aanbiederName: r.alternative.aanbiederId ? (names.get(r.alternative.aanbiederId) ?? null) : null,
      }
    : null;
  const allowedSteps = allowedVerwijzingSteps(r.status, r.escalation);
  const target = allowedSteps.includes('opschalen') ? nextEscalationTarget(r.escalation) : null;
  const preferred = new Set(r.preferredAanbiederIds);
  const providers = providerRows
    .map((p) => ({
      id: p.id,
      name: p.name,
      waitWeeks: p.waitWeeks,
      contactRoute: p.contactRoute,
      preferred: preferred.has(p.id),
      products: p.products.filter((x) => x.category === r.productCategory).map((x) => x.name),
    }))
    .filter((p) => p.products.length > 0)
    .sort(
      (a, b) =>
        Number(b.preferred) - Number(a.preferred) ||
        a.waitWeeks - b.waitWeeks ||
        a.name.localeCompare(b.name, 'nl'),
    );

  await logCases(ctx, ctx.db, [r.caseId], 'read', 'verwijzingen.get');
  return {
    id: r.id,
    caseId: r.caseId,
    status: r.status,
    escalation: r.escalation,
    allowedSteps,
    child: { name: `${child.firstName} ${child.lastName}`, birthDate: child.birthDate },
    gemeente: { id: r.gemeenteId, name: r.gemeente },
    region: { id: r.regionId, name: r.region },
    arrangement: arrangementRows[0] ?? null,
    rulingDate,
    request: {
      productCategory: r.productCategory,
      productCategoryName: categoryLabel(r.productCategory),
      productCode: r.productCode,
      productName: r.productName,
      need: r.need,
      goals,
      urgency: r.urgency,
      urgencyReason: r.urgencyReason,
      preferredAanbieders: r.preferredAanbiederIds.map((pid) => ({ id: pid, name: names.get(pid) ?? null })),
      consent: r.consent,
      familyViews: r.familyViews,
      gemeenteNote: r.gemeenteNote,
      helpDueDate: r.helpDueDate,
      daysLeft: daysBetween(today, r.helpDueDate),
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt.toISOString(),
    },
    aanbieder: r.aanbiederId ? { id: r.aanbiederId, name: names.get(r.aanbiederId) ?? null } : null,
    bridging: r.bridging,
    alternative,
    followUpOn: r.followUpOn,
    expectedStartOn: r.expectedStartOn,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    history,
    providers,
    escalationTarget: target,
    escalationSummary: target
      ? escalationSummary({
          to: target,
          child: childLabel(child.firstName, child.lastName, child.birthDate),
          gemeente: r.gemeente,
          region: r.region,
          product: productText(r),
          need: r.need,
          goals: goals.flatMap((g) => (g.goal ? [g.goal] : [])),
          urgency: r.urgency,
          urgencyReason: r.urgencyReason,
          rulingDate,
          helpDueDate: r.helpDueDate,
          today,
          history,
          bridging: r.bridging,
          alternative,
        })
      : null,
  };
}
export type VerwijzingDetail = Awaited<ReturnType<typeof verwijzingDetail>>;
