/**
 * Instroom, the assignment: the cases waiting for a vaste jeugdbeschermer,
 * with the working days left of the 5-day term, and the team lead's choice,
 * helped by a suggestion (the worker with most room under the weighted
 * caseload). Guarantee: an assignment gives the case and its assignment a new
 * sync version, so the worker's phone receives the whole case at its next
 * pull; every case listed or assigned is in the access log.
 */
import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { dutchToday } from '../../../shared/rules/dates';
import { assignmentClock } from '../../../shared/rules/intake-deadline';
import { normsStart } from '../../../shared/rules/measure-life';
import type { IntakeAssignInput } from '../../../shared/schemas/intake';
import { logAccess } from '../../audit/access-log';
import { cases, gemeenten, jeugdigen, regionArrangements, teams, users } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { AuthedContext } from '../../trpc';
import { assignVasteWorker } from '../assignments';
import { measuresByCase } from '../measures';
import { settingsOf } from '../settings';
import { teamCaseloads } from '../team';

/**
 * The cases waiting for a vaste jeugdbeschermer: the lead's own team, or the
 * whole organisation for support staff, with the working days left of the
 * 5-day term. For a team lead also each worker's weighted caseload and the
 * suggestion: the one with most room (tie: fewer children).
 */
export async function intakeList(ctx: AuthedContext) {
  const orgId = ctx.user.organisationId;
  const lead = ctx.user.role === 'teamleider';
  const settings = await settingsOf(ctx.db, orgId);
  const today = dutchToday(ctx.now);
  // The teams the form may register for: a lead only the own team.
  const teamOptions = await ctx.db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.organisationId, orgId), lead ? eq(teams.id, ctx.user.teamId ?? orgId) : undefined))
    .orderBy(teams.name);
  const gemeenteOptions = await organisationGemeenten(ctx);
  if (lead && !ctx.user.teamId) {
    return {
      today,
      cases: [],
      workers: [],
      suggestedUserId: null,
      canAssign: false,
      teams: teamOptions,
      gemeenten: gemeenteOptions,
    };
  }
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      firstName: jeugdigen.firstName,
      lastName: jeugdigen.lastName,
      birthDate: jeugdigen.birthDate,
      clientNumber: jeugdigen.clientNumber,
      gemeente: gemeenten.name,
      teamName: teams.name,
      registeredAt: cases.registeredAt,
    })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(gemeenten, eq(gemeenten.id, jeugdigen.gemeenteId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(
      and(
        eq(cases.organisationId, orgId),
        eq(cases.status, 'instroom'),
        lead && ctx.user.teamId ? eq(cases.teamId, ctx.user.teamId) : undefined,
      ),
    );
  const caseIds = rows.map((r) => r.caseId);
  const measures = await measuresByCase(ctx.db, caseIds);
  const list = rows
    .map((r) => {
      const current = measures.get(r.caseId)?.[0];
      const rulingDate = current ? normsStart(current) : today; // a converted vOTS: its first ruling
      const clock = assignmentClock(rulingDate, today, settings.holidayPolicy);
      return {
        caseId: r.caseId,
        name: `${r.firstName} ${r.lastName}`,
        birthDate: r.birthDate,
        clientNumber: r.clientNumber,
        gemeente: r.gemeente,
        teamName: r.teamName ?? '',
        type: current?.type ?? null,
        zaaknummer: current?.zaaknummer ?? null,
        rulingDate,
        dueDate: clock.dueDate,
        workingDaysLeft: clock.workingDaysLeft,
        overdue: clock.overdue,
      };
    })
    .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.name.localeCompare(b.name));
  await logAccess(
    ctx.db,
    ctx,
    caseIds.map((caseId) => ({ caseId, action: 'list' as const, procedure: 'intake.list', allowed: true })),
  );
  const workers = lead ? await teamRoom(ctx, today, settings) : [];
  return {
    today,
    cases: list,
    workers,
    suggestedUserId: suggest(workers),
    canAssign: lead,
    teams: teamOptions,
    gemeenten: gemeenteOptions,
  };
}

/**
 * The gemeenten the form offers: every gemeente by name, those of the regions the organisation
 * has an arrangement with marked as its own (offered first). A child may live anywhere
 * (woonplaatsbeginsel), so the others stay choosable; the form sends the CBS code.
 */
async function organisationGemeenten(ctx: AuthedContext) {
  const own = new Set(
    (
      await ctx.db
        .select({ regionId: regionArrangements.regionId })
        .from(regionArrangements)
        .where(eq(regionArrangements.organisationId, ctx.user.organisationId))
    ).map((r) => r.regionId),
  );
  const all = await ctx.db
    .select({ cbsCode: gemeenten.cbsCode, name: gemeenten.name, regionId: gemeenten.regionId })
    .from(gemeenten)
    .orderBy(asc(gemeenten.name));
  return all.map((g) => ({ cbsCode: g.cbsCode, name: g.name, own: own.has(g.regionId) }));
}

export interface WorkerRoom {
  userId: string;
  displayName: string;
  fte: number;
  children: number;
  weighted: number;
  room: number;
}

/** Most room first; a tie goes to the one with fewer children (then by name, to be stable). */
export function suggest(workers: readonly WorkerRoom[]): string | null {
  const best = [...workers].sort(
    (a, b) => b.room - a.room || a.children - b.children || a.displayName.localeCompare(b.displayName),
  )[0];
  return best?.userId ?? null;
}

/** Each active jeugdbeschermer of the lead's team with the room under the weighted caseload (as the balance counts it). */
async function teamRoom(
  ctx: AuthedContext,
  today: string,
  settings: Awaited<ReturnType<typeof settingsOf>>,
): Promise<WorkerRoom[]> {
  return (await teamCaseloads(ctx, settings, today)).map((w) => ({
    userId: w.userId,
    displayName: w.displayName,
    fte: w.fte,
    children: w.caseload.children,
    weighted: w.caseload.weighted,
    room: w.caseload.room,
  }));
}

/**
 * Gives a new case its vaste jeugdbeschermer: one assignment from today, the
 * case becomes active, both with a new sync version, so the worker's phone
 * receives the whole case at its next pull.
 */
export async function assign(ctx: AuthedContext, input: IntakeAssignInput): Promise<{ ok: true }> {
  const [found] = await ctx.db
    .select({ teamId: cases.teamId, status: cases.status })
    .from(cases)
    .where(and(eq(cases.id, input.caseId), eq(cases.organisationId, ctx.user.organisationId)));
  if (!found || !ctx.user.teamId || found.teamId !== ctx.user.teamId) {
    await logAccess(ctx.db, ctx, [
      {
        caseId: found ? input.caseId : null,
        action: 'update',
        procedure: 'intake.assign',
        allowed: false,
        reason: 'niet van het eigen team',
      },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit dossier hoort niet bij uw team' });
  }
  const [worker] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, input.userId),
        eq(users.organisationId, ctx.user.organisationId),
        eq(users.teamId, ctx.user.teamId),
        eq(users.role, 'jeugdbeschermer'),
        eq(users.active, true),
      ),
    );
  if (!worker) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Deze jeugdbeschermer hoort niet bij uw team' });
  }
  const today = dutchToday(ctx.now);
  await inTransaction(ctx.db, async (tx) => {
    const [locked] = await tx
      .select({ status: cases.status })
      .from(cases)
      .where(eq(cases.id, input.caseId))
      .for('update');
    if (locked?.status !== 'instroom') {
      throw new TRPCError({ code: 'CONFLICT', message: 'Dit dossier is al toegewezen' });
    }
    await assignVasteWorker(tx, ctx, {
      caseId: input.caseId,
      organisationId: ctx.user.organisationId,
      userId: input.userId,
      today,
    });
    await logAccess(tx, ctx, [
      { caseId: input.caseId, action: 'update', procedure: 'intake.assign', allowed: true },
    ]);
  });
  return { ok: true };
}
