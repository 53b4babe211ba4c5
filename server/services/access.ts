/**
 * Object-level access to a child's file. Every procedure that touches a case
 * asks here first; a refusal is logged and answered with FORBIDDEN before any
 * of the case's data is read.
 *  - jeugdbeschermer: cases they carry now (vast) or stand in for (waarnemer, within the period);
 *  - teamleider: the cases of their own team;
 *  - ondersteuner: children of their organisation with an open request for help (the referral desk);
 *  - beheerder: configuration only, no case content.
 * Which fields of those cases each role receives is projection.ts.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { dutchToday, type IsoDate } from '../../shared/rules/dates';
import { OPEN_VERWIJZING_STATUSES, type VerwijzingStatus } from '../../shared/schemas/verwijzing';
import { type AccessAction, logAccess } from '../audit/access-log';
import { caseAssignments, cases, verwijzingen } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { assignmentRunsOn } from './assignments';
import { mayRead } from './projection';

/**
 * A request the referral desk still handles: submitted, not yet ended or withdrawn (waiting in
 * any form, or started: the desk records its end). Concepts are the worker's own.
 */
export const DESK_VERWIJZING_STATUSES: readonly VerwijzingStatus[] = [...OPEN_VERWIJZING_STATUSES, 'gestart'];

/**
 * A condition on `cases` that holds for exactly the cases the user may open today. `today` (and the
 * user's ids) may be placeholders of a prepared statement (sync/pull.ts).
 */
export function caseScope(
  ctx: Pick<AuthedContext, 'user' | 'now'>,
  today: IsoDate = dutchToday(ctx.now),
): SQL {
  const { user } = ctx;
  const sameOrg = eq(cases.organisationId, user.organisationId);
  switch (user.role) {
    case 'jeugdbeschermer': {
      const assigned = sql`exists (select 1 from ${caseAssignments} where ${and(
        eq(caseAssignments.caseId, cases.id),
        eq(caseAssignments.userId, user.id),
        assignmentRunsOn(today),
      )})`;
      return and(sameOrg, assigned) as SQL;
    }
    case 'teamleider':
      return user.teamId ? (and(sameOrg, eq(cases.teamId, user.teamId)) as SQL) : sql`false`;
    case 'ondersteuner': {
      // What a referral needs, for children with an open request: not the organisation's files.
      const openRequest = sql`exists (select 1 from ${verwijzingen} where ${and(
        eq(verwijzingen.caseId, cases.id),
        inArray(verwijzingen.status, [...DESK_VERWIJZING_STATUSES]),
      )})`;
      return and(sameOrg, openRequest) as SQL;
    }
    case 'beheerder':
      return sql`false`;
  }
}

/**
 * The cases a role's figures count (reports, dashboards): numbers only, no child's data, so wider
 * than caseScope for support staff, whose reports are the organisation's. Whoever is named in
 * such an answer must still be in caseScope.
 */
export function countScope(ctx: Pick<AuthedContext, 'user' | 'now'>): SQL {
  if (ctx.user.role === 'ondersteuner') return eq(cases.organisationId, ctx.user.organisationId);
  return caseScope(ctx);
}

/** Contact reports are for those who carry the case (need-to-know); others see that a contact took place. */
export function mayReadContactReports(user: Pick<AuthedContext['user'], 'role'>): boolean {
  return mayRead(user.role, 'contact', 'report');
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
