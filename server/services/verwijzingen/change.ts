/**
 * One change to a request at the desk, a step or an event, in one
 * transaction with the request locked. Guarantee: a refused change (the
 * shared rules say no, an unknown aanbieder) changes nothing; an accepted one
 * is kept in the history with who, when and the answer, gives the request a
 * new sync version so the worker's phone follows, and is logged. A request
 * the user may not handle is refused like an unknown one.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { IsoDate } from '../../../shared/rules/dates';
import { needsWorkerNotice } from '../../../shared/rules/reminders';
import type { EscalationLevel } from '../../../shared/rules/verwijzing';
import type { VerwijzingStatus } from '../../../shared/schemas/verwijzing';
import { logAccess } from '../../audit/access-log';
import type { Db } from '../../db/connection';
import { aanbieders, cases, verwijzingen, verwijzingStappen } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { nextVersion } from '../../sync/versions';
import type { AuthedContext } from '../../trpc';
import { caseScope } from '../access';
import { refuse } from './common';

/** The request locked for a change, if the user may handle it. */
async function lockRequest(tx: Db, ctx: AuthedContext, verwijzingId: string) {
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
    .where(and(eq(verwijzingen.id, verwijzingId), caseScope(ctx)))
    .for('update', { of: verwijzingen });
  return row;
}

async function assertAanbiederExists(tx: Db, aanbiederId: string | null | undefined) {
  if (!aanbiederId) return;
  const [aanbieder] = await tx
    .select({ id: aanbieders.id })
    .from(aanbieders)
    .where(eq(aanbieders.id, aanbiederId));
  if (!aanbieder) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze aanbieder is onbekend.' });
}

type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockRequest>>>;

/** What a step or event does to the request, as decided from the locked row. */
export interface RequestChange {
  /** The step or event, as the history names it. */
  step: (typeof verwijzingStappen.$inferInsert)['step'];
  status: VerwijzingStatus;
  escalation: EscalationLevel;
  /** The request's fields it sets (besides its version and time). */
  set: Partial<typeof verwijzingen.$inferInsert>;
  /** The text kept in the history. */
  answer: string;
  aanbiederId: string | null;
  on: IsoDate | null;
}

/**
 * Locks the request, lets `decide` check the change against the shared rules
 * (it throws BAD_REQUEST to refuse) and describe it, then writes it.
 */
export async function changeRequest(
  ctx: AuthedContext,
  verwijzingId: string,
  procedure: string,
  decide: (row: LockedRequest) => RequestChange,
): Promise<{ status: VerwijzingStatus; escalation: EscalationLevel }> {
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const row = await lockRequest(tx, ctx, verwijzingId);
    if (!row) return null;
    const change = decide(row);
    await assertAanbiederExists(tx, change.aanbiederId);
    const rowVersion = await nextVersion(tx, row.organisationId);
    await tx
      .update(verwijzingen)
      .set({ ...change.set, updatedAt: ctx.now, rowVersion })
      .where(eq(verwijzingen.id, row.id));
    const stepId = randomUUID();
    await tx.insert(verwijzingStappen).values({
      id: stepId,
      organisationId: row.organisationId,
      verwijzingId: row.id,
      caseId: row.caseId,
      step: change.step,
      fromStatus: row.status,
      toStatus: change.status,
      answer: change.answer,
      aanbiederId: change.aanbiederId,
      on: change.on,
      byUserId: ctx.user.id,
      byRole: ctx.user.role,
      at: ctx.now,
      rowVersion,
    });
    await logAccess(tx, ctx, [{ caseId: row.caseId, action: 'update', procedure, allowed: true }]);
    return {
      status: change.status,
      escalation: change.escalation,
      step: change.step,
      stepId,
      organisationId: row.organisationId,
    };
  });
  // The refusal is logged outside the transaction: a rollback would take the log row with it.
  if (!outcome) return refuse(ctx, ctx.db, 'update', procedure);
  // The desk answered something the worker must act on: a push notice (no name, no case) once the
  // request has committed, off the request path (services/reminders).
  const reminders = ctx.reminders;
  if (reminders && ctx.user.role !== 'jeugdbeschermer' && needsWorkerNotice(outcome.step)) {
    ctx.afterResponse?.(() => reminders.referralAnswered(outcome.organisationId, outcome.stepId, ctx.now));
  }
  return { status: outcome.status, escalation: outcome.escalation };
}
