/**
 * The team lead's first view: each jeugdbeschermer of the team with the number
 * of children they carry and how many of those breach a norm. Counts only: no
 * child's data leaves here, so nothing is written to the access log.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { NORM_KEYS } from '../../shared/rules/norms';
import type { TeamWorker } from '../../shared/schemas/team';
import { caseAssignments, cases, users } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { loadCaseSummaries } from './case-summaries';

export async function teamOverview(ctx: AuthedContext): Promise<TeamWorker[]> {
  const teamId = ctx.user.teamId;
  if (!teamId) return [];
  const workers = await ctx.db
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
  const carried = await ctx.db
    .select({ caseId: caseAssignments.caseId, userId: caseAssignments.userId })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .where(
      and(
        eq(cases.teamId, teamId),
        eq(caseAssignments.role, 'vast'),
        isNull(caseAssignments.untilDate),
        eq(cases.status, 'actief'),
      ),
    );
  const summaries = await loadCaseSummaries(
    ctx.db,
    carried.map((c) => c.caseId),
    ctx.now,
  );
  const breached = new Set(
    summaries.filter((s) => NORM_KEYS.some((k) => s.norms[k].state === 'te-laat')).map((s) => s.caseId),
  );
  return workers.map((w) => {
    const own = carried.filter((c) => c.userId === w.userId);
    return {
      userId: w.userId,
      displayName: w.displayName,
      fte: w.fte,
      caseCount: own.length,
      breachedCount: own.filter((c) => breached.has(c.caseId)).length,
    };
  });
}
