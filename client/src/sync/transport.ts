/** The sync engine's connection to the server (tRPC), and how its failures are read. */
import { TRPCClientError } from '@trpc/client';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/schemas/sync';
import { errorCode, sessionLockOf, trpcClient } from '../app/trpc';
import { device, type SessionLockApi } from '../local/device';
import type { DeviceGuardApi } from './device-guard';
import type { SyncTransport } from './engine';

/** Sends the sync protocol version with a push or pull: the server refuses a version it does not serve. */
const withProtocolVersion = <I extends object>(input: I) => ({
  ...input,
  protocolVersion: SYNC_PROTOCOL_VERSION,
});

/** The server session's lock, for the device: refusals come back as reasons, a missing server as a throw. */
export const trpcSessionLockApi: SessionLockApi = {
  challenge: (input) =>
    trpcClient.session.unlockChallenge.mutate(input).catch((error: unknown) => {
      const refused =
        sessionLockOf(error) ?? (errorCode(error) === 'UNAUTHORIZED' ? 'no-session' : undefined);
      if (refused) return { refused };
      throw error;
    }),
  unlock: (input) => trpcClient.session.unlock.mutate(input),
  setUnlockKey: (input) => trpcClient.session.setUnlockKey.mutate(input),
  lock: () => trpcClient.session.lock.mutate(),
};

/** The device's own calls: registration and share (with the session), status and wipe (with its secret). */
export const trpcDeviceApi: DeviceGuardApi = {
  register: (input) => trpcClient.devices.register.mutate(input),
  share: (input) => whileUnlocked(() => trpcClient.devices.share.mutate(input)),
  status: (input) => trpcClient.devices.status.mutate(input),
  surrender: (input) => trpcClient.devices.surrender.mutate(input),
  confirmWiped: (input) => trpcClient.devices.confirmWiped.mutate(input),
  logout: () => trpcClient.auth.logout.mutate({}),
  session: trpcSessionLockApi,
};

/**
 * A call made while the store is open. When the server locked the session
 * meanwhile (idle on its side, or the store was opened offline), the device
 * proves the PIN again with the key it kept since the unlock, and the call
 * is made once more.
 */
async function whileUnlocked<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    if (sessionLockOf(error) !== 'session-locked' || !(await reprove())) throw error;
    return call();
  }
}

/** Calls made side by side (the sync's pull and the sociale kaart) that meet a locked session prove the PIN once. */
let reproving: Promise<boolean> | null = null;
function reprove(): Promise<boolean> {
  reproving ??= device.reprove(trpcDeviceApi).finally(() => {
    reproving = null;
  });
  return reproving;
}

export const trpcTransport: SyncTransport = {
  push: (input) => whileUnlocked(() => trpcClient.sync.push.mutate(withProtocolVersion(input))),
  pull: (input) => whileUnlocked(() => trpcClient.sync.pull.mutate(withProtocolVersion(input))),
  uploadReads: (input) => whileUnlocked(() => trpcClient.sync.reads.mutate(input)),
  kaart: (etag) => whileUnlocked(() => trpcClient.kaart.forDevice.query({ etag })),
};

export type SyncFailure = 'offline' | 'needs-login' | 'error' | 'update-required' | 'server-behind';

/**
 * No answer at all is "offline"; an expired session needs a login; a server that no longer serves this
 * app's sync protocol asks for an update, one that does not yet serve it is behind (both applied
 * nothing: the outbox stays); anything else is an error.
 */
export function classifySyncError(error: unknown): SyncFailure {
  const code = errorCode(error);
  // A session the phone could not unlock again (locked out, or no unlock key yet): a new sign-in.
  if (code === 'UNAUTHORIZED' || sessionLockOf(error)) return 'needs-login';
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
