/**
 * What every server mutator runs with, and the lookup each needs first. A
 * mutation runs for a user and, when it came through sync.push, for one of
 * their devices; its rows belong to the case's organisation, which stamps
 * their sync version (versions.ts). An unknown case is a refusal the worker
 * sees, never an error that would hold up the phone's outbox.
 */
import { eq } from 'drizzle-orm';
import { cases, jeugdigen } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { MutationRefused } from './mutator-errors';

/** A mutation runs for a user and, when it came through sync.push, for one of their devices. */
export type MutationContext = AuthedContext & { clientId?: string };

/** The case's organisation and the child's woonplaats (the gemeente a request for help defaults to). */
export async function caseOwner(
  ctx: AuthedContext,
  caseId: string,
): Promise<{ organisationId: string; woonplaats: string }> {
  const [owner] = await ctx.db
    .select({ organisationId: cases.organisationId, woonplaats: jeugdigen.gemeenteId })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .where(eq(cases.id, caseId));
  if (!owner) throw new MutationRefused('Dossier onbekend.', caseId);
  return owner;
}
