/** The sync engine's connection to the server (tRPC), and how its failures are read. */
import { TRPCClientError } from '@trpc/client';
import { errorCode, trpcClient } from '../app/trpc';
import type { DeviceGuardApi } from './device-guard';
import type { SyncTransport } from './engine';

export const trpcTransport: SyncTransport = {
  push: (input) => trpcClient.sync.push.mutate(input),
  pull: (input) => trpcClient.sync.pull.mutate(input),
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

/** No answer at all is "offline"; an expired session needs a login; anything else is an error. */
export function classifySyncError(error: unknown): 'offline' | 'needs-login' | 'error' {
  const code = errorCode(error);
  if (code === 'UNAUTHORIZED') return 'needs-login';
  if (code) return 'error';
  if (error instanceof TypeError) return 'offline';
  if (error instanceof TRPCClientError) {
    // No tRPC error shape: the request never got a server answer (fetch failed, proxy page).
    return error.data ? 'error' : 'offline';
  }
  return 'error';
}
