/**
 * Koers mutations on the server. The koers is the worker's plan with the
 * family; edits from several devices merge per field (shared/rules/koers.ts),
 * a clash is kept as a conflict for its author, and a vastgestelde koers is
 * never changed: a revision starts a new version.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import { dutchToday } from '../../shared/rules/dates';
import {
  canTransitionKoers,
  carriedEvaluationDate,
  duplicateGoals,
  evaluationDateInPast,
  isKoersEditable,
  type KoersField,
  mergeKoersEdit,
} from '../../shared/rules/koers';
import { dag } from '../../shared/rules/measure-checks';
import { emptyKoersContent, type KoersContent } from '../../shared/schemas/koers';
import type { MutationArgs } from '../../shared/schemas/mutations';
import { koersConflicts, koersen } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { caseOwner, type MutationContext } from './mutation-context';
import { MutationRefused } from './mutator-errors';
import { nextVersion } from './versions';

async function loadKoers(ctx: AuthedContext, koersId: string, caseId: string) {
  const [koers] = await ctx.db
    .select({
      id: koersen.id,
      status: koersen.status,
      content: koersen.content,
      evaluationDate: koersen.evaluationDate,
      fieldVersions: koersen.fieldVersions,
      fieldClients: koersen.fieldClients,
    })
    .from(koersen)
    .where(and(eq(koersen.id, koersId), eq(koersen.caseId, caseId)))
    .for('update');
  if (!koers) throw new MutationRefused('Deze koers hoort niet bij dit dossier.', caseId);
  return koers;
}

export async function startKoers(ctx: AuthedContext, args: MutationArgs<'startKoers'>) {
  const { organisationId } = await caseOwner(ctx, args.caseId);
  const [open] = await ctx.db
    .select({ id: koersen.id })
    .from(koersen)
    .where(and(eq(koersen.caseId, args.caseId), ne(koersen.status, 'vastgesteld')));
  if (open)
    throw new MutationRefused('Er is al een koers in bewerking voor dit kind; werk die bij.', args.caseId);
  const [latest] = await ctx.db
    .select({ version: koersen.version, content: koersen.content, evaluationDate: koersen.evaluationDate })
    .from(koersen)
    .where(eq(koersen.caseId, args.caseId))
    .orderBy(desc(koersen.version))
    .limit(1);
  const rowVersion = await nextVersion(ctx.db, organisationId);
  // The id comes from the phone: one that is already taken (by a koers of any case, any organisation) is
  // a refusal the worker sees, never a failed push that would hold up the rest of the phone's outbox.
  const inserted = await ctx.db
    .insert(koersen)
    .values({
      id: args.id,
      organisationId,
      caseId: args.caseId,
      version: (latest?.version ?? 0) + 1,
      status: 'concept',
      content: latest?.content ?? emptyKoersContent(),
      agreement: { gezin: false, jeugdige: false, netwerk: false, toelichting: '' },
      // A date that has passed is not carried into the new version: the worker plans the next evaluation.
      evaluationDate: carriedEvaluationDate(latest?.evaluationDate, dutchToday(ctx.now)),
      createdBy: ctx.user.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      rowVersion,
    })
    .onConflictDoNothing()
    .returning({ id: koersen.id });
  if (inserted.length === 0) {
    throw new MutationRefused(
      'Deze koers is niet begonnen: het nummer dat uw toestel eraan gaf, is al in gebruik. Begin de koers opnieuw.',
      args.caseId,
    );
  }
}

export async function editKoers(ctx: MutationContext, args: MutationArgs<'editKoers'>) {
  const { organisationId } = await caseOwner(ctx, args.caseId);
  const koers = await loadKoers(ctx, args.koersId, args.caseId);
  if (!isKoersEditable(koers.status)) {
    throw new MutationRefused(
      'Deze koers is vastgesteld en kan niet meer worden gewijzigd; begin een herziening.',
      args.caseId,
    );
  }
  const { evaluationDate, ...content } = args.values;
  refuseInvalidEdit(ctx, args);
  const edit = { ...content, ...(evaluationDate !== undefined ? { evaluationDate } : {}) };
  const merge = mergeKoersEdit(
    { ...koers.content, evaluationDate: koers.evaluationDate },
    koers.fieldVersions as Partial<Record<KoersField, number>>,
    edit,
    args.baseVersions as Partial<Record<KoersField, number>>,
    new Set(
      Object.entries(koers.fieldClients)
        .filter(([, client]) => ctx.clientId !== undefined && client === ctx.clientId)
        .map(([field]) => field as KoersField),
    ),
  );
  const rowVersion = await nextVersion(ctx.db, organisationId);
  const { evaluationDate: newEvaluation, ...newContent } = merge.apply;
  const fieldVersions = { ...koers.fieldVersions };
  const fieldClients = { ...koers.fieldClients };
  for (const field of Object.keys(merge.apply)) {
    fieldVersions[field] = rowVersion;
    if (ctx.clientId) fieldClients[field] = ctx.clientId;
    else delete fieldClients[field];
  }
  await ctx.db
    .update(koersen)
    .set({
      content: { ...koers.content, ...(newContent as Partial<KoersContent>) },
      ...(newEvaluation !== undefined ? { evaluationDate: newEvaluation } : {}),
      fieldVersions,
      fieldClients,
      updatedAt: ctx.now,
      rowVersion,
    })
    .where(eq(koersen.id, koers.id));
  if (merge.conflicts.length) {
    await ctx.db.insert(koersConflicts).values(
      merge.conflicts.map((c) => ({
        id: randomUUID(),
        organisationId,
        caseId: args.caseId,
        koersId: koers.id,
        field: c.field,
        theirs: c.theirs ?? null,
        mine: c.mine ?? null,
        authorId: ctx.user.id,
        createdAt: ctx.now,
        rowVersion,
      })),
    );
  }
}

/** The koers rules a schema cannot say, in the worker's words (the phone's form asks the same first). */
function refuseInvalidEdit(ctx: MutationContext, args: MutationArgs<'editKoers'>) {
  const [duplicate] = duplicateGoals(args.values.doelen ?? []);
  if (duplicate) {
    const goal = args.values.doelen?.[duplicate.index]?.goal ?? '';
    throw new MutationRefused(
      `Doel ${duplicate.index + 1} ("${goal}") staat al in de koers als doel ${duplicate.sameAs + 1}; een doel komt één keer voor.`,
      args.caseId,
    );
  }
  const { evaluationDate } = args.values;
  if (evaluationDate && evaluationDateInPast(evaluationDate, dutchToday(ctx.now))) {
    throw new MutationRefused(
      `De evaluatiedatum ${dag(evaluationDate)} ligt in het verleden; kies vandaag of een latere datum.`,
      args.caseId,
    );
  }
}

export async function setKoersStatus(ctx: AuthedContext, args: MutationArgs<'setKoersStatus'>) {
  const { organisationId } = await caseOwner(ctx, args.caseId);
  const koers = await loadKoers(ctx, args.koersId, args.caseId);
  if (koers.status === args.status) return;
  if (!canTransitionKoers(koers.status, args.status)) {
    throw new MutationRefused(`Een koers kan niet van '${koers.status}' naar '${args.status}'.`, args.caseId);
  }
  if (args.status === 'vastgesteld' && !args.agreement?.gezin) {
    throw new MutationRefused(
      'Een koers is pas vastgesteld als het gezin ermee instemt; leg vast wie akkoord is.',
      args.caseId,
    );
  }
  const rowVersion = await nextVersion(ctx.db, organisationId);
  await ctx.db
    .update(koersen)
    .set({
      status: args.status,
      ...(args.agreement ? { agreement: args.agreement } : {}),
      ...(args.status === 'vastgesteld' ? { agreedOn: args.agreedOn ?? dutchToday(ctx.now) } : {}),
      updatedAt: ctx.now,
      rowVersion,
    })
    .where(eq(koersen.id, koers.id));
}

export async function resolveKoersConflict(ctx: MutationContext, args: MutationArgs<'resolveKoersConflict'>) {
  const { organisationId } = await caseOwner(ctx, args.caseId);
  const [conflict] = await ctx.db
    .select()
    .from(koersConflicts)
    .where(and(eq(koersConflicts.id, args.conflictId), eq(koersConflicts.caseId, args.caseId)));
  if (!conflict) throw new MutationRefused('Dit conflict bestaat niet (meer).', args.caseId);
  if (conflict.authorId !== ctx.user.id)
    throw new MutationRefused('Alleen wie de wijziging maakte, lost dit conflict op.', args.caseId);
  if (conflict.resolvedAt) return;
  if (args.keep === 'mine') {
    const koers = await loadKoers(ctx, conflict.koersId, args.caseId);
    if (!isKoersEditable(koers.status)) {
      throw new MutationRefused(
        'De koers is inmiddels vastgesteld; neem uw tekst mee in een herziening.',
        args.caseId,
      );
    }
    // Choosing "mine" is a fresh, deliberate edit on top of what the author has now seen.
    await editKoers(ctx, {
      koersId: koers.id,
      caseId: args.caseId,
      values: { [conflict.field]: conflict.mine },
      baseVersions: {
        [conflict.field]: (koers.fieldVersions as Record<string, number>)[conflict.field] ?? 0,
      },
    } as MutationArgs<'editKoers'>);
  }
  const rowVersion = await nextVersion(ctx.db, organisationId);
  await ctx.db
    .update(koersConflicts)
    .set({ resolvedAt: ctx.now, resolution: args.keep, rowVersion })
    .where(eq(koersConflicts.id, conflict.id));
}
