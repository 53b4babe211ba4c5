/**
 * The team lead's first view: each jeugdbeschermer of the team with the number
 * of children they carry and how many of those breach a norm. Counts only: no
 * child's data leaves here, so nothing is written to the access log.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { dutchToday, plusDays } from '../../shared/rules/dates';
import { NORM_KEYS } from '../../shared/rules/norms';
import type { ReassignInput, TeamWorker } from '../../shared/schemas/team';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import { caseAssignments, cases, users } from '../db/schema';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { assertCaseAccess } from './access';
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

/**
 * Moves a case of the team to another jeugdbeschermer of the team: the
 * current vaste assignment ends yesterday, the new one starts today, in one
 * transaction with a new sync version, so the devices of both follow at their
 * next pull (the old one deletes the case, the new one receives it whole).
 */
export async function reassignCase(ctx: AuthedContext, input: ReassignInput): Promise<{ ok: true }> {
  await assertCaseAccess(ctx, input.caseId, 'update', 'team.reassign');
  const [target] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, input.toUserId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
        ctx.user.teamId ? eq(users.teamId, ctx.user.teamId) : undefined,
      ),
    );
  if (!target) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze jeugdbeschermer hoort niet bij uw team' });
  }
  const today = dutchToday(ctx.now);
  await ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [caseRow] = await tx
      .select({ organisationId: cases.organisationId })
      .from(cases)
      .where(eq(cases.id, input.caseId))
      .for('update');
    if (!caseRow) throw new TRPCError({ code: 'NOT_FOUND', message: 'Dossier onbekend' });
    const current = await tx
      .select({ id: caseAssignments.id, userId: caseAssignments.userId })
      .from(caseAssignments)
      .where(
        and(
          eq(caseAssignments.caseId, input.caseId),
          eq(caseAssignments.role, 'vast'),
          or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, today)),
        ),
      );
    if (current.some((a) => a.userId === input.toUserId)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze jeugdbeschermer heeft het dossier al' });
    }
    const rowVersion = await nextVersion(tx, caseRow.organisationId);
    // Every current (or future) vaste assignment ends yesterday; one that was still to start is thereby withdrawn.
    await tx
      .update(caseAssignments)
      .set({ untilDate: plusDays(today, -1), rowVersion })
      .where(
        and(
          eq(caseAssignments.caseId, input.caseId),
          eq(caseAssignments.role, 'vast'),
          or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, today)),
        ),
      );
    await tx.insert(caseAssignments).values({
      id: randomUUID(),
      organisationId: caseRow.organisationId,
      caseId: input.caseId,
      userId: input.toUserId,
      role: 'vast',
      fromDate: today,
      rowVersion,
    });
    await logAccess(tx, ctx, [
      { caseId: input.caseId, action: 'update', procedure: 'team.reassign', allowed: true },
    ]);
  });
  return { ok: true };
}
