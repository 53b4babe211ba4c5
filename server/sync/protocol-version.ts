/**
 * The version handshake of sync: a phone tells which sync protocol it speaks
 * (absent: version 1, phones from before the handshake). This server speaks
 * SYNC_PROTOCOL_VERSION and still serves OLDEST_SYNC_PROTOCOL_VERSION; the
 * check runs before anything is read or written, so a refused push applies
 * nothing and the phone keeps its outbox.
 */
import { TRPCError } from '@trpc/server';
import { OLDEST_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION } from '../../shared/schemas/sync';

/** The phone is older than anything this server still serves: it must update (PRECONDITION_FAILED). */
export const UPDATE_REQUIRED_MESSAGE = 'Nieuwe versie nodig: werk de app bij';
/** The phone is newer than this server (a server not yet updated): try again later (NOT_IMPLEMENTED). */
export const SERVER_BEHIND_MESSAGE = 'De server is nog niet bijgewerkt voor deze versie van de app';

export function checkSyncProtocol(
  version: number | undefined,
  supported = { oldest: OLDEST_SYNC_PROTOCOL_VERSION, current: SYNC_PROTOCOL_VERSION },
): number {
  const spoken = version ?? 1;
  if (spoken < supported.oldest)
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: UPDATE_REQUIRED_MESSAGE });
  if (spoken > supported.current)
    throw new TRPCError({ code: 'NOT_IMPLEMENTED', message: SERVER_BEHIND_MESSAGE });
  return spoken;
}
