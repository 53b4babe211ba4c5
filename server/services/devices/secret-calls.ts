/**
 * Calls a device makes with its own secret, without a session: after its
 * revocation (or retirement at logout) it can still ask its status, hand in
 * what it holds and report its wipe. Guarantee: only with the device's
 * secret (compared as a hash in the query), rate-limited per address and per
 * device, and a revoked device hands in for a limited time only.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { DeviceAuthInput, DeviceStatus, SurrenderInput } from '../../../shared/schemas/device';
import { logAccess } from '../../audit/access-log';
import type { Context } from '../../context';
import type { Db } from '../../db/connection';
import { scopeToOrganisation, scopeToSecret } from '../../db/organisation-scope';
import { deviceSurrenders, devices, users } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { push } from '../../sync/push';
import type { AuthedContext } from '../../trpc';
import { AUTH_USER_COLUMNS } from '../auth';
import { forbidden, secretHash } from './common';

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
