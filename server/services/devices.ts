/**
 * Registered devices. Each phone is a device of one user; the server holds a
 * share of the key that wraps the phone's local data key, and hands it out
 * only to a session of that user for a device that is not revoked, so a phone
 * that cannot reach the server can be unlocked for DEVICE_SHARE_HOURS at most.
 * A device asks its status with its own secret (no session needed: the
 * session may be gone), pushes or surrenders what it still holds, and wipes.
 * Team leads act on their team's devices, beheerders on their organisation's;
 * anything else is FORBIDDEN and logged.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type {
  DeviceAuthInput,
  DeviceListItem,
  DeviceShare,
  DeviceStatus,
  RegisterDeviceInput,
  RegisteredDevice,
  SurrenderInput,
} from '../../shared/schemas/device';
import { logAccess } from '../audit/access-log';
import type { Context } from '../context';
import type { Db } from '../db/connection';
import { deviceSurrenders, devices, sessions, syncClients, users } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { liftBlockAfterSignIn } from './session-lock';

const secretHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const random32 = () => randomBytes(32).toString('base64url');

function shareValidUntil(ctx: Pick<Context, 'config' | 'now'>): string {
  return new Date(ctx.now.getTime() + ctx.config.DEVICE_SHARE_HOURS * 3_600_000).toISOString();
}

const forbidden = (message = 'Geen toegang tot dit toestel') => new TRPCError({ code: 'FORBIDDEN', message });

/** The phone registers itself after the first online login; the session is bound to it. */
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
  let deviceId: string;
  let serverShare: string;
  if (existing) {
    if (existing.userId !== ctx.user.id) throw forbidden('Dit toestel hoort bij een andere gebruiker');
    if (existing.revokedAt) throw forbidden('Dit toestel is ingetrokken');
    await liftBlockAfterSignIn(ctx, existing);
    // A repeated registration (the first answer was lost): same device and share, a new secret,
    // since only the hash of the old one is known.
    deviceId = existing.id;
    serverShare = existing.serverShare;
    await ctx.db
      .update(devices)
      .set({ secretHash: secretHash(deviceSecret), lastSeenAt: ctx.now })
      .where(eq(devices.id, deviceId));
  } else {
    deviceId = randomUUID();
    serverShare = random32();
    await ctx.db.insert(devices).values({
      id: deviceId,
      userId: ctx.user.id,
      organisationId: ctx.user.organisationId,
      clientId: input.clientId,
      label: input.label,
      serverShare,
      secretHash: secretHash(deviceSecret),
      registeredAt: ctx.now,
      lastSeenAt: ctx.now,
    });
  }
  await bindSession(ctx, deviceId);
  return { deviceId, deviceSecret, serverShare, shareValidUntil: shareValidUntil(ctx) };
}

async function bindSession(ctx: AuthedContext, deviceId: string) {
  if (ctx.user.sessionId) {
    await ctx.db.update(sessions).set({ deviceId }).where(eq(sessions.id, ctx.user.sessionId));
  }
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
  // Blocked after too many wrong PINs: only a sign-in after that gets the share again.
  await liftBlockAfterSignIn(ctx, { id: deviceId, unlockBlockedAt: row.unlockBlockedAt });
  await ctx.db.update(devices).set({ lastSeenAt: ctx.now }).where(eq(devices.id, deviceId));
  if (ctx.user.deviceId !== deviceId) await bindSession(ctx, deviceId);
  return { serverShare: row.serverShare, shareValidUntil: shareValidUntil(ctx) };
}

// ── Calls a device makes with its own secret ──

/**
 * Rate limit of the secret-authenticated calls, per address and per device.
 * In memory, per server process: with several processes the limit is per
 * process, which still makes guessing a 256-bit secret pointless; it is there
 * against hammering, not guessing.
 */
const WINDOW_MS = 60_000;
/** A phone asks at every sync (minutes apart); a whole office may share one address. */
const MAX_PER_DEVICE = 30;
const MAX_PER_ADDRESS = 600;
const calls = new Map<string, { start: number; n: number }>();

function rateLimit(key: string, now: number, max: number) {
  const entry = calls.get(key);
  if (!entry || now - entry.start > WINDOW_MS) {
    if (calls.size > 10_000) calls.clear();
    calls.set(key, { start: now, n: 1 });
    return;
  }
  entry.n += 1;
  if (entry.n > max) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Te veel verzoeken. Probeer het later opnieuw.',
    });
  }
}

interface AuthenticDevice {
  id: string;
  userId: string;
  organisationId: string;
  status: DeviceStatus;
}

/** The device behind id + secret; anything wrong is one generic FORBIDDEN. */
async function authenticate(ctx: Context, input: DeviceAuthInput): Promise<AuthenticDevice> {
  const now = ctx.now.getTime();
  rateLimit(`ip:${ctx.request.ip}`, now, MAX_PER_ADDRESS);
  rateLimit(`device:${input.deviceId}`, now, MAX_PER_DEVICE);
  const [row] = await ctx.db
    .select({
      id: devices.id,
      userId: devices.userId,
      organisationId: devices.organisationId,
      secretHash: devices.secretHash,
      revokedAt: devices.revokedAt,
      userActive: users.active,
    })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .where(eq(devices.id, input.deviceId));
  const given = Buffer.from(secretHash(input.deviceSecret));
  const stored = Buffer.from(row?.secretHash ?? secretHash(''));
  const ok = !!row && given.length === stored.length && timingSafeEqual(given, stored);
  if (!row || !ok) throw forbidden('Geen toegang');
  const status: DeviceStatus = !row.userActive
    ? 'gebruiker-uitgeschakeld'
    : row.revokedAt
      ? 'ingetrokken'
      : 'actief';
  return { id: row.id, userId: row.userId, organisationId: row.organisationId, status };
}

export async function status(ctx: Context, input: DeviceAuthInput): Promise<{ status: DeviceStatus }> {
  const device = await authenticate(ctx, input);
  await ctx.db.update(devices).set({ lastSeenAt: ctx.now }).where(eq(devices.id, device.id));
  return { status: device.status };
}

/**
 * What a device of a disabled user still held unsynced: kept unapplied for the
 * team lead (the user may no longer write), so nothing written is lost.
 */
export async function surrender(ctx: Context, input: SurrenderInput): Promise<{ ok: true }> {
  const device = await authenticate(ctx, input);
  if (device.status !== 'gebruiker-uitgeschakeld') {
    throw forbidden('Alleen een toestel van een uitgeschakelde gebruiker levert werk zo in');
  }
  // device_surrenders has row-level security: visible only with the organisation set in the transaction.
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.organisation_id', ${device.organisationId}, true)`);
    await tx.insert(deviceSurrenders).values({
      id: randomUUID(),
      deviceId: device.id,
      organisationId: device.organisationId,
      userId: device.userId,
      mutations: input.mutations,
      receivedAt: ctx.now,
    });
  });
  await ctx.db.update(devices).set({ lastSeenAt: ctx.now }).where(eq(devices.id, device.id));
  return { ok: true };
}

export async function confirmWiped(ctx: Context, input: DeviceAuthInput): Promise<{ ok: true }> {
  const device = await authenticate(ctx, input);
  await ctx.db
    .update(devices)
    .set({ wipedAt: ctx.now, lastSeenAt: ctx.now })
    .where(eq(devices.id, device.id));
  return { ok: true };
}

/** For sync: is the device of this sync client revoked? */
export async function isClientRevoked(db: Db, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.clientId, clientId));
  return !!row?.revokedAt;
}

// ── The office: team leads and beheerders ──

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
    label: r.label,
    registeredAt: r.registeredAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    status: !r.userActive ? 'gebruiker-uitgeschakeld' : r.revokedAt ? 'ingetrokken' : 'actief',
    revokeReason: r.revokeReason,
    wipedAt: r.wipedAt?.toISOString() ?? null,
    surrenders: surrenders.get(r.deviceId) ?? 0,
  }));
}

async function refuse(ctx: AuthedContext, procedure: string, reason: string): Promise<never> {
  await logAccess(ctx.db, ctx, [{ caseId: null, action: 'update', procedure, allowed: false, reason }]);
  throw forbidden();
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
  if (!target.revokedAt) {
    await ctx.db
      .update(devices)
      .set({ revokedAt: ctx.now, revokedBy: ctx.user.id, revokeReason: input.reason })
      .where(eq(devices.id, target.id));
  }
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
  if (target.active) {
    await ctx.db
      .update(users)
      .set({ active: false, disabledAt: ctx.now, disabledBy: ctx.user.id })
      .where(eq(users.id, target.id));
  }
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now })
    .where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)));
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'update', procedure: 'devices.disableUser', allowed: true, reason: input.reason },
  ]);
  return { ok: true };
}
