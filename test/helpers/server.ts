/** Calls procedures as a given user, through createCaller: no HTTP needed. */
import { loadConfig } from '../../server/config';
import type { AuthUser, Context } from '../../server/context';
import type { Database } from '../../server/db/connection';
import { appRouter } from '../../server/routers';
import { createCallerFactory } from '../../server/trpc';
import type { FixtureUser } from './fixture';

export const testConfig = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://' });

const createCaller = createCallerFactory(appRouter);
const DEFAULT_NOW = new Date('2026-11-24T10:00:00Z');

export interface CallOptions {
  now?: Date;
  sessionId?: string | null;
  sessionToken?: string | null;
  /** When the user last proved who they are; default: at `now` (a fresh sign-in). */
  authenticatedAt?: Date | null;
  ip?: string;
  cookies?: { set?: (token: string, maxAge: number) => void; clear?: () => void };
}

export function contextFor(database: Database, user: FixtureUser | null, options: CallOptions = {}): Context {
  const authUser: AuthUser | null = user
    ? {
        id: user.id,
        organisationId: user.organisationId,
        teamId: user.teamId,
        role: user.role,
        displayName: user.displayName,
        sessionId: options.sessionId ?? null,
        authenticatedAt:
          options.authenticatedAt === undefined ? (options.now ?? DEFAULT_NOW) : options.authenticatedAt,
      }
    : null;
  return {
    db: database.db,
    dbKind: database.kind,
    config: testConfig,
    user: authUser,
    now: options.now ?? DEFAULT_NOW,
    request: {
      ip: options.ip ?? '10.0.0.1',
      userAgent: 'vitest',
      sessionToken: options.sessionToken ?? null,
    },
    cookies: {
      setSession: options.cookies?.set ?? (() => {}),
      clearSession: options.cookies?.clear ?? (() => {}),
    },
  };
}

export function callerFor(database: Database, user: FixtureUser | null, options: CallOptions = {}) {
  return createCaller(contextFor(database, user, options));
}
