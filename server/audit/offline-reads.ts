/**
 * Reads of a child's file made on a phone (from the local store, often
 * offline) reach the access log at the next sync, with the time on the
 * device. Each read has its own id, so a repeated upload counts once.
 *
 * Only reads the device could have made are logged as allowed: of a case its
 * user carried or stood in for at that time (case_assignments, vast or
 * waarnemer), not before the device existed (its registration, or its sync
 * client's first contact). A phone keeps a case it lost until its next sync,
 * which it cannot put off longer than its key share lasts offline
 * (DEVICE_SHARE_HOURS), so a read up to that long after the assignment ended
 * still counts. Any other read is refused precisely: logged as refused, with
 * the time the device claimed, never as allowed, and named in the answer. A
 * read of a case of another organisation, or an upload from another user's
 * client, is refused as a whole.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import { dutchToday } from '../../shared/rules/dates';
import type { OfflineReadsInput } from '../../shared/schemas/sync';
import { caseAssignments, cases, devices, syncClients } from '../db/schema';
import type { AuthedContext } from '../trpc';
import { type AccessLogRow, appendAccessLog, logAccess } from './access-log';

/** A device clock may be off, but not by more than this into the future. */
const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
/** How far a device clock may lag the server's around the start of a holding period. */
const CLOCK_MARGIN_MS = 60 * 60 * 1000;

export interface OfflineReadsResult {
  recorded: number;
  /** Reads the device cannot have made (not logged as allowed), with the reason. */
  refused?: { id: string; reason: string }[];
}

export async function recordOfflineReads(
  ctx: AuthedContext,
  input: OfflineReadsInput,
): Promise<OfflineReadsResult> {
  // The client as a sync client, or as a registered device that has not pulled yet.
  const [client] = await ctx.db
    .select({ userId: syncClients.userId, createdAt: syncClients.createdAt })
    .from(syncClients)
    .where(eq(syncClients.id, input.clientId));
  const [device] = await ctx.db
    .select({ id: devices.id, userId: devices.userId, registeredAt: devices.registeredAt })
    .from(devices)
    .where(eq(devices.clientId, input.clientId));
  const owner = client?.userId ?? device?.userId;
  if (owner !== ctx.user.id || (device && device.userId !== ctx.user.id)) {
    await logAccess(ctx.db, ctx, [
      {
        caseId: null,
        action: 'create',
        procedure: 'sync.reads',
        allowed: false,
        reason: 'toestel van een ander',
      },
    ]);
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Dit apparaat hoort niet bij deze gebruiker' });
  }
  const caseIds = [...new Set(input.reads.map((r) => r.caseId))];
  const known = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.id, caseIds), eq(cases.organisationId, ctx.user.organisationId)));
  const knownIds = new Set(known.map((c) => c.id));
  const foreign = caseIds.filter((id) => !knownIds.has(id));
  if (foreign.length) {
    await logAccess(
      ctx.db,
      ctx,
      foreign.map((caseId) => ({
        caseId,
        action: 'read' as const,
        procedure: 'sync.reads',
        allowed: false,
        reason: 'leeslog van een dossier buiten de organisatie geweigerd',
      })),
    );
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Onbekende dossiers in het leeslog: ${foreign.length}`,
    });
  }

  // The periods this user carried or stood in for these cases.
  const periods = await ctx.db
    .select({
      caseId: caseAssignments.caseId,
      from: caseAssignments.fromDate,
      until: caseAssignments.untilDate,
    })
    .from(caseAssignments)
    .where(
      and(
        inArray(caseAssignments.caseId, caseIds),
        eq(caseAssignments.userId, ctx.user.id),
        eq(caseAssignments.organisationId, ctx.user.organisationId),
      ),
    );
  const deviceSince = Math.min(
    client?.createdAt.getTime() ?? Number.POSITIVE_INFINITY,
    device?.registeredAt.getTime() ?? Number.POSITIVE_INFINITY,
  );
  const graceMs = ctx.config.DEVICE_SHARE_HOURS * 3_600_000;
  const refusal = (caseId: string, at: Date): string | null => {
    const startedBy = dutchToday(new Date(at.getTime() + CLOCK_MARGIN_MS));
    const endedAfter = dutchToday(new Date(at.getTime() - graceMs));
    const held = periods.some(
      (p) => p.caseId === caseId && p.from <= startedBy && (p.until === null || p.until >= endedAfter),
    );
    if (!held) return 'dossier was toen niet op dit toestel';
    return at.getTime() < deviceSince - CLOCK_MARGIN_MS ? 'gelezen vóór dit toestel bestond' : null;
  };

  const latest = ctx.now.getTime() + MAX_CLOCK_AHEAD_MS;
  const base = {
    receivedAt: ctx.now,
    organisationId: ctx.user.organisationId,
    userId: ctx.user.id,
    role: ctx.user.role,
    action: 'read',
    procedure: 'toestel.dossier',
    sessionId: ctx.user.sessionId,
    // The registered device these reads were made on (its name is what the log shows), else the session's.
    deviceId: device?.id ?? ctx.user.deviceId ?? null,
    device: `client ${input.clientId}`,
  } satisfies Partial<AccessLogRow>;
  const accepted: AccessLogRow[] = [];
  const refusedRows: AccessLogRow[] = [];
  const refused: { id: string; reason: string }[] = [];
  for (const r of input.reads) {
    const at = new Date(r.at);
    const plausible = at.getTime() <= latest;
    const why = refusal(r.caseId, plausible ? at : ctx.now);
    if (why) {
      refused.push({ id: r.id, reason: why });
      // Logged at its arrival: the time the device gave is only a claim, kept in the reason.
      refusedRows.push({
        ...base,
        at: ctx.now,
        caseId: r.caseId,
        result: 'geweigerd',
        reason: `leeslog geweigerd: ${why}; toesteltijd ${r.at}`,
        clientEventId: r.id,
      });
      continue;
    }
    accepted.push({
      ...base,
      at: plausible ? at : ctx.now,
      caseId: r.caseId,
      result: 'toegestaan',
      reason: plausible
        ? 'gelezen op het toestel'
        : `gelezen op het toestel; toesteltijd ${r.at} onwaarschijnlijk`,
      clientEventId: r.id,
    });
  }
  const recorded = (await appendAccessLog(ctx.db, ctx, accepted)).length;
  await appendAccessLog(ctx.db, ctx, refusedRows);
  return refused.length ? { recorded, refused } : { recorded };
}
