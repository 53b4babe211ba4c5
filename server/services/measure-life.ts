/**
 * What a GI registers after a court decision on a measure: a verlenging, an
 * omzetting, a beëindiging or the lapse of a measure whose term passed.
 * For the jeugdbeschermer who carries the case (or stands in) and the team
 * lead of its team (services/access.ts decides; a refusal is logged).
 *
 * Guarantees: the shared rules (shared/rules/measure-life.ts) check the input
 * inside the one transaction that writes, with the case row locked, so bad
 * input or a measure changed meanwhile writes nothing; every row written
 * carries one new sync version, so the phones follow at their next pull; the
 * change is in the access log. When the last running measure ends, the case
 * closes in the same transaction: its assignments end, it leaves the waiting
 * list, its open help requests are withdrawn, and it leaves the phones at
 * their next sync (which pushes the phone's queued work first).
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, gt, gte, inArray, isNull, or } from 'drizzle-orm';
import { dutchToday, type IsoDate, plusDays } from '../../shared/rules/dates';
import { extensionAlert } from '../../shared/rules/extension';
import {
  checkConversion,
  checkEnding,
  checkExtension,
  conversionEndDate,
  dag,
  type LifeError,
} from '../../shared/rules/measure-checks';
import { closingDay, normsFromAfter } from '../../shared/rules/measure-life';
import { applyVerwijzingStep, WAITING_VERWIJZING_STATUSES } from '../../shared/rules/verwijzing';
import type { ConvertMeasure, EndMeasure, ExtendMeasure } from '../../shared/schemas/maatregel';
import { logAccess } from '../audit/access-log';
import type { Db } from '../db/connection';
import {
  beschikkingen,
  caseAssignments,
  cases,
  caseWaiting,
  jeugdigen,
  maatregelen,
  verwijzingen,
  verwijzingStappen,
} from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nextVersion } from '../sync/versions';
import { type AuthedContext, FieldRefusal } from '../trpc';
import { assertCaseAccess } from './access';

/** The rule's findings as a BAD_REQUEST: the message names them all, the issues tie each to its field. */
function refusal(errors: LifeError[]): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: errors.map((e) => e.message).join(' '),
    cause: new FieldRefusal(errors.map((e) => ({ code: 'custom', path: [e.field], message: e.message }))),
  });
}

function refuseIf(errors: LifeError[]): void {
  if (errors.length > 0) throw refusal(errors);
}

type Measure = Awaited<ReturnType<typeof lockedMeasure>>;

const notOfCase = () =>
  refusal([{ field: 'measure', message: 'Deze maatregel hoort niet bij dit dossier.' }]);

/** The case (locked for the change) and the measure, or a refusal when the measure is not the case's. */
async function lockedMeasure(tx: Db, ref: { caseId: string; maatregelId: string }) {
  const [kase] = await tx
    .select({ organisationId: cases.organisationId, jeugdigeId: cases.jeugdigeId })
    .from(cases)
    .where(eq(cases.id, ref.caseId))
    .for('update');
  const [measure] = await tx
    .select({
      id: maatregelen.id,
      type: maatregelen.type,
      status: maatregelen.status,
      court: maatregelen.court,
      rulingDate: maatregelen.rulingDate,
      endDate: maatregelen.endDate,
      endedOn: maatregelen.endedOn,
      normsFrom: maatregelen.normsFrom,
    })
    .from(maatregelen)
    .where(and(eq(maatregelen.id, ref.maatregelId), eq(maatregelen.caseId, ref.caseId)));
  if (!kase || !measure) throw notOfCase();
  const [child] = await tx
    .select({ birthDate: jeugdigen.birthDate })
    .from(jeugdigen)
    .where(eq(jeugdigen.id, kase.jeugdigeId));
  if (!child) throw notOfCase();
  return { ...measure, organisationId: kase.organisationId, birthDate: child.birthDate };
}

/** Access first (refusals are logged), then the change in one transaction, logged with it. */
async function change<T>(
  ctx: AuthedContext,
  ref: { caseId: string; maatregelId: string },
  procedure: string,
  write: (tx: Db, m: Measure, today: IsoDate) => Promise<T>,
): Promise<T> {
  await assertCaseAccess(ctx, ref.caseId, 'update', procedure);
  const today = dutchToday(ctx.now);
  return inTransaction(ctx.db, async (tx) => {
    const measure = await lockedMeasure(tx, ref);
    const result = await write(tx, measure, today);
    await logAccess(tx, ctx, [{ caseId: ref.caseId, action: 'update', procedure, allowed: true }]);
    return result;
  });
}

/** Verlenging: the measure runs until the new end date; the ruling is kept as a beschikking. */
export function extendMeasure(ctx: AuthedContext, input: ExtendMeasure) {
  return change(ctx, input, 'measures.extend', async (tx, m, today) => {
    refuseIf(checkExtension(m, input, today));
    const rowVersion = await nextVersion(tx, m.organisationId);
    await tx.update(maatregelen).set({ endDate: input.endDate, rowVersion }).where(eq(maatregelen.id, m.id));
    await tx.insert(beschikkingen).values({
      id: randomUUID(),
      organisationId: m.organisationId,
      maatregelId: m.id,
      kind: 'verlenging',
      date: input.rulingDate,
      validUntil: input.endDate,
      court: input.court ?? m.court,
      reference: input.reference,
      rowVersion,
    });
    const alert = extensionAlert({ status: 'lopend', endDate: input.endDate, type: m.type }, today);
    return { endDate: input.endDate, requestBy: alert?.requestBy ?? null };
  });
}

/**
 * Omzetting: the running measure ends the day before the new ruling (reason
 * `omgezet`), the new one starts on it, points back at it and carries the
 * day the norms count from (normsFromAfter: the chain's first ruling).
 */
export function convertMeasure(ctx: AuthedContext, input: ConvertMeasure) {
  return change(ctx, input, 'measures.convert', async (tx, m, today) => {
    refuseIf(checkConversion(m, input, today, m.birthDate));
    if (input.zaaknummer) {
      const [taken] = await tx
        .select({ id: maatregelen.id })
        .from(maatregelen)
        .where(
          and(eq(maatregelen.organisationId, m.organisationId), eq(maatregelen.zaaknummer, input.zaaknummer)),
        );
      if (taken)
        refuseIf([{ field: 'zaaknummer', message: `Zaaknummer ${input.zaaknummer} is al geregistreerd.` }]);
    }
    const endDate = conversionEndDate(input.toType, input.endDate, m.birthDate);
    const normsFrom = normsFromAfter(m, input.rulingDate);
    const rowVersion = await nextVersion(tx, m.organisationId);
    await tx
      .update(maatregelen)
      .set({ status: 'beeindigd', endedOn: plusDays(input.rulingDate, -1), endReason: 'omgezet', rowVersion })
      .where(eq(maatregelen.id, m.id));
    const id = randomUUID();
    await tx.insert(maatregelen).values({
      id,
      organisationId: m.organisationId,
      caseId: input.caseId,
      type: input.toType,
      court: input.court,
      rulingDate: input.rulingDate,
      startDate: input.rulingDate,
      endDate,
      outOfHomePlacement: input.outOfHomePlacement,
      status: 'lopend',
      zaaknummer: input.zaaknummer || null,
      previousMaatregelId: m.id,
      normsFrom,
      rowVersion,
    });
    await tx.insert(beschikkingen).values({
      id: randomUUID(),
      organisationId: m.organisationId,
      maatregelId: id,
      kind: 'uitspraak',
      date: input.rulingDate,
      validUntil: endDate,
      court: input.court,
      reference: input.zaaknummer,
      rowVersion,
    });
    return { maatregelId: id, endDate, normsFrom };
  });
}

/**
 * Beëindiging or lapse: the measure ends on the given day with its reason (a
 * ruling that lifts it is kept as a beschikking). When no measure of the case
 * runs any more, the case closes (closeCase).
 */
export function endMeasure(ctx: AuthedContext, input: EndMeasure) {
  return change(ctx, input, 'measures.end', async (tx, m, today) => {
    refuseIf(checkEnding(m, input, today, m.birthDate));
    const rowVersion = await nextVersion(tx, m.organisationId);
    await tx
      .update(maatregelen)
      .set({
        status: 'beeindigd',
        endedOn: input.endedOn,
        endReason: input.reason,
        endReasonText: input.reason === 'overig' ? input.reasonText : '',
        rowVersion,
      })
      .where(eq(maatregelen.id, m.id));
    if (input.reason === 'opgeheven') {
      await tx.insert(beschikkingen).values({
        id: randomUUID(),
        organisationId: m.organisationId,
        maatregelId: m.id,
        kind: 'beeindiging',
        date: input.endedOn,
        court: m.court,
        reference: '',
        rowVersion,
      });
    }
    const all = await tx
      .select({ status: maatregelen.status, endDate: maatregelen.endDate, endedOn: maatregelen.endedOn })
      .from(maatregelen)
      .where(eq(maatregelen.caseId, input.caseId));
    const closedOn = closingDay(all);
    if (closedOn)
      await closeCase(tx, ctx, {
        caseId: input.caseId,
        organisationId: m.organisationId,
        closedOn,
        today,
        rowVersion,
      });
    return { closed: closedOn !== null, closedOn };
  });
}

const WITHDRAWN_ON_CLOSING = 'De maatregel is beëindigd; het dossier is afgesloten.';

/**
 * The last measure ended: the case is afgesloten from its last day. Who
 * carried it stops carrying it today (so it leaves their caseload and their
 * phone, and the balance); it leaves the waiting list; help not yet started
 * is withdrawn (it leaves the desk's queue and the waiting report). Help that
 * started stays as it is: it may go on without a measure.
 */
async function closeCase(
  tx: Db,
  ctx: AuthedContext,
  c: { caseId: string; organisationId: string; closedOn: IsoDate; today: IsoDate; rowVersion: number },
) {
  const { rowVersion } = c;
  await tx
    .update(cases)
    .set({ status: 'afgesloten', closedOn: c.closedOn, rowVersion })
    .where(eq(cases.id, c.caseId));
  await tx
    .update(caseAssignments)
    .set({ untilDate: c.today, rowVersion })
    .where(
      and(
        eq(caseAssignments.caseId, c.caseId),
        or(isNull(caseAssignments.untilDate), gt(caseAssignments.untilDate, c.today)),
      ),
    );
  await tx.delete(caseWaiting).where(eq(caseWaiting.caseId, c.caseId));
  const open = await tx
    .select({ id: verwijzingen.id, status: verwijzingen.status, escalation: verwijzingen.escalation })
    .from(verwijzingen)
    .where(
      and(
        eq(verwijzingen.caseId, c.caseId),
        inArray(verwijzingen.status, ['concept', ...WAITING_VERWIJZING_STATUSES]),
      ),
    );
  for (const r of open) {
    const step = applyVerwijzingStep(r.status, r.escalation, 'intrekken');
    if (!step.ok) continue;
    await tx
      .update(verwijzingen)
      .set({ status: step.to, updatedAt: ctx.now, rowVersion })
      .where(eq(verwijzingen.id, r.id));
    await tx.insert(verwijzingStappen).values({
      id: randomUUID(),
      organisationId: c.organisationId,
      verwijzingId: r.id,
      caseId: c.caseId,
      step: 'intrekken',
      fromStatus: r.status,
      toStatus: step.to,
      answer: WITHDRAWN_ON_CLOSING,
      on: c.today,
      byUserId: ctx.user.id,
      byRole: ctx.user.role,
      at: ctx.now,
      rowVersion,
    });
  }
}

/**
 * For a mutation a phone pushes for a case that has been closed: null when
 * the case is not closed; otherwise the day it closed and whether this user
 * carried it (or stood in) up to its closing — whose work from before they
 * learned of it is still handled (services/../sync/mutators.ts decides how).
 */
export async function closedCaseOf(
  ctx: AuthedContext,
  caseId: string,
): Promise<{ closedOn: IsoDate; carried: boolean; message: string } | null> {
  const [kase] = await ctx.db
    .select({ status: cases.status, closedOn: cases.closedOn })
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.organisationId, ctx.user.organisationId)));
  if (kase?.status !== 'afgesloten') return null;
  const closedOn = kase.closedOn ?? dutchToday(ctx.now);
  const [carrier] = await ctx.db
    .select({ id: caseAssignments.id })
    .from(caseAssignments)
    .where(
      and(
        eq(caseAssignments.caseId, caseId),
        eq(caseAssignments.userId, ctx.user.id),
        or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, closedOn)),
      ),
    );
  return {
    closedOn,
    carried: !!carrier,
    message: `Het dossier is afgesloten op ${dag(closedOn)}: de maatregel is beëindigd. Deze wijziging is niet meer verwerkt.`,
  };
}
