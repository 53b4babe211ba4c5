/**
 * The phone's side of reminders: it hands in (or withdraws) the Web Push
 * subscription of its own device, and reads and sets the daily digest.
 * Guarantee: a subscription belongs to the session's own, unrevoked device
 * (a session is bound to one device; services/devices); the device row is
 * locked while the subscription is written, so a revocation running at the
 * same moment either sees the new row and deletes it with the device, or
 * makes this call refuse. Revocation and disabling delete subscriptions with
 * deleteSubscriptionsOf, in their own transaction.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { DEFAULT_DIGEST_TIME } from '../../../shared/rules/reminders';
import type {
  PushSubscriptionInput,
  ReminderSettings,
  ReminderSettingsInput,
} from '../../../shared/schemas/reminders';
import type { Db } from '../../db/connection';
import { devices, pushSubscriptions, reminderSettings } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { AuthedContext } from '../../trpc';
import { refuse } from '../devices/common';

export const NO_DEVICE = 'Herinneringen horen bij een geregistreerd toestel: log op dit toestel opnieuw in.';
export const HTTPS_ONLY = 'Het push-adres moet https gebruiken.';

/** Deletes the subscriptions of these devices, or of every device of this user. */
export async function deleteSubscriptionsOf(
  db: Db,
  of: { deviceIds: string[] } | { userId: string },
): Promise<number> {
  if ('deviceIds' in of && of.deviceIds.length === 0) return 0;
  const gone = await db
    .delete(pushSubscriptions)
    .where(
      'deviceIds' in of
        ? inArray(pushSubscriptions.deviceId, of.deviceIds)
        : eq(pushSubscriptions.userId, of.userId),
    )
    .returning({ deviceId: pushSubscriptions.deviceId });
  return gone.length;
}

async function ensureSettingsRow(db: Db, ctx: AuthedContext) {
  await db
    .insert(reminderSettings)
    .values({ userId: ctx.user.id, organisationId: ctx.user.organisationId })
    .onConflictDoNothing({ target: reminderSettings.userId });
}

export async function subscribe(ctx: AuthedContext, input: PushSubscriptionInput): Promise<{ ok: true }> {
  const deviceId = ctx.user.deviceId;
  // Allowed for the role, but only once the phone registered itself (a session is bound to one device).
  if (!deviceId) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: NO_DEVICE });
  const protocol = new URL(input.endpoint).protocol;
  if (protocol !== 'https:' && ctx.config.PUSH_ALLOW_HTTP_ENDPOINTS !== 'yes') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: HTTPS_ONLY });
  }
  const ok = await inTransaction(ctx.db, async (tx) => {
    const [device] = await tx
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.id, deviceId), eq(devices.userId, ctx.user.id), isNull(devices.revokedAt)))
      .for('share');
    if (!device) return false;
    // The same push address handed in before by another of the user's devices (a reinstalled app): it is this one's now.
    await tx
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.endpoint, input.endpoint),
          eq(pushSubscriptions.userId, ctx.user.id),
          ne(pushSubscriptions.deviceId, deviceId),
        ),
      );
    const row = {
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      createdAt: ctx.now,
    };
    await tx
      .insert(pushSubscriptions)
      .values({ deviceId, organisationId: ctx.user.organisationId, userId: ctx.user.id, ...row })
      .onConflictDoUpdate({ target: pushSubscriptions.deviceId, set: row });
    await ensureSettingsRow(tx, ctx);
    return true;
  });
  if (!ok) {
    return refuse(
      ctx,
      'reminders.subscribe',
      'toestel ingetrokken of van een ander',
      'Dit toestel is ingetrokken',
    );
  }
  return { ok: true };
}

export async function unsubscribe(ctx: AuthedContext): Promise<{ ok: true }> {
  if (ctx.user.deviceId) {
    await ctx.db
      .delete(pushSubscriptions)
      .where(
        and(eq(pushSubscriptions.deviceId, ctx.user.deviceId), eq(pushSubscriptions.userId, ctx.user.id)),
      );
  }
  return { ok: true };
}

export async function settings(ctx: AuthedContext): Promise<ReminderSettings> {
  const [row] = await ctx.db
    .select({ digestEnabled: reminderSettings.digestEnabled, digestTime: reminderSettings.digestTime })
    .from(reminderSettings)
    .where(eq(reminderSettings.userId, ctx.user.id));
  const [subscription] = ctx.user.deviceId
    ? await ctx.db
        .select({ deviceId: pushSubscriptions.deviceId })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.deviceId, ctx.user.deviceId))
    : [];
  return {
    digestEnabled: row?.digestEnabled ?? true,
    digestTime: row?.digestTime ?? DEFAULT_DIGEST_TIME,
    subscribed: !!subscription,
    vapidPublicKey: ctx.reminders?.publicKey ?? null,
  };
}

export async function saveSettings(
  ctx: AuthedContext,
  input: ReminderSettingsInput,
): Promise<ReminderSettings> {
  const values = { digestEnabled: input.digestEnabled, digestTime: input.digestTime, updatedAt: ctx.now };
  await ctx.db
    .insert(reminderSettings)
    .values({ userId: ctx.user.id, organisationId: ctx.user.organisationId, ...values })
    .onConflictDoUpdate({ target: reminderSettings.userId, set: values });
  return settings(ctx);
}
