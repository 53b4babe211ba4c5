/**
 * Who carries which case: the conditions on case_assignments that access,
 * the team screens, intake and the waiting list share, the team's active
 * jeugdbeschermers, and giving a case its vaste jeugdbeschermer.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { IsoDate } from '../../shared/rules/dates';
import type { Db } from '../db/connection';
import { caseAssignments, cases, users } from '../db/schema';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';

/** An assignment that runs on `day`: started, and not ended before it. */
export const assignmentRunsOn = (day: IsoDate) =>
  and(
    lte(caseAssignments.fromDate, day),
    or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, day)),
  );

/** A vaste assignment not ended before `day` (it may also start later). */
export const vastOpenOn = (day: IsoDate) =>
  and(
    eq(caseAssignments.role, 'vast'),
    or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, day)),
  );

/** The active jeugdbeschermers of a team of the user's organisation, by name. */
export function activeTeamWorkers(ctx: AuthedContext, teamId: string) {
  return ctx.db
    .select({ userId: users.id, displayName: users.displayName, fte: users.fte })
    .from(users)
    .where(
      and(
        eq(users.teamId, teamId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
      ),
    )
    .orderBy(users.displayName);
}

/**
 * Gives a case without one its vaste jeugdbeschermer from `today`: the
 * assignment and the case becoming active share one sync version, so the
 * worker's phone receives the whole case at its next pull. Runs inside the
 * caller's transaction (which has checked and locked the case).
 */
export async function assignVasteWorker(
  tx: Db,
  ctx: AuthedContext,
  a: { caseId: string; organisationId: string; userId: string; today: IsoDate },
): Promise<void> {
  const rowVersion = await nextVersion(tx, a.organisationId);
  await tx.insert(caseAssignments).values({
    id: randomUUID(),
    organisationId: a.organisationId,
    caseId: a.caseId,
    userId: a.userId,
    role: 'vast',
    fromDate: a.today,
    assignedBy: ctx.user.id,
    rowVersion,
  });
  await tx.update(cases).set({ status: 'actief', rowVersion }).where(eq(cases.id, a.caseId));
}
