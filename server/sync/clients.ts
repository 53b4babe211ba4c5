/**
 * The sync client: one installation of the app, known by the id it makes
 * itself. Guarantee: a client id belongs to the first user it syncs for; a
 * new id is registered to the signed-in user, and an id of another user is
 * refused (push and pull alike), also when two requests register it at once.
 */
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { syncClients } from '../db/schema';
import type { AuthedContext } from '../trpc';

const NOT_YOURS = 'Dit apparaat hoort niet bij deze gebruiker';

async function ownerOf(ctx: AuthedContext, clientId: string): Promise<string | null> {
  const [client] = await ctx.db
    .select({ userId: syncClients.userId })
    .from(syncClients)
    .where(eq(syncClients.id, clientId));
  return client?.userId ?? null;
}

/**
 * Registers the client to the signed-in user if it is new, and refuses it if
 * it is another user's. `knownOwner`: the owner as the caller already read it
 * (null: no such client yet), which saves the read (the pull's opening
 * statement has it).
 */
export async function registerClient(
  ctx: AuthedContext,
  clientId: string,
  knownOwner?: string | null,
): Promise<void> {
  let owner = knownOwner === undefined ? await ownerOf(ctx, clientId) : knownOwner;
  if (owner === null) {
    const inserted = await ctx.db
      .insert(syncClients)
      .values({ id: clientId, userId: ctx.user.id, createdAt: ctx.now, lastSeenAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: syncClients.id });
    if (inserted.length > 0) return;
    // Another request registered it in the meantime: whose is it?
    owner = await ownerOf(ctx, clientId);
  }
  if (owner !== ctx.user.id) throw new TRPCError({ code: 'FORBIDDEN', message: NOT_YOURS });
}
