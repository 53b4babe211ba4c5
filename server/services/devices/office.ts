/**
 * Devices in the office: team leads act on their team's devices, beheerders
 * on their organisation's (listing, revoking, disabling a user). Guarantee:
 * anything outside that scope is FORBIDDEN and logged; revoking a device ends
 * its sessions and deletes its push subscription in the same transaction.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DeviceListItem } from '../../../shared/schemas/device';
import { logAccess } from '../../audit/access-log';
import { deviceSurrenders, devices, sessions, users } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { AuthedContext } from '../../trpc';
import { endDeviceSessions } from '../auth';
import { deleteSubscriptionsOf } from '../reminders/subscriptions';
import { refuse } from './common';

/** Users this team lead or beheerder may act on; the condition for a users query. */
function scopeOf(ctx: AuthedContext) {
  if (ctx.user.role === 'beheerder') return eq(users.organisationId, ctx.user.organisationId);
  if (ctx.user.role === 'teamleider' && ctx.user.teamId) {
    return and(eq(users.organisationId, ctx.user.organisationId), eq(users.teamId, ctx.user.teamId));
  }
  return sql`false`;
}

export async function list(ctx: AuthedContext): Promise<DeviceListItem[]> {
  const rows = await ctx.db
    .select({
      deviceId: devices.id,
      userId: devices.userId,
      userName: users.displayName,
      userActive: users.active,
      name: devices.name,
      label: devices.label,
      registeredAt: devices.registeredAt,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
      revokeReason: devices.revokeReason,
      wipedAt: devices.wipedAt,
    })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .where(and(scopeOf(ctx), eq(devices.organisationId, ctx.user.organisationId)))
    .orderBy(sql`${devices.registeredAt} desc`, devices.id);
  const ids = rows.map((r) => r.deviceId);
  const counts = ids.length
    ? await ctx.db
        .select({ deviceId: deviceSurrenders.deviceId, n: count() })
        .from(deviceSurrenders)
        .where(and(inArray(deviceSurrenders.deviceId, ids), isNull(deviceSurrenders.handledAt)))
        .groupBy(deviceSurrenders.deviceId)
    : [];
  const surrenders = new Map(counts.map((c) => [c.deviceId, c.n]));
  return rows.map((r) => ({
    deviceId: r.deviceId,
    userId: r.userId,
    userName: r.userName,
    name: r.name,
    label: r.label,
    registeredAt: r.registeredAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    status: !r.userActive ? 'gebruiker-uitgeschakeld' : r.revokedAt ? 'ingetrokken' : 'actief',
    revokeReason: r.revokeReason,
    wipedAt: r.wipedAt?.toISOString() ?? null,
    surrenders: surrenders.get(r.deviceId) ?? 0,
  }));
}

export async function revoke(
  ctx: AuthedContext,
  input: { deviceId: string; reason: string },
): Promise<{ ok: true }> {
  const [target] = await ctx.db
    .select({ id: devices.id, revokedAt: devices.revokedAt })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .where(
      and(eq(devices.id, input.deviceId), eq(devices.organisationId, ctx.user.organisationId), scopeOf(ctx)),
    );
  if (!target) return refuse(ctx, 'devices.revoke', `toestel ${input.deviceId} buiten bereik`);
  await inTransaction(ctx.db, async (tx) => {
    if (!target.revokedAt) {
      await tx
        .update(devices)
        .set({ revokedAt: ctx.now, revokedBy: ctx.user.id, revokeReason: input.reason })
        .where(eq(devices.id, target.id));
    }
    // Its push subscription dies with it, in the same transaction: no reminder reaches it any more.
    await deleteSubscriptionsOf(tx, { deviceIds: [target.id] });
    // Also when it was revoked already: a session bound to it since then ends too.
    await endDeviceSessions(tx, target.id, ctx.now);
  });
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'update', procedure: 'devices.revoke', allowed: true, reason: input.reason },
  ]);
  return { ok: true };
}

/**
 * Disables an account: no sign-in, every session ends, and each of its
 * devices hears at its next contact that it must hand in its work and wipe.
 */
export async function disableUser(
  ctx: AuthedContext,
  input: { userId: string; reason: string },
): Promise<{ ok: true }> {
  const [target] = await ctx.db
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, input.userId), scopeOf(ctx)));
  // A team lead disables the jeugdbeschermers of their team, not a fellow lead; nobody disables themselves.
  const allowed =
    !!target &&
    target.id !== ctx.user.id &&
    (ctx.user.role === 'beheerder' || target.role === 'jeugdbeschermer');
  if (!allowed) return refuse(ctx, 'devices.disableUser', `gebruiker ${input.userId} buiten bereik`);
  await inTransaction(ctx.db, async (tx) => {
    if (target.active) {
      await tx
        .update(users)
        .set({ active: false, disabledAt: ctx.now, disabledBy: ctx.user.id })
        .where(eq(users.id, target.id));
    }
    // No reminder reaches any of the account's phones any more.
    await deleteSubscriptionsOf(tx, { userId: target.id });
    await tx
      .update(sessions)
      .set({ revokedAt: ctx.now })
      .where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)));
  });
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'update', procedure: 'devices.disableUser', allowed: true, reason: input.reason },
  ]);
  return { ok: true };
}
