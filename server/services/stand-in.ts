/**
 * Stand-in (waarnemer) during a worker's absence. The team lead picks the
 * absent jeugdbeschermer, a colleague of the team and a period; every case the
 * absent worker carries gets a 'waarnemer' assignment for that period, stamped
 * with a new sync version. Access (access.ts caseScope) and sync (pull.ts) read
 * the period against today, so the stand-in's phone gets the cases when the
 * period starts and loses them after it ends, without anyone acting: it ends
 * by itself. Ending early moves the end to yesterday, with a new version.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { dutchToday, plusDays } from '../../shared/rules/dates';
import type { EndStandInInput, StandIn, StartStandInInput } from '../../shared/schemas/waiting-list';
import { logAccess } from '../audit/access-log';
import { caseAssignments, cases, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

function teamOf(ctx: AuthedContext): string {
  if (!ctx.user.teamId) throw new TRPCError({ code: 'FORBIDDEN', message: 'U hoort niet bij een team' });
  return ctx.user.teamId;
}

async function assertTeamWorker(ctx: AuthedContext, userId: string, message: string, activeOnly = true) {
  const [row] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.teamId, teamOf(ctx)),
        eq(users.role, 'jeugdbeschermer'),
        activeOnly ? eq(users.active, true) : undefined,
      ),
    );
  if (row) return;
  // Another team's (or organisation's) worker is outside the lead's scope: refused and logged like a child's file.
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'update', procedure: 'waitingList.standIn', allowed: false, reason: message },
  ]);
  throw new TRPCError({ code: 'FORBIDDEN', message });
}

export async function startStandIn(
  ctx: AuthedContext,
  input: StartStandInInput,
): Promise<{ caseCount: number }> {
  const teamId = teamOf(ctx);
  await assertTeamWorker(ctx, input.absentUserId, 'De afwezige jeugdbeschermer hoort niet bij uw team');
  await assertTeamWorker(
    ctx,
    input.standInUserId,
    'De waarnemer moet een actieve jeugdbeschermer van uw team zijn',
  );
  const today = dutchToday(ctx.now);
  if (input.until < today) throw bad('De periode ligt al in het verleden');
  return inTransaction(ctx.db, async (tx) => {
    // The cases the absent worker carries during (part of) the period.
    const carried = await tx
      .selectDistinct({ caseId: caseAssignments.caseId, organisationId: cases.organisationId })
      .from(caseAssignments)
      .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
      .where(
        and(
          eq(cases.teamId, teamId),
          eq(cases.organisationId, ctx.user.organisationId),
          ne(cases.status, 'afgesloten'),
          eq(caseAssignments.userId, input.absentUserId),
          eq(caseAssignments.role, 'vast'),
          lte(caseAssignments.fromDate, input.until),
          or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, input.from)),
        ),
      );
    if (carried.length === 0) throw bad('Deze jeugdbeschermer heeft nu geen dossiers om waar te nemen');
    const caseIds = carried.map((c) => c.caseId);
    // A case the stand-in already holds for an overlapping period is not given twice.
    const held = await tx
      .select({ caseId: caseAssignments.caseId })
      .from(caseAssignments)
      .where(
        and(
          inArray(caseAssignments.caseId, caseIds),
          eq(caseAssignments.userId, input.standInUserId),
          lte(caseAssignments.fromDate, input.until),
          or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, input.from)),
        ),
      );
    const heldIds = new Set(held.map((h) => h.caseId));
    const fresh = caseIds.filter((id) => !heldIds.has(id));
    if (fresh.length === 0) return { caseCount: 0 };
    const rowVersion = await nextVersion(tx, ctx.user.organisationId);
    await tx.insert(caseAssignments).values(
      fresh.map((caseId) => ({
        id: randomUUID(),
        organisationId: ctx.user.organisationId,
        caseId,
        userId: input.standInUserId,
        role: 'waarnemer' as const,
        fromDate: input.from,
        untilDate: input.until,
        assignedBy: ctx.user.id,
        rowVersion,
      })),
    );
    await logAccess(
      tx,
      ctx,
      fresh.map((caseId) => ({
        caseId,
        action: 'update' as const,
        procedure: 'waitingList.startStandIn',
        allowed: true,
        reason: `waarneming ${input.from} t/m ${input.until}`,
      })),
    );
    return { caseCount: fresh.length };
  });
}

const standInUser = alias(users, 'stand_in_user');
const absentUser = alias(users, 'absent_user');
const vast = alias(caseAssignments, 'vast_assignment');

/** Current and planned stand-ins of the team, one line per stand-in, absent worker and period. */
export async function listStandIns(ctx: AuthedContext): Promise<StandIn[]> {
  const teamId = teamOf(ctx);
  const today = dutchToday(ctx.now);
  const rows = await ctx.db
    .select({
      caseId: caseAssignments.caseId,
      standInUserId: caseAssignments.userId,
      standInName: standInUser.displayName,
      absentUserId: vast.userId,
      absentName: absentUser.displayName,
      from: caseAssignments.fromDate,
      until: caseAssignments.untilDate,
    })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .innerJoin(standInUser, eq(standInUser.id, caseAssignments.userId))
    .innerJoin(
      vast,
      and(
        eq(vast.caseId, caseAssignments.caseId),
        eq(vast.role, 'vast'),
        lte(vast.fromDate, caseAssignments.fromDate),
        or(isNull(vast.untilDate), gte(vast.untilDate, caseAssignments.fromDate)),
      ),
    )
    .innerJoin(absentUser, eq(absentUser.id, vast.userId))
    .where(
      and(
        eq(cases.teamId, teamId),
        eq(cases.organisationId, ctx.user.organisationId),
        eq(caseAssignments.role, 'waarnemer'),
        gte(caseAssignments.untilDate, today),
        // A withdrawn plan ends the day before it would have begun: it is no stand-in at all.
        gte(caseAssignments.untilDate, caseAssignments.fromDate),
      ),
    );
  const groups = new Map<string, StandIn>();
  for (const r of rows) {
    if (!r.until) continue;
    const key = [r.standInUserId, r.absentUserId, r.from, r.until].join('|');
    const group = groups.get(key);
    if (group) {
      group.caseCount += 1;
      continue;
    }
    groups.set(key, {
      absentUserId: r.absentUserId,
      absentName: r.absentName,
      standInUserId: r.standInUserId,
      standInName: r.standInName,
      from: r.from,
      until: r.until,
      caseCount: 1,
      state: r.from <= today ? 'lopend' : 'gepland',
    });
  }
  return [...groups.values()].sort(
    (a, b) => a.from.localeCompare(b.from) || a.absentName.localeCompare(b.absentName),
  );
}

/**
 * Ends a stand-in early: it ends yesterday (so the stand-in's phone drops the
 * cases at its next pull); a planned one that has not started is withdrawn.
 */
export async function endStandIn(ctx: AuthedContext, input: EndStandInInput): Promise<{ caseCount: number }> {
  // Also when the absent worker left meanwhile: ending their stand-in must stay possible.
  await assertTeamWorker(
    ctx,
    input.absentUserId,
    'De afwezige jeugdbeschermer hoort niet bij uw team',
    false,
  );
  const current = (await listStandIns(ctx)).find(
    (s) =>
      s.absentUserId === input.absentUserId &&
      s.standInUserId === input.standInUserId &&
      s.from === input.from &&
      s.until === input.until,
  );
  if (!current) throw bad('Deze waarneming bestaat niet (meer)');
  const today = dutchToday(ctx.now);
  const yesterday = plusDays(today, -1);
  // Not before the start: a withdrawn plan ends the day before it would have begun.
  const newUntil = input.from > yesterday ? plusDays(input.from, -1) : yesterday;
  return inTransaction(ctx.db, async (tx) => {
    const targets = await tx
      .select({ id: caseAssignments.id, caseId: caseAssignments.caseId })
      .from(caseAssignments)
      .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
      .innerJoin(
        vast,
        and(
          eq(vast.caseId, caseAssignments.caseId),
          eq(vast.role, 'vast'),
          eq(vast.userId, input.absentUserId),
          lte(vast.fromDate, caseAssignments.fromDate),
          or(isNull(vast.untilDate), gte(vast.untilDate, caseAssignments.fromDate)),
        ),
      )
      .where(
        and(
          eq(cases.teamId, teamOf(ctx)),
          eq(caseAssignments.role, 'waarnemer'),
          eq(caseAssignments.userId, input.standInUserId),
          eq(caseAssignments.fromDate, input.from),
          eq(caseAssignments.untilDate, input.until),
        ),
      );
    if (targets.length === 0) return { caseCount: 0 };
    const rowVersion = await nextVersion(tx, ctx.user.organisationId);
    await tx
      .update(caseAssignments)
      .set({ untilDate: newUntil, rowVersion })
      .where(
        inArray(
          caseAssignments.id,
          targets.map((t) => t.id),
        ),
      );
    if (input.handoverNote) {
      // The note goes to the returning worker's own (vaste) assignment, so it syncs to their phone.
      await tx
        .update(caseAssignments)
        .set({ handoverNote: input.handoverNote, rowVersion })
        .where(
          and(
            inArray(
              caseAssignments.caseId,
              targets.map((t) => t.caseId),
            ),
            eq(caseAssignments.role, 'vast'),
            eq(caseAssignments.userId, input.absentUserId),
            isNull(caseAssignments.untilDate),
          ),
        );
    }
    await logAccess(
      tx,
      ctx,
      targets.map((t) => ({
        caseId: t.caseId,
        action: 'update' as const,
        procedure: 'waitingList.endStandIn',
        allowed: true,
        reason: `waarneming beëindigd per ${newUntil}`,
      })),
    );
    return { caseCount: targets.length };
  });
}
