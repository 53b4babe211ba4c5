/**
 * The device a session works from. The phone registers itself after the
 * first online login, gets the server's share of its key only for its own
 * unrevoked device, and syncs only as that device's client. Guarantee: a
 * session is bound to one device, the first it registers or syncs as, and
 * cannot register or sync as another (nor make itself a second device).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import { defaultDeviceName } from '../../../shared/rules/device-name';
import type { DeviceShare, RegisterDeviceInput, RegisteredDevice } from '../../../shared/schemas/device';
import type { Db } from '../../db/connection';
import { devices, sessions, syncClients } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { AuthedContext } from '../../trpc';
import { liftBlockAfterSignIn } from '../session-lock';
import { forbidden, OTHER_DEVICE, random32, refuse, secretHash, shareValidUntil } from './common';

/**
 * The phone registers itself after the first online login; the session is
 * bound to it. A session already bound to another device is refused: one
 * session cannot make itself a second, unrevoked device.
 */
export async function register(ctx: AuthedContext, input: RegisterDeviceInput): Promise<RegisteredDevice> {
  const [client] = await ctx.db
    .select({ userId: syncClients.userId })
    .from(syncClients)
    .where(eq(syncClients.id, input.clientId));
  if (client && client.userId !== ctx.user.id) throw forbidden('Dit toestel hoort bij een andere gebruiker');
  const deviceSecret = random32();
  const [existing] = await ctx.db
    .select({
      id: devices.id,
      userId: devices.userId,
      revokedAt: devices.revokedAt,
      serverShare: devices.serverShare,
      unlockBlockedAt: devices.unlockBlockedAt,
    })
    .from(devices)
    .where(eq(devices.clientId, input.clientId));
  if (existing && existing.userId !== ctx.user.id)
    throw forbidden('Dit toestel hoort bij een andere gebruiker');
  if (existing?.revokedAt) throw forbidden('Dit toestel is ingetrokken');
  if (ctx.user.deviceId && ctx.user.deviceId !== existing?.id) {
    return refuse(ctx, 'devices.register', 'sessie hoort bij een ander toestel', OTHER_DEVICE);
  }
  // Blocked after too many wrong PINs: only a sign-in after that registers it again.
  if (existing) await liftBlockAfterSignIn(ctx, existing);
  return inTransaction(ctx.db, async (tx) => {
    let deviceId: string;
    let serverShare: string;
    if (existing) {
      // A repeated registration (the first answer was lost): same device and share, a new secret,
      // since only the hash of the old one is known.
      deviceId = existing.id;
      serverShare = existing.serverShare;
      await tx
        .update(devices)
        .set({
          secretHash: secretHash(deviceSecret),
          lastSeenAt: ctx.now,
          ...(input.name ? { name: input.name } : {}),
        })
        .where(eq(devices.id, deviceId));
    } else {
      deviceId = randomUUID();
      serverShare = random32();
      await tx.insert(devices).values({
        id: deviceId,
        userId: ctx.user.id,
        organisationId: ctx.user.organisationId,
        clientId: input.clientId,
        label: input.label,
        name: input.name ?? defaultDeviceName(ctx.user.displayName),
        serverShare,
        secretHash: secretHash(deviceSecret),
        registeredAt: ctx.now,
        lastSeenAt: ctx.now,
      });
    }
    // Two registrations racing on one session: only the first binds it; the other is undone.
    if (!(await bindSession(tx, ctx, deviceId))) throw forbidden(OTHER_DEVICE);
    return { deviceId, deviceSecret, serverShare, shareValidUntil: shareValidUntil(ctx) };
  });
}

/**
 * Binds the session to the device, unless it is bound to another one already
 * (checked in the update itself, so two requests cannot both bind it). True
 * when the session is (now) bound to this device, or there is no session
 * (tests and jobs call procedures without one).
 */
async function bindSession(db: Db, ctx: AuthedContext, deviceId: string): Promise<boolean> {
  if (!ctx.user.sessionId) return true;
  const bound = await db
    .update(sessions)
    .set({ deviceId })
    .where(
      and(
        eq(sessions.id, ctx.user.sessionId),
        or(isNull(sessions.deviceId), eq(sessions.deviceId, deviceId)),
      ),
    )
    .returning({ id: sessions.id });
  return bound.length > 0;
}

/** The share, for the device's own user, with a fresh validity window: asked at every sync. */
export async function share(ctx: AuthedContext, deviceId: string): Promise<DeviceShare> {
  const [row] = await ctx.db
    .select({
      userId: devices.userId,
      revokedAt: devices.revokedAt,
      serverShare: devices.serverShare,
      unlockBlockedAt: devices.unlockBlockedAt,
    })
    .from(devices)
    .where(eq(devices.id, deviceId));
  if (!row || row.userId !== ctx.user.id) throw forbidden();
  if (row.revokedAt) throw forbidden('Dit toestel is ingetrokken');
  if (ctx.user.deviceId !== deviceId && !(await bindSession(ctx.db, ctx, deviceId))) {
    return refuse(ctx, 'devices.share', 'sessie hoort bij een ander toestel', OTHER_DEVICE);
  }
  // Blocked after too many wrong PINs: only a sign-in after that gets the share again.
  await liftBlockAfterSignIn(ctx, { id: deviceId, unlockBlockedAt: row.unlockBlockedAt });
  await ctx.db.update(devices).set({ lastSeenAt: ctx.now }).where(eq(devices.id, deviceId));
  return { serverShare: row.serverShare, shareValidUntil: shareValidUntil(ctx) };
}

/**
 * For sync (push, pull, offline reads): the session's device, not only the
 * client id it sends. A session bound to a device syncs as that device's
 * client only; a client id of a revoked device, or of another user's, is
 * refused; an unbound session is bound to the registered device it syncs as.
 * A client id no device registered (a phone from before registration; tests)
 * syncs as before, on a session not bound to a device.
 */
export async function assertSyncDevice(
  ctx: AuthedContext,
  clientId: string,
  procedure: string,
): Promise<void> {
  // The session's own device (found with the session, not revoked): nothing to look up.
  if (ctx.user.deviceId && ctx.user.deviceClientId === clientId) return;
  const [device] = await ctx.db
    .select({ id: devices.id, userId: devices.userId, revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.clientId, clientId));
  if (ctx.user.deviceId && device?.id !== ctx.user.deviceId) {
    return refuse(ctx, procedure, 'sessie hoort bij een ander toestel', OTHER_DEVICE);
  }
  if (!device) return;
  if (device.userId !== ctx.user.id) {
    return refuse(ctx, procedure, 'toestel van een ander', 'Dit toestel hoort bij een andere gebruiker');
  }
  if (device.revokedAt) return refuse(ctx, procedure, 'toestel ingetrokken', 'Dit toestel is ingetrokken');
  if (!ctx.user.deviceId && !(await bindSession(ctx.db, ctx, device.id))) {
    return refuse(ctx, procedure, 'sessie hoort bij een ander toestel', OTHER_DEVICE);
  }
}
