/**
 * The referral desk's queue: open requests for help across the organisation,
 * most urgent first (acuut, then urgent; within that the nearest
 * "hulp uiterlijk" date, which follows from the court's ruling).
 * Support staff get what a referral needs: the child's name and gemeente,
 * the request; not the contact reports.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { daysBetween, dutchToday } from '../../shared/rules/dates';
import { noFittingHelpReport } from '../../shared/rules/help-report';
import { applyVerwijzingStep } from '../../shared/rules/verwijzing';
import { OPEN_VERWIJZING_STATUSES, type VerwijzingStepInput } from '../../shared/schemas/verwijzing';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import {
  aanbieders,
  cases,
  gemeenten,
  jeugdigen,
  maatregelen,
  regions,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';
import { nextVersion } from '../sync/versions';
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

/** What a step needs besides being allowed from the current status. */
function missingFor(input: VerwijzingStepInput): string | null {
  if (input.step === 'aanmelden' && !input.aanbiederId) return 'Kies bij aanmelden de aanbieder.';
  if ((input.step === 'starten' || input.step === 'beeindigen') && !input.on)
    return 'Vul de datum in waarop de hulp is gestart of beëindigd.';
  if (
    (input.step === 'afwijzen' || input.step === 'intrekken' || input.step === 'opschalen') &&
    !input.answer
  )
    return 'Vul bij afwijzen, intrekken en opschalen de reden of het antwoord in.';
  return null;
}

/**
 * One step on a request at the referral desk, enforced by the shared state
 * machine whoever sends it: an illegal step is refused with its reason and
 * changes nothing. The step is kept in the history with who, when and the
 * answer; the request gets a new sync version, so the worker's phone follows.
 */
export async function takeReferralStep(ctx: AuthedContext, input: VerwijzingStepInput) {
  const missing = missingFor(input);
  if (missing) throw new TRPCError({ code: 'BAD_REQUEST', message: missing });
  return ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select({
        id: verwijzingen.id,
        caseId: verwijzingen.caseId,
        organisationId: verwijzingen.organisationId,
        status: verwijzingen.status,
        escalation: verwijzingen.escalation,
      })
      .from(verwijzingen)
      .innerJoin(cases, eq(cases.id, verwijzingen.caseId))
      .where(and(eq(verwijzingen.id, input.verwijzingId), caseScope(ctx)))
      .for('update', { of: verwijzingen });
    if (!row) {
      await logAccess(tx, ctx, [
        {
          caseId: null,
          action: 'update',
          procedure: 'referrals.step',
          allowed: false,
          reason: 'buiten bevoegdheid',
        },
      ]);
      throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot deze aanvraag' });
    }
    const result = applyVerwijzingStep(row.status, row.escalation, input.step);
    if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: result.reason });
    if (input.aanbiederId) {
      const [aanbieder] = await tx
        .select({ id: aanbieders.id })
        .from(aanbieders)
        .where(eq(aanbieders.id, input.aanbiederId));
      if (!aanbieder) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze aanbieder is onbekend.' });
    }
    const rowVersion = await nextVersion(tx, row.organisationId);
    await tx
      .update(verwijzingen)
      .set({
        status: result.to,
        escalation: result.escalation,
        ...(input.step === 'aanmelden' ? { aanbiederId: input.aanbiederId } : {}),
        ...(input.step === 'starten' ? { startedOn: input.on } : {}),
        ...(input.step === 'beeindigen' ? { endedOn: input.on } : {}),
        ...((input.step === 'accepteren' || input.step === 'wachtlijst') && input.on
          ? { expectedStartOn: input.on }
          : {}),
        updatedAt: ctx.now,
        rowVersion,
      })
      .where(eq(verwijzingen.id, row.id));
    await tx.insert(verwijzingStappen).values({
      id: randomUUID(),
      organisationId: row.organisationId,
      verwijzingId: row.id,
      caseId: row.caseId,
      step: input.step,
      fromStatus: row.status,
      toStatus: result.to,
      answer: input.answer,
      aanbiederId: input.aanbiederId ?? null,
      on: input.on ?? null,
      byUserId: ctx.user.id,
      byRole: ctx.user.role,
      at: ctx.now,
      rowVersion,
    });
    await logAccess(tx, ctx, [
      { caseId: row.caseId, action: 'update', procedure: 'referrals.step', allowed: true },
    ]);
    return { status: result.to, escalation: result.escalation };
  });
}

/**
 * "Nog geen passende hulp" at a peildatum for the organisation, per region and
 * gemeente of the child's woonplaats, with the children behind each number.
 * Every measure counts once; help counts when a request for the child started
 * on or after the measure's ruling (shared/rules/help-report.ts decides).
 */
export async function helpReport(ctx: AuthedContext, peildatum: string) {
  const measures = await ctx.db
    .select({
      caseId: maatregelen.caseId,
      rulingDate: maatregelen.rulingDate,
      endedOn: maatregelen.endedOn,
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
    .where(caseScope(ctx));
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
  const report = noFittingHelpReport(
    measures.map((m) => ({
      caseId: m.caseId,
      region: m.region,
      gemeente: m.gemeente,
      rulingDate: m.rulingDate,
      endedOn: m.endedOn,
      helpStartedOn: startsOf.get(m.caseId)?.find((day) => day >= m.rulingDate) ?? null,
    })),
    peildatum,
  );
  const names = new Map(measures.map((m) => [m.caseId, `${m.firstName} ${m.lastName}`]));
  const listed = [...new Set(report.total.caseIds)];
  await logAccess(
    ctx.db,
    ctx,
    listed.map((caseId) => ({
      caseId,
      action: 'list' as const,
      procedure: 'referrals.helpReport',
      allowed: true,
    })),
  );
  return { ...report, children: listed.map((caseId) => ({ caseId, name: names.get(caseId) ?? '' })) };
}
