/** The sync engine's connection to the server (tRPC), and how its failures are read. */
import { TRPCClientError } from '@trpc/client';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/schemas/sync';
import { errorCode, trpcClient } from '../app/trpc';
import type { DeviceGuardApi } from './device-guard';
import type { SyncTransport } from './engine';

/** A server from before the version handshake refused the field: it speaks version 1 (same rows and mutations). */
let legacyServer = false;

/** A strict input schema that does not know `protocolVersion` (BAD_REQUEST "Unrecognized key"): applied nothing. */
export function refusedVersionField(error: unknown): boolean {
  return (
    errorCode(error) === 'BAD_REQUEST' && error instanceof Error && error.message.includes('protocolVersion')
  );
}

/**
 * Sends the sync protocol version with a push or pull. A server from before the handshake refuses the
 * unknown field and applies nothing; the same call without it is then safe, and stays so for this session.
 */
export async function withProtocolVersion<I extends object, R>(
  call: (input: I & { protocolVersion?: number }) => Promise<R>,
  input: I,
): Promise<R> {
  if (legacyServer) return call(input);
  try {
    return await call({ ...input, protocolVersion: SYNC_PROTOCOL_VERSION });
  } catch (error) {
    if (!refusedVersionField(error)) throw error;
    legacyServer = true;
    return call(input);
  }
}

export const trpcTransport: SyncTransport = {
  push: (input) => withProtocolVersion((i) => trpcClient.sync.push.mutate(i), input),
  pull: (input) => withProtocolVersion((i) => trpcClient.sync.pull.mutate(i), input),
  uploadReads: (input) => trpcClient.sync.reads.mutate(input),
  kaart: (etag) => trpcClient.kaart.forDevice.query({ etag }),
};

/** The device's own calls: registration and share (with the session), status and wipe (with its secret). */
export const trpcDeviceApi: DeviceGuardApi = {
  register: (input) => trpcClient.devices.register.mutate(input),
  share: (input) => trpcClient.devices.share.mutate(input),
  status: (input) => trpcClient.devices.status.mutate(input),
  surrender: (input) => trpcClient.devices.surrender.mutate(input),
  confirmWiped: (input) => trpcClient.devices.confirmWiped.mutate(input),
  logout: () => trpcClient.auth.logout.mutate({}),
};

export type SyncFailure = 'offline' | 'needs-login' | 'error' | 'update-required' | 'server-behind';

/**
 * No answer at all is "offline"; an expired session needs a login; a server that no longer serves this
 * app's sync protocol asks for an update, one that does not yet serve it is behind (both applied
 * nothing: the outbox stays); anything else is an error.
 */
export function classifySyncError(error: unknown): SyncFailure {
  const code = errorCode(error);
  if (code === 'UNAUTHORIZED') return 'needs-login';
  if (code === 'PRECONDITION_FAILED') return 'update-required';
  if (code === 'NOT_IMPLEMENTED') return 'server-behind';
  if (code) return 'error';
  if (error instanceof TypeError) return 'offline';
  if (error instanceof TRPCClientError) {
    // No tRPC error shape: the request never got a server answer (fetch failed, proxy page).
    return error.data ? 'error' : 'offline';
  }
  return 'error';
}
