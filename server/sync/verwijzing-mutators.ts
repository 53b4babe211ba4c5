/**
 * Referral mutations from the phone. Hulp aanvragen made offline arrives here
 * as an intent and becomes a request at the referral desk; the server decides
 * the "hulp uiterlijk" date from the court's ruling, checks the gemeente, the
 * providers and the koers goals, and records the first step in the history.
 * The worker's choice between an alternative offer and waiting is recorded the
 * same way. Status changes after that are the desk's (verwijzingen.step).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { currentRulingDate, helpDueDate } from '../../shared/rules/norms';
import { applyVerwijzingStep, checkVerwijzingEvent } from '../../shared/rules/verwijzing';
import type { ChooseAlternativeArgs, RequestHelpArgs } from '../../shared/schemas/mutations';
import { aanbieders, gemeenten, koersen, maatregelen, verwijzingen, verwijzingStappen } from '../db/schema';
import { caseOwner, type MutationContext } from './mutation-context';
import { MutationRefused } from './mutator-errors';
import { nextVersion } from './versions';

export async function requestHelp(ctx: MutationContext, args: RequestHelpArgs): Promise<void> {
  const owner = await caseOwner(ctx, args.caseId);
  const [existing] = await ctx.db
    .select({ id: verwijzingen.id })
    .from(verwijzingen)
    .where(eq(verwijzingen.id, args.id));
  if (existing) throw new MutationRefused('Deze hulpaanvraag is al ingediend.', args.caseId);

  const [gemeente] = await ctx.db
    .select({ id: gemeenten.id })
    .from(gemeenten)
    .where(eq(gemeenten.id, args.gemeenteId));
  if (!gemeente) throw new MutationRefused('De gekozen gemeente is onbekend.', args.caseId);
  if (args.gemeenteId !== owner.woonplaats && !args.gemeenteNote) {
    throw new MutationRefused(
      'U koos een andere gemeente dan die van de woonplaats van het kind; geef de reden.',
      args.caseId,
    );
  }
  if (args.preferredAanbiederIds.length) {
    const known = await ctx.db
      .select({ id: aanbieders.id })
      .from(aanbieders)
      .where(inArray(aanbieders.id, args.preferredAanbiederIds));
    if (known.length !== new Set(args.preferredAanbiederIds).size) {
      throw new MutationRefused(
        'Een van de gekozen aanbieders staat niet (meer) op de sociale kaart.',
        args.caseId,
      );
    }
  }
  if (args.goalIds.length) {
    const koersRows = await ctx.db
      .select({ content: koersen.content })
      .from(koersen)
      .where(eq(koersen.caseId, args.caseId));
    const goals = new Set(koersRows.flatMap((k) => k.content.doelen.map((d) => d.id)));
    if (args.goalIds.some((id) => !goals.has(id))) {
      throw new MutationRefused(
        'Een van de gekozen doelen staat niet in de koers van dit kind.',
        args.caseId,
      );
    }
  }
  const ruling = currentRulingDate(
    await ctx.db
      .select({
        rulingDate: maatregelen.rulingDate,
        status: maatregelen.status,
        normsFrom: maatregelen.normsFrom,
      })
      .from(maatregelen)
      .where(eq(maatregelen.caseId, args.caseId)),
  );
  if (!ruling)
    throw new MutationRefused('Dit dossier heeft geen maatregel; hulp aanvragen kan niet.', args.caseId);

  const submitted = applyVerwijzingStep('concept', 'geen', 'indienen');
  if (!submitted.ok) throw new MutationRefused(submitted.reason, args.caseId);
  const rowVersion = await nextVersion(ctx.db, owner.organisationId);
  const requestedAt = new Date(args.requestedAt);
  await ctx.db.insert(verwijzingen).values({
    id: args.id,
    organisationId: owner.organisationId,
    caseId: args.caseId,
    status: submitted.to,
    productCategory: args.productCategory,
    productCode: args.productCode,
    productName: args.productName,
    need: args.need,
    goalIds: args.goalIds,
    urgency: args.urgency,
    urgencyReason: args.urgencyReason,
    preferredAanbiederIds: args.preferredAanbiederIds,
    gemeenteId: args.gemeenteId,
    gemeenteNote: args.gemeenteId === owner.woonplaats ? '' : args.gemeenteNote,
    consent: args.consent,
    familyViews: args.familyViews,
    helpDueDate: helpDueDate(ruling),
    requestedBy: ctx.user.id,
    requestedAt,
    updatedAt: ctx.now,
    rowVersion,
  });
  await ctx.db.insert(verwijzingStappen).values({
    id: randomUUID(),
    organisationId: owner.organisationId,
    verwijzingId: args.id,
    caseId: args.caseId,
    step: 'indienen',
    fromStatus: 'concept',
    toStatus: submitted.to,
    answer: '',
    byUserId: ctx.user.id,
    byRole: ctx.user.role,
    at: requestedAt,
    rowVersion,
  });
}

export async function chooseAlternative(ctx: MutationContext, args: ChooseAlternativeArgs): Promise<void> {
  const [row] = await ctx.db
    .select({
      organisationId: verwijzingen.organisationId,
      status: verwijzingen.status,
      alternative: verwijzingen.alternative,
    })
    .from(verwijzingen)
    .where(and(eq(verwijzingen.id, args.verwijzingId), eq(verwijzingen.caseId, args.caseId)))
    .for('update');
  if (!row) throw new MutationRefused('Deze hulpaanvraag hoort niet bij dit dossier.', args.caseId);
  const allowed = checkVerwijzingEvent(row.status, 'keuze');
  if (!allowed.ok) throw new MutationRefused(allowed.reason, args.caseId);
  if (!row.alternative) {
    throw new MutationRefused(
      'Er is (nog) geen alternatief aanbod om tegen wachten af te wegen.',
      args.caseId,
    );
  }
  const rowVersion = await nextVersion(ctx.db, row.organisationId);
  await ctx.db
    .update(verwijzingen)
    .set({
      alternative: {
        ...row.alternative,
        choice: args.choice,
        reason: args.reason,
        decidedAt: args.decidedAt,
      },
      updatedAt: ctx.now,
      rowVersion,
    })
    .where(eq(verwijzingen.id, args.verwijzingId));
  await ctx.db.insert(verwijzingStappen).values({
    id: randomUUID(),
    organisationId: row.organisationId,
    verwijzingId: args.verwijzingId,
    caseId: args.caseId,
    step: 'keuze',
    fromStatus: row.status,
    toStatus: row.status,
    answer: `${args.choice === 'wachten' ? 'Wachten op de gevraagde hulp' : 'Alternatief aanbod aangenomen'}: ${args.reason}`,
    byUserId: ctx.user.id,
    byRole: ctx.user.role,
    at: new Date(args.decidedAt),
    rowVersion,
  });
}
