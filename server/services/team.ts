/**
 * The team lead's first view: each jeugdbeschermer of the team with the number
 * of children they carry and how many of those breach a norm. Counts only: no
 * child's data leaves here, so nothing is written to the access log.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { workerCaseload } from '../../shared/rules/caseload';
import { dutchToday, plusDays } from '../../shared/rules/dates';
import { normsStart } from '../../shared/rules/measure-life';
import { NORM_KEYS } from '../../shared/rules/norms';
import type {
  ComplexDivorceInput,
  MoveCasesInput,
  ReassignInput,
  TeamWorker,
} from '../../shared/schemas/team';
import { logAccess } from '../audit/access-log';
import { caseAssignments, cases, jeugdigen, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import type { AuthedContext } from '../trpc';
import { assertCaseAccess } from './access';
import { activeTeamWorkers, assignmentRunsOn, vastOpenOn } from './assignments';
import { loadCaseSummaries } from './case-summaries';
import { type CsvCell, toCsv } from './csv';
import { measuresByCase } from './measures';
import { holidayPolicyOf, type OrganisationSettings, settingsOf } from './settings';
import { requireFreshAuth } from './step-up';

export async function teamOverview(ctx: AuthedContext): Promise<TeamWorker[]> {
  const teamId = ctx.user.teamId;
  if (!teamId) return [];
  const workers = await activeTeamWorkers(ctx, teamId);
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
    await holidayPolicyOf(ctx.db, ctx.user.organisationId),
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
  await moveCases(ctx, { moves: [input] }, 'team.reassign');
  return { ok: true };
}

/**
 * Several moves at once (the "what if" committed): all or nothing, each case
 * checked for access and each target for being an active jeugdbeschermer of
 * the team.
 */
export async function moveCases(
  ctx: AuthedContext,
  input: MoveCasesInput,
  procedure = 'team.moveCases',
): Promise<{ moved: number }> {
  for (const move of input.moves) await assertCaseAccess(ctx, move.caseId, 'update', procedure);
  const targetIds = [...new Set(input.moves.map((m) => m.toUserId))];
  const targets = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(
      and(
        inArray(users.id, targetIds),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
        ctx.user.teamId ? eq(users.teamId, ctx.user.teamId) : undefined,
      ),
    );
  if (targets.length !== targetIds.length) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze jeugdbeschermer hoort niet bij uw team' });
  }
  const today = dutchToday(ctx.now);
  await inTransaction(ctx.db, async (tx) => {
    for (const move of input.moves) {
      const [caseRow] = await tx
        .select({ organisationId: cases.organisationId })
        .from(cases)
        .where(eq(cases.id, move.caseId))
        .for('update');
      if (!caseRow) throw new TRPCError({ code: 'NOT_FOUND', message: 'Dossier onbekend' });
      const openVast = and(eq(caseAssignments.caseId, move.caseId), vastOpenOn(today));
      const current = await tx
        .select({ userId: caseAssignments.userId })
        .from(caseAssignments)
        .where(openVast);
      if (current.some((a) => a.userId === move.toUserId)) {
        const name = targets.find((t) => t.id === move.toUserId)?.name ?? 'Deze jeugdbeschermer';
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `${name} is al de vaste jeugdbeschermer van dit dossier: kies een ander`,
        });
      }
      const rowVersion = await nextVersion(tx, caseRow.organisationId);
      // Every current (or future) vaste assignment ends yesterday; one that was still to start is thereby withdrawn.
      await tx
        .update(caseAssignments)
        .set({ untilDate: plusDays(today, -1), rowVersion })
        .where(openVast);
      await tx.insert(caseAssignments).values({
        id: randomUUID(),
        organisationId: caseRow.organisationId,
        caseId: move.caseId,
        userId: move.toUserId,
        role: 'vast',
        fromDate: today,
        assignedBy: ctx.user.id,
        handoverNote: move.handoverNote || null,
        rowVersion,
      });
    }
    await logAccess(
      tx,
      ctx,
      input.moves.map((m) => ({ caseId: m.caseId, action: 'update' as const, procedure, allowed: true })),
    );
  });
  return { moved: input.moves.length };
}

/**
 * The team's caseload balance: per jeugdbeschermer the children they carry
 * (vast, active cases) with the facts that weigh, the weighted figure against
 * the band for their FTE, and the organisation's weights, so the screen can
 * explain each figure and compute a "what if" before anything moves. The
 * children are named, so the listing is logged.
 */
export async function teamBalance(ctx: AuthedContext) {
  const settings = await settingsOf(ctx.db, ctx.user.organisationId);
  const today = dutchToday(ctx.now);
  const workers = await teamCaseloads(ctx, settings, today);
  await logAccess(
    ctx.db,
    ctx,
    workers.flatMap((w) =>
      w.cases.map((c) => ({
        caseId: c.caseId,
        action: 'list' as const,
        procedure: 'team.balance',
        allowed: true,
      })),
    ),
  );
  return { settings, today, workers };
}

const STATE_NAME = { onder: 'Ruimte', binnen: 'Binnen de norm', boven: 'Boven de norm' } as const;
const FACTOR_NAME = {
  base: 'kind',
  complexDivorce: 'complexe scheiding',
  startPhase: 'startfase',
  outOfHomePlacement: 'uithuisplaatsing',
  jeugdreclassering: 'jeugdreclassering',
  sibling: 'broer/zus in hetzelfde gezin',
} as const;

type TeamCaseload = Awaited<ReturnType<typeof teamCaseloads>>[number];

/** The balance as the screen explains it: a row per child with its weight and why; a worker without children once. */
export function balanceCsvRows(workers: TeamCaseload[]): CsvCell[][] {
  return [
    [
      'Jeugdbeschermer',
      'Fte',
      'Kinderen',
      'Gewogen caseload',
      'Norm van',
      'Norm tot',
      'Stand',
      'Jeugdige',
      'Gewicht',
      'Opbouw gewicht',
    ],
    ...workers.flatMap((w) => {
      const worker: CsvCell[] = [
        w.displayName,
        w.fte,
        w.caseload.children,
        w.caseload.weighted,
        w.caseload.band.low,
        w.caseload.band.high,
        STATE_NAME[w.caseload.state],
      ];
      if (w.caseload.cases.length === 0) return [[...worker, null, null, null]];
      const names = new Map(w.cases.map((c) => [c.caseId, c.name]));
      return w.caseload.cases.map((c) => [
        ...worker,
        names.get(c.caseId) ?? '',
        c.weight,
        c.factors
          .map(
            (f) => `${FACTOR_NAME[f.factor]} ${f.amount > 0 ? '+' : ''}${String(f.amount).replace('.', ',')}`,
          )
          .join(', '),
      ]);
    }),
  ];
}

/** The balance as CSV (step-up first): every child in it is logged as 'export'. */
export async function exportBalanceCsv(ctx: AuthedContext) {
  requireFreshAuth(ctx);
  const settings = await settingsOf(ctx.db, ctx.user.organisationId);
  const today = dutchToday(ctx.now);
  const workers = await teamCaseloads(ctx, settings, today);
  const caseIds = workers.flatMap((w) => w.cases.map((c) => c.caseId));
  await logAccess(
    ctx.db,
    ctx,
    caseIds.map((caseId) => ({
      caseId,
      action: 'export' as const,
      procedure: 'team.exportBalanceCsv',
      allowed: true,
    })),
  );
  return {
    filename: `caseload-balans-${today}.csv`,
    csv: toCsv(balanceCsvRows(workers)),
    count: caseIds.length,
  };
}

/**
 * Each active jeugdbeschermer of the user's team with the team's active
 * cases they carry as vaste jeugdbeschermer today, the facts that weigh, and
 * the weighted caseload. Used by the balance and by the intake's suggestion.
 */
export async function teamCaseloads(ctx: AuthedContext, settings: OrganisationSettings, today: string) {
  const teamId = ctx.user.teamId;
  if (!teamId) return [];
  const workers = await activeTeamWorkers(ctx, teamId);
  const carried = await ctx.db
    .select({
      caseId: cases.id,
      userId: caseAssignments.userId,
      complexDivorce: cases.complexDivorce,
      gezinId: jeugdigen.gezinId,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
    })
    .from(caseAssignments)
    .innerJoin(cases, eq(cases.id, caseAssignments.caseId))
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .where(
      and(
        eq(cases.teamId, teamId),
        eq(cases.status, 'actief'),
        eq(caseAssignments.role, 'vast'),
        assignmentRunsOn(today),
      ),
    );
  const caseIds = carried.map((c) => c.caseId);
  const measures = await measuresByCase(ctx.db, caseIds);
  const weighed = carried.map((c) => {
    const own = measures.get(c.caseId) ?? [];
    return {
      caseId: c.caseId,
      userId: c.userId,
      name: `${c.firstName} ${c.lastName}`,
      gezinId: c.gezinId,
      // The start phase of a chain of measures is its first measure's (shared/rules/measure-life.ts).
      rulingDate: own[0] ? normsStart(own[0]) : today,
      complexDivorce: c.complexDivorce,
      outOfHomePlacement: own.some((m) => m.status === 'lopend' && m.outOfHomePlacement),
      jeugdreclassering: own.some((m) => m.status === 'lopend' && m.type === 'jeugdreclassering'),
    };
  });
  return workers.map((w) => {
    const own = weighed.filter((c) => c.userId === w.userId);
    return {
      ...w,
      cases: own,
      caseload: workerCaseload(own, w.fte, today, settings.caseloadWeights, settings.caseloadNorm),
    };
  });
}

/** Marks a case of the team as a complex (vecht)scheiding, or not: it weighs in the caseload. */
export async function setComplexDivorce(ctx: AuthedContext, input: ComplexDivorceInput) {
  await assertCaseAccess(ctx, input.caseId, 'update', 'team.setComplexDivorce');
  await ctx.db.update(cases).set({ complexDivorce: input.complexDivorce }).where(eq(cases.id, input.caseId));
  return { complexDivorce: input.complexDivorce };
}
