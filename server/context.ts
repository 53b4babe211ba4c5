/**
 * The per-request context of every procedure. HTTP requests build it from the
 * session cookie; tests build it directly for a given user (see
 * test/helpers/server.ts), so procedures never touch Fastify.
 */

import type { Role } from '../shared/schemas/user';
import type { Config } from './config';
import type { Db, DbKind } from './db/connection';

export interface AuthUser {
  id: string;
  organisationId: string;
  teamId: string | null;
  role: Role;
  displayName: string;
  sessionId: string | null;
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
  /** "Now" for this request; tests pin it to make deadlines reproducible. */
  now: Date;
}
