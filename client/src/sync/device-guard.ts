/**
 * After every sync (and at app start when online) the phone asks the server,
 * with its own device secret, whether it may still hold its data:
 *  - actief: the server share is fetched again, so the PIN keeps working
 *    offline for another window;
 *  - ingetrokken: revocation ended the session, so the pending work is
 *    handed in with the device's secret (applied as its user, who is still
 *    active), then the device wipes itself;
 *  - gebruiker-uitgeschakeld: the session is gone too; the pending work is
 *    surrendered (kept unapplied for the team lead), then the device wipes.
 * Unsynced work is never wiped without being pushed or surrendered first: if
 * it did not get through, the device waits for the next chance.
 */
import type { DeviceAuthInput, DeviceStatus, SurrenderInput } from '../../../shared/schemas/device';
import type { Device, DeviceApi } from '../local/device';
import type { OutboxEntry } from './outbox';

export interface DeviceGuardApi extends DeviceApi {
  status(input: DeviceAuthInput): Promise<{ status: DeviceStatus }>;
  surrender(input: SurrenderInput): Promise<unknown>;
  confirmWiped(input: DeviceAuthInput): Promise<unknown>;
  /** Ends the session (the browser also clears the site's data). */
  logout(): Promise<unknown>;
}

/** Surrendered in parts, within the server's limits. */
const SURRENDER_BATCH = 50;

async function deviceAuth(device: Device): Promise<DeviceAuthInput | null> {
  const [deviceId, deviceSecret] = await Promise.all([
    device.db.getMeta('deviceId'),
    device.db.getMeta('deviceSecret'),
  ]);
  return deviceId && deviceSecret ? { deviceId, deviceSecret } : null;
}

/**
 * Deletes every IndexedDB database of this origin (the local store with its
 * keyring, share and device secret), all Cache Storage caches, the service
 * worker and web storage; then the server hears it.
 */
async function wipe(
  device: Device,
  api: DeviceGuardApi,
  auth: DeviceAuthInput,
  status: Exclude<DeviceStatus, 'actief'>,
) {
  device.closeRevoked(status);
  const names = new Set([device.db.name]);
  for (const d of (await indexedDB.databases?.()) ?? []) if (d.name) names.add(d.name);
  await Promise.all(
    [...names].map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = () => resolve();
        }),
    ),
  );
  if ('caches' in globalThis) await Promise.all((await caches.keys()).map((k) => caches.delete(k)));
  const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
  await Promise.all(registrations.map((r) => r.unregister()));
  localStorage.clear();
  sessionStorage.clear();
  await api.confirmWiped(auth).catch(() => undefined);
  await api.logout().catch(() => undefined);
}

/**
 * Runs after a sync of the unlocked store; `readPending` reads the pending outbox entries (passed
 * in, so this module, loaded when first needed, shares no code with the field path's chunks).
 * True when the device wiped itself.
 */
export async function guardDevice(
  device: Device,
  readPending: () => Promise<OutboxEntry[]>,
  api: DeviceGuardApi,
): Promise<boolean> {
  const auth = await deviceAuth(device);
  if (!auth) return false;
  const { status } = await api.status(auth);
  if (status === 'actief') {
    await device.refreshShare(api, auth.deviceId).catch(() => undefined);
    return false;
  }
  // Refused entries are on the server already (with their content): only pending ones count.
  const pending = await readPending();
  if (pending.length > 0) {
    // A failed surrender throws: nothing is wiped, the next sync tries again.
    for (let i = 0; i < pending.length; i += SURRENDER_BATCH) {
      await api.surrender({
        ...auth,
        mutations: pending.slice(i, i + SURRENDER_BATCH).map((e) => ({
          id: e.mutationId,
          name: e.name,
          createdAt: e.createdAt,
          args: e.args,
        })),
      });
    }
  }
  await wipe(device, api, auth, status);
  return true;
}

/**
 * At app start, before the PIN: a revoked device with nothing pending wipes
 * itself at once, whoever holds it. With pending work it waits for the PIN
 * (the outbox is encrypted), and the sync after unlocking hands it over.
 */
export async function guardLockedDevice(device: Device, api: DeviceGuardApi): Promise<void> {
  if (device.getState().kind !== 'locked') return;
  const auth = await deviceAuth(device);
  if (!auth) return;
  const { status } = await api.status(auth);
  if (status === 'actief') return;
  if ((await device.db.outbox.where('status').equals('pending').count()) > 0) {
    // The device's session is gone: the PIN (with the cached share) opens the store to hand it in.
    device.needSurrender();
    return;
  }
  await wipe(device, api, auth, status);
}

// Loaded after every sync anyway: the attachments' step after a sync comes with it, so that the
// field path gains no chunk of its own for it (sync/runner.ts, app/field-app.tsx).
export const syncAttachments: typeof import('./attachment-sync').syncAttachments = (...args) =>
  import('../features/attachments/case-attachments').then((m) => m.syncAttachments(...args));
