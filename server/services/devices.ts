/**
 * Registered devices. Each phone is a device of one user; the server holds a
 * share of the key that wraps the phone's local data key, and hands it out
 * only to a session of that user for a device that is not revoked, so a phone
 * that cannot reach the server can be unlocked for DEVICE_SHARE_HOURS at most.
 * A session is bound to one device: the first it registers or syncs as; it
 * cannot register or sync as another. Revoking a device (or retiring it at
 * logout) ends its sessions; until its user signs in anew, the device can only
 * speak with its own secret (no session needed): ask its status, hand in what
 * it still holds, and report its wipe.
 * Team leads act on their team's devices, beheerders on their organisation's;
 * anything else is FORBIDDEN and logged.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
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
import { scopeToOrganisation, scopeToSecret } from '../db/organisation-scope';
import { deviceSurrenders, devices, sessions, syncClients, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { push } from '../sync/push';
import type { AuthedContext } from '../trpc';
import { AUTH_USER_COLUMNS, endDeviceSessions } from './auth';
import { liftBlockAfterSignIn } from './session-lock';

const secretHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const random32 = () => randomBytes(32).toString('base64url');

function shareValidUntil(ctx: Pick<Context, 'config' | 'now'>): string {
  return new Date(ctx.now.getTime() + ctx.config.DEVICE_SHARE_HOURS * 3_600_000).toISOString();
}

const forbidden = (message = 'Geen toegang tot dit toestel') => new TRPCError({ code: 'FORBIDDEN', message });
const OTHER_DEVICE = 'Deze sessie hoort bij een ander toestel. Log op dit toestel opnieuw in.';

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
        .set({ secretHash: secretHash(deviceSecret), lastSeenAt: ctx.now })
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
  clientId: string;
  status: DeviceStatus;
  revokedAt: Date | null;
  wipedAt: Date | null;
}

/**
 * Runs `fn` for the device behind id + secret (anything wrong is one generic
 * FORBIDDEN), in one transaction scoped to the device's organisation. Row-level
 * security (migration 0018): the secret's hash opens the device's own row.
 */
async function withDevice<T>(
  ctx: Context,
  input: DeviceAuthInput,
  fn: (tx: Db, device: AuthenticDevice) => Promise<T>,
): Promise<T> {
  const now = ctx.now.getTime();
  rateLimit(`ip:${ctx.request.ip}`, now, MAX_PER_ADDRESS);
  rateLimit(`device:${input.deviceId}`, now, MAX_PER_DEVICE);
  return inTransaction(ctx.db, async (tx) => {
    const hash = secretHash(input.deviceSecret);
    await scopeToSecret(tx, { deviceSecretHash: hash });
    // The hash of a 256-bit secret: comparing it in the query leaks nothing worth timing.
    const [row] = await tx
      .select({
        id: devices.id,
        userId: devices.userId,
        organisationId: devices.organisationId,
        clientId: devices.clientId,
        revokedAt: devices.revokedAt,
        wipedAt: devices.wipedAt,
        userActive: users.active,
      })
      .from(devices)
      .innerJoin(users, eq(users.id, devices.userId))
      .where(and(eq(devices.id, input.deviceId), eq(devices.secretHash, hash)));
    if (!row) throw forbidden('Geen toegang');
    await scopeToOrganisation(tx, row.organisationId);
    const status: DeviceStatus = !row.userActive
      ? 'gebruiker-uitgeschakeld'
      : row.revokedAt
        ? 'ingetrokken'
        : 'actief';
    return fn(tx, { ...row, status });
  });
}

const seen = (tx: Db, ctx: Context, deviceId: string) =>
  tx.update(devices).set({ lastSeenAt: ctx.now }).where(eq(devices.id, deviceId));

export function status(ctx: Context, input: DeviceAuthInput): Promise<{ status: DeviceStatus }> {
  return withDevice(ctx, input, async (tx, device) => {
    await seen(tx, ctx, device.id);
    return { status: device.status };
  });
}

/**
 * What a device still held unsynced when it heard it must wipe itself:
 *  - its user is disabled: kept unapplied for the team lead (the user may no
 *    longer write), so nothing written is lost;
 *  - it was revoked (or retired), its user still active: applied as that user
 *    through the push engine (exactly once, in client order, with the user's
 *    access checks; a refusal is recorded like any push), for as long as the
 *    phone could still open its store offline: the cached key share lasts
 *    DEVICE_SHARE_HOURS, and the server hands out no share to a revoked device.
 *    After that, or once the device reported its wipe, nothing more is taken.
 */
export function surrender(ctx: Context, input: SurrenderInput): Promise<{ ok: true }> {
  return withDevice(ctx, input, async (tx, device) => {
    if (device.status === 'actief') {
      throw forbidden(
        'Alleen een ingetrokken toestel, of een toestel van een uitgeschakelde gebruiker, levert werk zo in',
      );
    }
    if (device.status === 'gebruiker-uitgeschakeld') {
      await tx.insert(deviceSurrenders).values({
        id: randomUUID(),
        deviceId: device.id,
        organisationId: device.organisationId,
        userId: device.userId,
        mutations: input.mutations,
        receivedAt: ctx.now,
      });
    } else {
      await applySurrender(tx, ctx, device, input);
    }
    await seen(tx, ctx, device.id);
    return { ok: true as const };
  });
}

async function applySurrender(tx: Db, ctx: Context, device: AuthenticDevice, input: SurrenderInput) {
  const revokedAt = device.revokedAt?.getTime() ?? 0;
  const until = revokedAt + ctx.config.DEVICE_SHARE_HOURS * 3_600_000;
  if (device.wipedAt || ctx.now.getTime() > until) {
    throw forbidden('Dit toestel is te lang geleden ingetrokken of al gewist: het levert niets meer in');
  }
  const [user] = await tx.select(AUTH_USER_COLUMNS).from(users).where(eq(users.id, device.userId));
  if (!user) throw forbidden('Geen toegang');
  const asUser: AuthedContext = {
    ...ctx,
    db: tx,
    user: { ...user, sessionId: null, authenticatedAt: null, deviceId: device.id },
  };
  const result = await push(asUser, {
    clientId: device.clientId,
    mutations: input.mutations.map(({ id, name, args }) => ({ id, name, args })),
  } as Parameters<typeof push>[1]);
  if (result.status === 'gap') {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Er ontbreken eerdere wijzigingen van dit toestel: lever in vanaf nummer ${result.expected}`,
    });
  }
  await logAccess(tx, asUser, [
    {
      caseId: null,
      action: 'create',
      procedure: 'devices.surrender',
      allowed: true,
      reason: `werk van een ingetrokken toestel ingeleverd: ${input.mutations.length} wijzigingen`,
    },
  ]);
}

/** The device deleted its data. Only a device that had to (revoked, retired, or its user disabled) says so. */
export function confirmWiped(ctx: Context, input: DeviceAuthInput): Promise<{ ok: true }> {
  return withDevice(ctx, input, async (tx, device) => {
    if (device.status === 'actief') throw forbidden('Dit toestel is niet ingetrokken');
    await tx.update(devices).set({ wipedAt: ctx.now, lastSeenAt: ctx.now }).where(eq(devices.id, device.id));
    return { ok: true as const };
  });
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

async function refuse(
  ctx: AuthedContext,
  procedure: string,
  reason: string,
  message?: string,
): Promise<never> {
  await logAccess(ctx.db, ctx, [{ caseId: null, action: 'update', procedure, allowed: false, reason }]);
  throw forbidden(message);
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
  // Also when it was revoked already: a session bound to it since then ends too.
  await endDeviceSessions(ctx.db, target.id, ctx.now);
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
