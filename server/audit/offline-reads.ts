/**
 * Reads of a child's file made on a phone (from the local store, often
 * offline) reach the access log at the next sync, with the time on the
 * device. Each read has its own id, so a repeated upload counts once. Only
 * reads from this user's own registered device of cases of their own
 * organisation are accepted; anything else is refused as a whole.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import type { OfflineReadsInput } from '../../shared/schemas/sync';
import { cases, syncClients } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { appendAccessLog, logAccess } from './access-log';

/** A device clock may be off, but not by more than this into the future. */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

export async function recordOfflineReads(
  ctx: AuthedContext,
  input: OfflineReadsInput,
): Promise<{ recorded: number }> {
  const [client] = await ctx.db
    .select({ userId: syncClients.userId })
    .from(syncClients)
    .where(eq(syncClients.id, input.clientId));
  if (client?.userId !== ctx.user.id) {
    await logAccess(ctx.db, ctx, [
      {
        caseId: null,
        action: 'create',
        procedure: 'sync.reads',
        allowed: false,
        reason: 'toestel van een ander',
      },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit apparaat hoort niet bij deze gebruiker' });
  }
  const caseIds = [...new Set(input.reads.map((r) => r.caseId))];
  const known = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.id, caseIds), eq(cases.organisationId, ctx.user.organisationId)));
  const knownIds = new Set(known.map((c) => c.id));
  const foreign = caseIds.filter((id) => !knownIds.has(id));
  if (foreign.length) {
    await logAccess(
      ctx.db,
      ctx,
      foreign.map((caseId) => ({
        caseId,
        action: 'read' as const,
        procedure: 'sync.reads',
        allowed: false,
        reason: 'leeslog van een dossier buiten de organisatie geweigerd',
      })),
    );
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Onbekende dossiers in het leeslog: ${foreign.length}`,
    });
  }
  const latest = ctx.now.getTime() + MAX_CLOCK_AHEAD_MS;
  const inserted = await appendAccessLog(
    ctx.db,
    ctx,
    input.reads.map((r) => {
      const at = new Date(r.at);
      const plausible = at.getTime() <= latest;
      return {
        at: plausible ? at : ctx.now,
        receivedAt: ctx.now,
        organisationId: ctx.user.organisationId,
        userId: ctx.user.id,
        role: ctx.user.role,
        caseId: r.caseId,
        action: 'read',
        procedure: 'toestel.dossier',
        result: 'toegestaan' as const,
        sessionId: ctx.user.sessionId,
        deviceId: ctx.user.deviceId ?? null,
        device: `client ${input.clientId}`,
        reason: plausible
          ? 'gelezen op het toestel'
          : `gelezen op het toestel; toesteltijd ${r.at} onwaarschijnlijk`,
        clientEventId: r.id,
      };
    }),
  );
  return { recorded: inserted.length };
}
