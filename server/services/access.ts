/**
 * Object-level access to a child's file. Every procedure that touches a case
 * asks here first; a refusal is logged and answered with FORBIDDEN before any
 * of the case's data is read.
 *  - jeugdbeschermer: cases they carry now (vast) or stand in for (waarnemer, within the period);
 *  - teamleider: the cases of their own team;
 *  - ondersteuner: cases of their organisation (what a referral needs; field-level limits in the services);
 *  - beheerder: configuration only, no case content.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { dutchToday } from '../../shared/rules/dates';
import { type AccessAction, logAccess } from '../audit/access-log';
import { caseAssignments, cases } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { assignmentRunsOn } from './assignments';

/** A condition on `cases` that holds for exactly the cases the user may open today. */
export function caseScope(ctx: Pick<AuthedContext, 'user' | 'now'>): SQL {
  const { user } = ctx;
  const sameOrg = eq(cases.organisationId, user.organisationId);
  switch (user.role) {
    case 'jeugdbeschermer': {
      const today = dutchToday(ctx.now);
      const assigned = sql`exists (select 1 from ${caseAssignments} where ${and(
        eq(caseAssignments.caseId, cases.id),
        eq(caseAssignments.userId, user.id),
        assignmentRunsOn(today),
      )})`;
      return and(sameOrg, assigned) as SQL;
    }
    case 'teamleider':
      return user.teamId ? (and(sameOrg, eq(cases.teamId, user.teamId)) as SQL) : sql`false`;
    case 'ondersteuner':
      return sameOrg;
    case 'beheerder':
      return sql`false`;
  }
}

/** Contact reports are for those who carry the case (need-to-know); others see that a contact took place. */
export function mayReadContactReports(user: Pick<AuthedContext['user'], 'role'>): boolean {
  return user.role === 'jeugdbeschermer' || user.role === 'teamleider';
}

/**
 * Throws FORBIDDEN (and logs the refusal) unless the user may open this case.
 * An unknown case id is refused the same way, so ids cannot be probed.
 */
export async function assertCaseAccess(
  ctx: AuthedContext,
  caseId: string,
  action: AccessAction,
  procedure: string,
): Promise<void> {
  const [row] = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScope(ctx)));
  if (row) return;
  await logAccess(ctx.db, ctx, [{ caseId, action, procedure, allowed: false, reason: 'buiten bevoegdheid' }]);
  throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
}
