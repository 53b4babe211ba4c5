/**
 * Events on a request that change no status: bridging help, an alternative
 * offer, the follow-up of an escalation. Guarantee: allowed only in the
 * statuses the shared rules give, kept in the history, synced to the worker's
 * phone, and logged.
 */
import { TRPCError } from '@trpc/server';
import type { IsoDate } from '../../../shared/rules/dates';
import { checkVerwijzingEvent, type VerwijzingEvent } from '../../../shared/rules/verwijzing';
import type { Alternative, Bridging } from '../../../shared/schemas/referral-desk';
import type { AuthedContext } from '../../trpc';
import { changeRequest } from './change';

interface EventChange {
  set: Partial<{ bridging: Bridging; alternative: Alternative; followUpOn: IsoDate | null }>;
  /** The text kept in the history. */
  answer: string;
  on: IsoDate | null;
  aanbiederId: string | null;
}

/**
 * Records an event (bridging help, an alternative offer, a follow-up) on a
 * request: allowed only in the statuses the shared rules give, kept in the
 * history with the status unchanged, and synced to the worker's phone.
 */
function recordEvent(
  ctx: AuthedContext,
  verwijzingId: string,
  event: VerwijzingEvent,
  procedure: string,
  change: EventChange,
) {
  return changeRequest(ctx, verwijzingId, procedure, (row) => {
    const check = checkVerwijzingEvent(row.status, event);
    if (!check.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: check.reason });
    return { step: event, status: row.status, escalation: row.escalation, ...change };
  });
}

/** Bridging help while the child waits; a new one replaces the current (the history keeps both). */
export function setBridging(ctx: AuthedContext, input: { verwijzingId: string; bridging: Bridging }) {
  const b = input.bridging;
  return recordEvent(ctx, input.verwijzingId, 'overbrugging', 'verwijzingen.setBridging', {
    set: { bridging: b },
    answer: `${b.provider}: ${b.description}`,
    on: b.startedOn,
    aanbiederId: null,
  });
}

/** An alternative offered instead of waiting; the worker's choice on it comes from the phone. */
export function offerAlternative(
  ctx: AuthedContext,
  input: { verwijzingId: string; offer: string; aanbiederId: string | null; expectedStartOn: IsoDate | null },
) {
  return recordEvent(ctx, input.verwijzingId, 'alternatief', 'verwijzingen.offerAlternative', {
    set: {
      alternative: {
        offer: input.offer,
        aanbiederId: input.aanbiederId,
        expectedStartOn: input.expectedStartOn,
        offeredAt: ctx.now.toISOString(),
        choice: null,
        reason: '',
        decidedAt: null,
      },
    },
    answer: input.offer,
    on: input.expectedStartOn,
    aanbiederId: input.aanbiederId,
  });
}

/** The follow-up of an escalation: what was done or agreed, and when to look again. */
export function followUp(
  ctx: AuthedContext,
  input: { verwijzingId: string; note: string; nextOn: IsoDate | null },
) {
  return recordEvent(ctx, input.verwijzingId, 'opvolging', 'verwijzingen.followUp', {
    set: { followUpOn: input.nextOn },
    answer: input.note,
    on: input.nextOn,
    aanbiederId: null,
  });
}
