/**
 * The only place base procedures are made. After a role guard, `ctx.user` is
 * non-null and has that role; object-level checks (which child) happen in the
 * services. Errors go out with a precise code and, for bad input, the zod
 * issues; never a stack trace in production.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Role } from '../shared/schemas/user';
import { logAccess } from './audit/access-log';
import type { AuthUser, Context } from './context';
import { UUID_PATTERN } from './db/ids';
import { withOrganisation } from './db/organisation-scope';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, retryTransient } from './db/transient';
import { CASE_FILE_ROLES, PULL_ROLES } from './services/projection';
import { SessionLockError, sessionLockError } from './services/session-lock';
import { StaleEdit } from './services/stale-edit';
import { StepUpRequired } from './services/step-up';

/**
 * A refusal of input that a domain rule found wrong, field by field (e.g. shared/rules/measure-life.ts):
 * sent to the client as issues like zod's, so a form can show each message next to its field.
 */
export class FieldRefusal extends Error {
  constructor(readonly issues: { path: string[]; message: string; code: 'custom' }[]) {
    super(issues.map((i) => i.message).join(' '));
  }
}

/**
 * How a procedure meets row-level security on PostgreSQL (see authedProcedure):
 *  - 'transaction' (the default): the whole procedure in one transaction of the organisation;
 *  - 'statement': every statement on its own, on the organisation's pool. For a procedure whose
 *    statements need no common snapshot and whose writes stand alone (sync.pull: its cursor is
 *    the organisation's commit-ordered version counter), it saves BEGIN and COMMIT on the path
 *    every phone takes at every sync.
 */
export interface ProcedureMeta {
  scope?: 'transaction' | 'statement';
}

const t = initTRPC
  .meta<ProcedureMeta>()
  .context<Context>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const zodIssues =
        error.cause instanceof z.ZodError || error.cause instanceof FieldRefusal
          ? error.cause.issues
          : undefined;
      const production = ctx?.config.NODE_ENV === 'production';
      return {
        ...shape,
        message: error.code === 'INTERNAL_SERVER_ERROR' && production ? 'Interne fout' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...(production ? {} : { stack: shape.data.stack }),
          issues: zodIssues?.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
          stepUp: error.cause instanceof StepUpRequired ? true : undefined,
          /** An edit on an old version (CONFLICT): what the server holds now, to show beside the user's. */
          current: error.cause instanceof StaleEdit ? (error.cause.current as unknown) : undefined,
          sessionLock: error.cause instanceof SessionLockError ? error.cause.reason : undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * What a locked session may still do (services/session-lock.ts): lock and
 * unlock, and what needs no session anyway (sign in, sign out, the device's
 * own calls with its secret). Anything else, `auth.me` included, is
 * FORBIDDEN with `data.sessionLock: 'session-locked'`.
 */
const LOCKED_SESSION_MAY = new Set([
  'session.lock',
  'session.unlockChallenge',
  'session.unlock',
  'auth.login',
  'auth.logout',
  'auth.methods',
  'devices.status',
  'devices.surrender',
  'devices.confirmWiped',
]);

/**
 * Every procedure: a database that is away (restarting, unreachable) is a
 * SERVICE_UNAVAILABLE (503) with a message the worker understands, not an
 * internal error; the phone keeps its outbox and tries again.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, next, path }) => {
  if (ctx.user?.sessionLocked && !LOCKED_SESSION_MAY.has(path)) throw sessionLockError('session-locked');
  const result = await next();
  if (!result.ok && result.error.code !== 'SERVICE_UNAVAILABLE' && isDatabaseUnavailable(result.error)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: DATABASE_UNAVAILABLE_MESSAGE,
      cause: result.error,
    });
  }
  return result;
});

export type AuthedContext = Context & { user: AuthUser };

/**
 * Carries a failed result out of the request's transaction, so that the transaction rolls back.
 * Its cause is the procedure's error, so a serialization failure inside is seen as one.
 */
class RolledBack extends Error {
  constructor(readonly result: { ok: false; error: TRPCError }) {
    super('rolled back', { cause: result.error });
  }
}

/**
 * A signed-in request. On PostgreSQL with the app's own access-log pool (the
 * real server), the whole procedure runs in one transaction scoped to the
 * user's organisation: row-level security's second line (migration 0011).
 * A failed procedure rolls it back; access-log entries are written apart
 * (server/audit/access-log.ts) and stay. When PostgreSQL rolls the
 * transaction back for a serialization failure or deadlock, the whole
 * procedure runs again (a few times, jittered backoff; server/db/transient.ts):
 * nothing of the failed run remains but its access-log entries.
 * A revoked device has no session (services/auth.ts, endDeviceSessions): it
 * speaks only with its own secret, to hand in its work and report its wipe.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next, meta }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Niet ingelogd of sessie verlopen' });
  const user = ctx.user;
  if (ctx.dbKind !== 'postgres' || !ctx.auditDb) return next({ ctx: { ...ctx, user } });
  // A statement-scoped procedure works on the organisation's own pool, whose connections are scoped
  // from the moment they open (db/connection.ts): no transaction, no set_config round trip.
  const organisationDb = meta?.scope === 'statement' ? ctx.organisationDb?.(user.organisationId) : undefined;
  if (organisationDb) return next({ ctx: { ...ctx, user, db: organisationDb } });
  try {
    return await retryTransient(() =>
      withOrganisation(ctx.db, user.organisationId, async (tx) => {
        const result = await next({ ctx: { ...ctx, user, db: tx } });
        if (!result.ok) throw new RolledBack(result);
        return result;
      }),
    );
  } catch (err) {
    if (err instanceof RolledBack) return err.result as Awaited<ReturnType<typeof next>>;
    throw err;
  }
});

/** The case a refused call named, if its (unvalidated) input carries a well-formed caseId. */
function namedCase(rawInput: unknown): string | null {
  const caseId = (rawInput as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' && UUID_PATTERN.test(caseId) ? caseId : null;
}

/**
 * Only for these roles. A refusal is FORBIDDEN and is logged (NEN 7513: denied
 * accesses too), with the child when the call named one.
 */
export function roleProcedure(...roles: Role[]) {
  return rolesOnly(roles, (role) => `Alleen voor ${roles.join(' of ')}; u bent ingelogd als ${role}`);
}

/** roleProcedure, with a refusal that tells the user where to go instead. */
function rolesOnly(roles: readonly Role[], refusal: (role: Role) => string) {
  return authedProcedure.use(async ({ ctx, next, path, type, getRawInput }) => {
    if (!roles.includes(ctx.user.role)) {
      const caseId = namedCase(await getRawInput().catch(() => null));
      await logAccess(ctx.db, ctx, [
        {
          caseId,
          action: type === 'query' ? 'read' : 'update',
          procedure: path,
          allowed: false,
          reason: `rol ${ctx.user.role} niet bevoegd`,
        },
      ]);
      throw new TRPCError({ code: 'FORBIDDEN', message: refusal(ctx.user.role) });
    }
    return next({ ctx });
  });
}

export const workerProcedure = roleProcedure('jeugdbeschermer');
export const teamleadProcedure = roleProcedure('teamleider');
export const supportProcedure = roleProcedure('ondersteuner');
export const adminProcedure = roleProcedure('beheerder');
/**
 * The online case file: for the roles whose need-to-know covers it (services/projection.ts); the
 * service decides which files. Support staff see what a referral needs at the desk instead.
 */
export const caseFileProcedure = rolesOnly(
  CASE_FILE_ROLES,
  (role) =>
    `Het dossier is alleen voor ${CASE_FILE_ROLES.join(' of ')}; als ${role} ziet u ${
      role === 'ondersteuner'
        ? 'bij de aanvraag op de verwijsdesk wat de verwijzing nodig heeft'
        : 'geen dossiers'
    }`,
);
/**
 * The phone's bulk pull of whole files: only for the field roles (services/projection.ts
 * PULL_ROLES). Team leads and support staff read through their online screens, case by case.
 */
export const fieldProcedure = rolesOnly(
  PULL_ROLES,
  (role) =>
    `Synchroniseren van dossiers naar een toestel is alleen voor ${PULL_ROLES.join(' of ')}; als ${role} leest u via de online schermen`,
);
/** Those who carry a case: its jeugdbeschermer (or stand-in) and the team lead; the service decides which cases. */
export const caseHolderProcedure = roleProcedure('jeugdbeschermer', 'teamleider');
