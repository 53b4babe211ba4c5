/**
 * Reading the access log, for the beheerder (privacy officer / functioneel
 * beheer): "who looked at this child's file, and when". Needs a fresh
 * authentication (step-up), stays within the organisation, and is itself
 * logged: a search as 'search' for every child found, a read of a child's
 * log as 'read' of that child with procedure accessLog.forCase.
 */
import { TRPCError } from '@trpc/server';
import { aliasedTable, and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type {
  AccessLogCaseHit,
  AccessLogChainCheck,
  AccessLogForCaseInput,
  AccessLogPage,
  AccessLogSearchInput,
} from '../../shared/schemas/access-log';
import { accessLog, cases, jeugdigen, teams, users } from '../db/schema';
import { requireFreshAuth } from '../services/step-up';
import type { AuthedContext } from '../trpc';
import { logAccess } from './access-log';
import { verifyAccessLog } from './chain';
import { describeProblem } from './chain-report';

const PAGE = 100;
const MAX_HITS = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCases(
  ctx: AuthedContext,
  input: AccessLogSearchInput,
): Promise<AccessLogCaseHit[]> {
  requireFreshAuth(ctx);
  const q = input.query;
  const like = `%${escapeLike(q)}%`;
  const match: SQL[] = [
    ilike(jeugdigen.firstName, like),
    ilike(jeugdigen.lastName, like),
    eq(jeugdigen.clientNumber, q),
  ];
  if (DATE.test(q)) match.push(eq(jeugdigen.birthDate, q));
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      clientNumber: jeugdigen.clientNumber,
      teamName: teams.name,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(and(eq(cases.organisationId, ctx.user.organisationId), or(...match)))
    .orderBy(jeugdigen.lastName, jeugdigen.firstName)
    .limit(MAX_HITS);
  await logAccess(
    ctx.db,
    ctx,
    rows.map((r) => ({
      caseId: r.caseId,
      action: 'search' as const,
      procedure: 'accessLog.searchCases',
      allowed: true,
    })),
  );
  return rows.map((r) => ({
    caseId: r.caseId,
    name: `${r.firstName} ${r.lastName}`,
    birthDate: r.birthDate,
    clientNumber: r.clientNumber,
    teamName: r.teamName,
  }));
}

export async function forCase(ctx: AuthedContext, input: AccessLogForCaseInput): Promise<AccessLogPage> {
  requireFreshAuth(ctx);
  const [child] = await ctx.db
    .select({ firstName: jeugdigen.firstName, lastName: jeugdigen.lastName })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .where(and(eq(cases.id, input.caseId), eq(cases.organisationId, ctx.user.organisationId)));
  if (!child) {
    await logAccess(ctx.db, ctx, [
      {
        caseId: input.caseId,
        action: 'read',
        procedure: 'accessLog.forCase',
        allowed: false,
        reason: 'buiten bevoegdheid',
      },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot dit dossier' });
  }
  // Logged before it is read, so this very reading is the newest line of the first page.
  if (input.beforeId === undefined) {
    await logAccess(ctx.db, ctx, [
      { caseId: input.caseId, action: 'read', procedure: 'accessLog.forCase', allowed: true },
    ]);
  }
  const onBehalf = aliasedTable(users, 'on_behalf');
  const rows = await ctx.db
    .select({
      id: accessLog.id,
      at: accessLog.at,
      receivedAt: accessLog.receivedAt,
      userName: users.displayName,
      role: accessLog.role,
      onBehalfOfName: onBehalf.displayName,
      action: accessLog.action,
      procedure: accessLog.procedure,
      result: accessLog.result,
      device: accessLog.device,
      reason: accessLog.reason,
    })
    .from(accessLog)
    .leftJoin(users, eq(users.id, accessLog.userId))
    .leftJoin(onBehalf, eq(onBehalf.id, accessLog.onBehalfOf))
    .where(
      and(
        eq(accessLog.caseId, input.caseId),
        eq(accessLog.organisationId, ctx.user.organisationId),
        input.beforeId === undefined ? undefined : lt(accessLog.id, input.beforeId),
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(PAGE + 1);
  const lines = rows.slice(0, PAGE);
  return {
    caseId: input.caseId,
    name: `${child.firstName} ${child.lastName}`,
    lines: lines.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      receivedAt: r.receivedAt?.toISOString() ?? null,
    })),
    nextBeforeId: rows.length > PAGE ? (lines.at(-1)?.id ?? null) : null,
  };
}

/** Checks the organisation's chain (server/audit/chain.ts); the check is logged as a read of the log. */
export async function verifyChain(ctx: AuthedContext): Promise<AccessLogChainCheck> {
  requireFreshAuth(ctx);
  await logAccess(ctx.db, ctx, [
    { caseId: null, action: 'read', procedure: 'accessLog.verifyChain', allowed: true },
  ]);
  const report = await verifyAccessLog(ctx.db, ctx.user.organisationId);
  return {
    ok: report.ok,
    entries: report.entries,
    problems: report.problems.slice(0, 50).map(describeProblem),
  };
}
