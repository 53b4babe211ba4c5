/**
 * sync.push: applies each mutation exactly once, in client order.
 * Per mutation, one database transaction with the client's row locked:
 *  - id ≤ last applied: a resend (the answer was lost); skip it, repeat its outcome;
 *  - id > last + 1: a gap; stop and tell the client where to resume;
 *  - otherwise apply it (in a savepoint). A business refusal rolls the
 *    savepoint back and is recorded as the outcome, with its reason and
 *    content; either way the counter advances, so a refusal never blocks the
 *    queue and is never silently dropped.
 * Device times in the arguments (when a contact took place…) are kept as
 * given; an implausible one (shared/rules/device-time.ts) is flagged in the
 * outcome and in the access log, never refused: the order is the server's.
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { deviceTimeNote } from '../../shared/rules/device-time';
import {
  caseIdOfArgs,
  type MutationOutcome,
  type PushInput,
  type PushResult,
} from '../../shared/schemas/mutations';
import { logAccess } from '../audit/access-log';
import { mutationResults, syncClients } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { AuthedContext } from '../trpc';
import { registerClient } from './clients';
import { faultPoint } from './fault-injection';
import { applyMutation, MutationRefused } from './mutators';

export async function push(ctx: AuthedContext, input: PushInput): Promise<PushResult> {
  await registerClient(ctx, input.clientId);
  const outcomes: MutationOutcome[] = [];
  let lastMutationId = 0;
  for (const mutation of input.mutations) {
    const step = await inTransaction(ctx.db, async (tx) => {
      const [client] = await tx
        .select({ last: syncClients.lastMutationId })
        .from(syncClients)
        .where(and(eq(syncClients.id, input.clientId), eq(syncClients.userId, ctx.user.id)))
        .for('update');
      if (!client)
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit apparaat hoort niet bij deze gebruiker' });
      if (mutation.id <= client.last) {
        // A resend: the answer was lost. Tell the outcome again, from the record.
        const [recorded] = await tx
          .select({ status: mutationResults.status, reason: mutationResults.reason })
          .from(mutationResults)
          .where(
            and(eq(mutationResults.clientId, input.clientId), eq(mutationResults.mutationId, mutation.id)),
          );
        const outcome: MutationOutcome | null = !recorded
          ? null
          : recorded.status === 'geweigerd'
            ? { id: mutation.id, status: 'geweigerd', reason: recorded.reason ?? '' }
            : recorded.reason
              ? { id: mutation.id, status: 'toegepast', deviceTimeSuspect: recorded.reason }
              : { id: mutation.id, status: 'toegepast' };
        return { kind: 'skip' as const, last: client.last, outcome };
      }
      if (mutation.id > client.last + 1) return { kind: 'gap' as const, last: client.last };

      let outcome: MutationOutcome;
      try {
        await inTransaction(tx, (savepoint) =>
          applyMutation({ ...ctx, db: savepoint, clientId: input.clientId }, mutation.name, mutation.args),
        );
        const note = deviceTimeNote(mutation.args, ctx.now);
        outcome = note
          ? { id: mutation.id, status: 'toegepast', deviceTimeSuspect: note }
          : { id: mutation.id, status: 'toegepast' };
        if (note) {
          await logAccess(tx, ctx, [
            {
              caseId: caseIdOfArgs(mutation.args),
              action: 'create',
              procedure: `sync.${mutation.name}`,
              allowed: true,
              reason: note,
            },
          ]);
        }
      } catch (err) {
        if (!(err instanceof MutationRefused)) throw err;
        outcome = { id: mutation.id, status: 'geweigerd', reason: err.message };
        await logAccess(tx, ctx, [
          {
            caseId: err.caseId ?? caseIdOfArgs(mutation.args),
            action: 'create',
            procedure: `sync.${mutation.name}`,
            allowed: false,
            reason: err.message,
          },
        ]);
      }
      await tx
        .update(syncClients)
        .set({ lastMutationId: mutation.id, lastSeenAt: ctx.now })
        .where(eq(syncClients.id, input.clientId));
      await tx.insert(mutationResults).values({
        clientId: input.clientId,
        mutationId: mutation.id,
        name: mutation.name,
        status: outcome.status,
        // For an applied mutation: the device-time note, if any (repeated to a resend).
        reason: outcome.status === 'geweigerd' ? outcome.reason : (outcome.deviceTimeSuspect ?? null),
        args: mutation.args ?? null,
        at: ctx.now,
      });
      // Test-only (inert in production): a server killed here has applied nothing.
      await faultPoint('push-before-commit');
      return { kind: 'applied' as const, last: mutation.id, outcome };
    });
    lastMutationId = step.last;
    if (step.kind === 'gap') return { status: 'gap', lastMutationId, expected: step.last + 1 };
    if (step.outcome) outcomes.push(step.outcome);
  }
  return { status: 'ok', lastMutationId, outcomes };
}
