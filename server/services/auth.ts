/**
 * Sign-in with local accounts (argon2id) and server-side sessions. The cookie
 * carries a random token; the database keeps only its SHA-256, so a leaked
 * database does not hand out sessions. A session ends after 30 minutes idle,
 * 10 hours in all, or at logout, whichever comes first.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { TRPCError } from '@trpc/server';
import { and, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { LoginInput, SessionUser } from '../../shared/schemas/user';
import type { Config } from '../config';
import type { AuthUser, Context, RequestMeta } from '../context';
import type { Db } from '../db/connection';
import { scopeToOrganisation, scopeToSecret } from '../db/organisation-scope';
import { queryPrepared } from '../db/prepared';
import { devices, loginAttempts, oidcTokens, organisations, sessions, teams, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { AuthedContext } from '../trpc';
import { deleteSubscriptionsOf } from './reminders/subscriptions';
import { lockIfIdle } from './session-lock';

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id with OWASP's m=19 MiB, t=2, p=1.
  return hash(password);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

// Verified when the username is unknown, so the answer takes as long either way.
let dummyHash: Promise<string> | null = null;

/** Advisory-lock classes: one lock per username and one per address while an attempt is counted. */
const LOGIN_LOCK_USERNAME = 16_001;
const LOGIN_LOCK_IP = 16_002;

const lockedOut = (config: Config) =>
  new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Te veel mislukte pogingen. Probeer het over ${config.LOGIN_WINDOW_MINUTES} minuten opnieuw.`,
  });

/**
 * The lockout, decided before a password is checked. Under a lock on the
 * username and one on the address (PostgreSQL advisory locks, always taken in
 * that order; PGlite runs one transaction at a time anyway), the failures in
 * the window are counted and, when there is room, this attempt is written at
 * once as a failure. A password is checked only after that, so guesses sent
 * side by side each see the ones before them: at most LOGIN_MAX_FAILURES
 * passwords are checked per username in a window, however many arrive at
 * once. Answers the attempt's row; `attemptSucceeded` marks it a success.
 */
async function claimAttempt(db: Db, config: Config, username: string, ip: string, now: Date) {
  const since = new Date(now.getTime() - config.LOGIN_WINDOW_MINUTES * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_USERNAME}, hashtext(${username}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOGIN_LOCK_IP}, hashtext(${ip}))`);
    const failures = async (where: ReturnType<typeof and>) =>
      (await tx.select({ n: count() }).from(loginAttempts).where(where))[0]?.n ?? 0;
    const recent = and(eq(loginAttempts.success, false), gt(loginAttempts.at, since));
    const byName = await failures(and(eq(loginAttempts.username, username), recent));
    const byIp = await failures(and(eq(loginAttempts.ip, ip), recent));
    // One address may mistype for several people (a shared office), hence the wider margin.
    if (byName >= config.LOGIN_MAX_FAILURES || byIp >= config.LOGIN_MAX_FAILURES * 4) throw lockedOut(config);
    const [attempt] = await tx
      .insert(loginAttempts)
      .values({ username, ip, at: now, success: false })
      .returning({ id: loginAttempts.id });
    if (!attempt) throw new Error('login attempt not recorded');
    return attempt;
  });
}

async function attemptSucceeded(db: Db, attempt: { id: number }) {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attempt.id));
}

export async function login(ctx: Context, input: LoginInput): Promise<SessionUser> {
  const { db, config, request, now } = ctx;
  const attempt = await claimAttempt(db, config, input.username, request.ip, now);
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.username, input.username), eq(users.active, true)));
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (ok && user) await attemptSucceeded(db, attempt);
  if (!ok || !user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Gebruikersnaam of wachtwoord onjuist' });
  }
  const { token, sessionId, maxAge } = await createSession(db, config, user.id, 'wachtwoord', now, request);
  ctx.cookies.setSession(token, maxAge);
  const authUser = await loadAuthUser(db, user.id, sessionId, { authenticatedAt: now, deviceId: null });
  if (!authUser) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Gebruiker verdwenen' });
  return describeUser(db, authUser);
}

/** The session cookie's options: one place, for tRPC's cookie jar and the identity provider's callback. */
export function sessionCookieOptions(config: Config) {
  return { path: '/', httpOnly: true, secure: config.secureCookies, sameSite: 'strict' as const };
}

/**
 * A new server-side session for a user who just proved who they are; the
 * caller sets the cookie. Returns the token, which is stored nowhere but there.
 */
export async function createSession(
  db: Db,
  config: Config,
  userId: string,
  method: 'wachtwoord' | 'oidc',
  now: Date,
  request: Pick<RequestMeta, 'ip' | 'userAgent'>,
): Promise<{ token: string; sessionId: string; maxAge: number }> {
  const token = randomBytes(32).toString('base64url');
  const maxAge = config.SESSION_ABSOLUTE_HOURS * 3600;
  const sessionId = randomUUID();
  await inSessionScope(db, tokenHash(token), (tx) =>
    tx.insert(sessions).values({
      id: sessionId,
      tokenHash: tokenHash(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAge * 1000),
      userAgent: request.userAgent.slice(0, 300),
      ip: request.ip,
      authMethod: method,
      authenticatedAt: now,
    }),
  );
  return { token, sessionId, maxAge };
}

/**
 * Step-up with the password: the signed-in user proves again who they are,
 * under the same rate limit as sign-in, and the session counts as fresh.
 * Sessions of the identity provider step up there instead (/auth/oidc/login?stap=1).
 */
export async function stepUp(ctx: AuthedContext, password: string): Promise<{ authenticatedAt: Date }> {
  const { db, config, request, now, user } = ctx;
  if (!user.sessionId)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Niet ingelogd of sessie verlopen' });
  const [row] = await db
    .select({ username: users.username, passwordHash: users.passwordHash, authMethod: sessions.authMethod })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, user.sessionId), eq(users.id, user.id), eq(users.active, true)));
  if (!row) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Niet ingelogd of sessie verlopen' });
  if (row.authMethod !== 'wachtwoord' || !row.passwordHash) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'U bent ingelogd via de identiteitsprovider: bevestig daar wie u bent',
    });
  }
  // The attempt goes apart from the request's transaction (on PostgreSQL, the access log's own pool),
  // which a wrong password rolls back: in it, a failure would be forgotten as soon as it is refused.
  const attempts = ctx.auditDb ?? db;
  const attempt = await claimAttempt(attempts, config, row.username, request.ip, now);
  const ok = await verify(row.passwordHash, password);
  if (ok) await attemptSucceeded(attempts, attempt);
  if (!ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wachtwoord onjuist' });
  await db.update(sessions).set({ authenticatedAt: now }).where(eq(sessions.id, user.sessionId));
  return { authenticatedAt: now };
}

/** The columns of a user that a request acts as (AuthUser, less its session). */
export const AUTH_USER_COLUMNS = {
  id: users.id,
  organisationId: users.organisationId,
  teamId: users.teamId,
  role: users.role,
  displayName: users.displayName,
};

async function loadAuthUser(
  db: Db,
  userId: string,
  sessionId: string | null,
  session: {
    authenticatedAt: Date;
    deviceId: string | null;
    authMethod?: 'wachtwoord' | 'oidc';
  } | null = null,
): Promise<AuthUser | null> {
  const [row] = await db
    .select(AUTH_USER_COLUMNS)
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return row
    ? {
        ...row,
        sessionId,
        authenticatedAt: session?.authenticatedAt ?? null,
        deviceId: session?.deviceId ?? null,
        authMethod: session?.authMethod ?? 'wachtwoord',
      }
    : null;
}

/**
 * Sessions (and devices) have row-level security (migration 0018); before the
 * organisation is known, the token's hash opens its own session row, and the
 * device that session is bound to.
 */
function inSessionScope<T>(db: Db, hash: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await scopeToSecret(tx, { sessionTokenHash: hash });
    return fn(tx);
  });
}

interface SessionRow extends Record<string, unknown> {
  session_id: string;
  user_id: string;
  organisation_id: string;
  team_id: string | null;
  role: AuthUser['role'];
  display_name: string;
  last_seen_at: Date;
  authenticated_at: Date;
  auth_method: 'wachtwoord' | 'oidc';
  locked_at: Date | null;
  device_id: string | null;
  device_client_id: string | null;
  device_revoked_at: Date | null;
  device_lockable: boolean;
}

/**
 * The user behind a session token, or null when it is unknown, revoked, idle
 * too long or too old, or its device was revoked. Every request asks this: one
 * prepared statement (app_session, migration 0022: the session, its user and its
 * device); a write only when the session locks or its once-a-minute touch is due.
 */
export async function resolveSession(
  db: Db,
  config: Config,
  token: string,
  now: Date,
): Promise<AuthUser | null> {
  const hash = tokenHash(token);
  const [row] = await queryPrepared<SessionRow>(db, 'app_session', 'select * from app_session($1, $2)', [
    hash,
    now,
  ]);
  // Revoking a device ends its sessions (endDeviceSessions); one bound to it at that very moment ends here.
  if (!row || row.device_revoked_at) return null;
  const lastSeenAt = new Date(row.last_seen_at);
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - lastSeenAt.getTime() > idleMs) return null;
  const session = {
    id: row.session_id,
    lastSeenAt,
    lockedAt: row.locked_at,
    deviceLockable: row.device_lockable,
  };
  // Touch at most once a minute: enough precision for a 30-minute idle limit, far fewer writes.
  const touch = now.getTime() - lastSeenAt.getTime() > 60_000;
  // Before the touch: an idle phone's session locks, as its app would have.
  const lockDue =
    !row.locked_at &&
    row.device_lockable &&
    now.getTime() - lastSeenAt.getTime() > config.SESSION_LOCK_IDLE_MINUTES * 60_000;
  const sessionLocked =
    touch || lockDue
      ? await inSessionScope(db, hash, async (tx) => {
          const locked = await lockIfIdle(tx, config, session, now);
          if (touch) await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
          return locked;
        })
      : !!row.locked_at;
  return {
    id: row.user_id,
    organisationId: row.organisation_id,
    teamId: row.team_id,
    role: row.role,
    displayName: row.display_name,
    sessionId: row.session_id,
    authenticatedAt: new Date(row.authenticated_at),
    deviceId: row.device_id,
    deviceClientId: row.device_client_id,
    authMethod: row.auth_method,
    ...(sessionLocked ? { sessionLocked: true } : {}),
  };
}

/**
 * Ends every session bound to a device (revoked, or retired at logout): its
 * cookie opens nothing any more, and the identity provider's tokens go with it.
 * Until the user signs in anew, the device itself can only hand in its work and
 * report its wipe, with its own secret (services/devices.ts).
 */
export async function endDeviceSessions(db: Db, deviceId: string, now: Date): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.deviceId, deviceId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (ended.length) {
    await db.delete(oidcTokens).where(
      inArray(
        oidcTokens.sessionId,
        ended.map((s) => s.id),
      ),
    );
  }
  return ended.length;
}

/** Why a device was retired: its user logged out on it (the list of devices shows it). */
export const RETIRED_AT_LOGOUT = 'Uitgelogd op het toestel';

/**
 * Ends the session. A logout that clears the phone (the phone asks for it only
 * with an empty outbox) also retires the session's device: it is marked as
 * ended like a revoked one, so its secret, share and client id serve no one
 * again. A logout that keeps the device's data (PIN lockout, another user's
 * work on it) leaves the device as it is.
 */
export async function logout(ctx: Context, opts: { keepDeviceData?: boolean } = {}): Promise<{ ok: true }> {
  if (ctx.request.sessionToken) {
    const hash = tokenHash(ctx.request.sessionToken);
    await inSessionScope(ctx.db, hash, async (tx) => {
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: ctx.now })
        .where(eq(sessions.tokenHash, hash))
        .returning({ id: sessions.id, userId: sessions.userId, deviceId: sessions.deviceId });
      // The identity provider's tokens go with the session: nothing is kept that no session can use.
      for (const { id } of ended) await tx.delete(oidcTokens).where(eq(oidcTokens.sessionId, id));
      if (opts.keepDeviceData) return;
      for (const session of ended) {
        if (session.deviceId) await retireDevice(tx, session.userId, session.deviceId, ctx.now);
      }
    });
  }
  ctx.cookies.clearSession();
  // The browser deletes what this origin stored (IndexedDB, caches, the service worker). The phone
  // asks for this only once its outbox is empty; keepDeviceData is for a logout that must keep
  // unsynced work (PIN lockout, another user's work on the device).
  ctx.headers?.set(
    'Clear-Site-Data',
    opts.keepDeviceData ? '"cache", "cookies"' : '"cache", "cookies", "storage"',
  );
  return { ok: true };
}

async function retireDevice(tx: Db, userId: string, deviceId: string, now: Date) {
  const [user] = await tx
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return;
  // The device's other sessions are visible in its organisation's scope only.
  await scopeToOrganisation(tx, user.organisationId);
  await tx
    .update(devices)
    .set({ revokedAt: now, revokedBy: userId, revokeReason: RETIRED_AT_LOGOUT })
    .where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)));
  await deleteSubscriptionsOf(tx, { deviceIds: [deviceId] });
  await endDeviceSessions(tx, deviceId, now);
}

/**
 * A sign-in at the identity provider this recent counts as the user proving
 * who they are now (it ends a PIN lockout). A password sign-in does not need
 * it: the login screen itself tells the device that the password was typed.
 */
const FRESH_SIGN_IN_MS = 2 * 60_000;

/** The signed-in user, and whether they signed in at the identity provider just now. */
export async function describeMe(ctx: Pick<Context, 'db' | 'now'>, user: AuthUser): Promise<SessionUser> {
  const described = await describeUser(ctx.db, user);
  const at = user.authenticatedAt;
  const fresh = user.authMethod === 'oidc' && at && ctx.now.getTime() - at.getTime() <= FRESH_SIGN_IN_MS;
  return fresh ? { ...described, freshSignIn: true } : described;
}

export async function describeUser(db: Db, user: AuthUser): Promise<SessionUser> {
  const [row] = await db
    .select({ organisationName: organisations.name, teamName: teams.name })
    .from(organisations)
    .leftJoin(teams, eq(teams.id, user.teamId ?? '00000000-0000-0000-0000-000000000000'))
    .where(eq(organisations.id, user.organisationId));
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    organisationName: row?.organisationName ?? '',
    teamName: row?.teamName ?? null,
  };
}
