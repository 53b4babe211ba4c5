/**
 * The only place base procedures are made. After a role guard, `ctx.user` is
 * non-null and has that role; object-level checks (which child) happen in the
 * services. Errors go out with a precise code and, for bad input, the zod
 * issues; never a stack trace in production.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Role } from '../shared/schemas/user';
import type { AuthUser, Context } from './context';
import { StepUpRequired } from './services/step-up';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const zodIssues = error.cause instanceof z.ZodError ? error.cause.issues : undefined;
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
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

export type AuthedContext = Context & { user: AuthUser };

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Niet ingelogd of sessie verlopen' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Alleen voor ${roles.join(' of ')}; u bent ingelogd als ${ctx.user.role}`,
      });
    }
    return next({ ctx });
  });
}

export const workerProcedure = roleProcedure('jeugdbeschermer');
export const teamleadProcedure = roleProcedure('teamleider');
export const supportProcedure = roleProcedure('ondersteuner');
export const adminProcedure = roleProcedure('beheerder');
/** Anyone who may open a child's file at all; the service decides which files. */
export const caseReaderProcedure = roleProcedure('jeugdbeschermer', 'teamleider', 'ondersteuner');
