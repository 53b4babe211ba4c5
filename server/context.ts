/**
 * The per-request context of every procedure. HTTP requests build it from the
 * session cookie; tests build it directly for a given user (see
 * test/helpers/server.ts), so procedures never touch Fastify.
 */

import type { Role } from '../shared/schemas/user';
import type { Sealer } from './audit/sealer';
import type { Config } from './config';
import type { Db, DbKind } from './db/connection';
import type { Reminders } from './services/reminders/reminders';

export interface AuthUser {
  id: string;
  organisationId: string;
  teamId: string | null;
  role: Role;
  displayName: string;
  sessionId: string | null;
  /** When the user last proved who they are (sign-in or step-up); null outside a session (tests, jobs). */
  authenticatedAt?: Date | null;
  /** How this session's user proved who they are. */
  authMethod?: 'wachtwoord' | 'oidc';
  /** The registered device this session is bound to (one at most), once the phone registered. */
  deviceId?: string | null;
  /** That device's sync client id: a phone syncing as its own device needs no lookup (services/devices.ts). */
  deviceClientId?: string | null;
  /** The app locked: until an unlock proof the session answers nothing but unlock (server/trpc.ts). */
  sessionLocked?: boolean;
}

export interface RequestMeta {
  ip: string;
  userAgent: string;
  /** The session token from the cookie, if any. */
  sessionToken: string | null;
}

export interface CookieJar {
  setSession(token: string, maxAgeSeconds: number): void;
  clearSession(): void;
}

export interface Context {
  db: Db;
  dbKind: DbKind;
  config: Config;
  user: AuthUser | null;
  request: RequestMeta;
  cookies: CookieJar;
  /** Sets a response header (HTTP only; absent when a test calls procedures directly). */
  headers?: { set(name: string, value: string): void };
  /** "Now" for this request; tests pin it to make deadlines reproducible. */
  now: Date;
  /**
   * Where access-log entries go. On PostgreSQL: a separate pool, each entry in
   * its own short transaction, so a refusal is logged even when the request's
   * transaction rolls back, and the chain lock is held only for the insert.
   * Absent: entries go through the request's own `db` (PGlite, tests).
   */
  auditDb?: Db;
  /**
   * PostgreSQL: the pool of the signed-in user's organisation (db/connection.ts forOrganisation),
   * whose connections row-level security already scopes. Absent: the request's transaction sets the
   * organisation itself (server/trpc.ts).
   */
  organisationDb?: (organisationId: string) => Db;
  /** Chains appended access-log entries soon after (server/audit/sealer.ts); absent in direct calls. */
  sealer?: Pick<Sealer, 'nudge'>;
  /** Push reminders (services/reminders): the VAPID key and the notices; absent in direct calls. */
  reminders?: Pick<Reminders, 'publicKey' | 'referralAnswered' | 'later'>;
  /**
   * Runs `task` after the answer went out, so after the request's transaction committed, off the
   * request path (app.ts); absent in direct calls. The task must check itself that what it acts on
   * was committed: a failed request runs it too.
   */
  afterResponse?: (task: () => Promise<unknown>) => void;
}
