/**
 * A step on a request (a status change) at the referral desk. Guarantee: the
 * shared state machine (shared/rules/verwijzing.ts) decides whoever sends it;
 * a refused step changes nothing; an accepted one is kept in the history with
 * who, when and the answer, and gives the request a new sync version so the
 * worker's phone follows.
 */
import { TRPCError } from '@trpc/server';
import { applyVerwijzingStep } from '../../../shared/rules/verwijzing';
import type { VerwijzingStepInput } from '../../../shared/schemas/referral-desk';
import type { AuthedContext } from '../../trpc';
import { changeRequest } from './change';

/**
 * One step on a request at the referral desk, enforced by the shared state
 * machine whoever sends it: an illegal step is refused with its reason and
 * changes nothing. The step is kept in the history with who, when and the
 * answer; the request gets a new sync version, so the worker's phone follows.
 * For an escalation, `on` is the day of its first follow-up. What each step
 * must carry (answer, provider, day) the input schema has checked already
 * (shared/schemas/referral-desk.ts).
 */
export async function takeStep(ctx: AuthedContext, input: VerwijzingStepInput) {
  return changeRequest(ctx, input.verwijzingId, 'verwijzingen.step', (row) => {
    const result = applyVerwijzingStep(row.status, row.escalation, input.step);
    if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: result.reason });
    return {
      step: input.step,
      status: result.to,
      escalation: result.escalation,
      set: {
        status: result.to,
        escalation: result.escalation,
        ...(input.step === 'aanmelden' ? { aanbiederId: input.aanbiederId } : {}),
        ...(input.step === 'starten' ? { startedOn: input.on } : {}),
        ...(input.step === 'beeindigen' ? { endedOn: input.on } : {}),
        ...((input.step === 'accepteren' || input.step === 'wachtlijst') && input.on
          ? { expectedStartOn: input.on }
          : {}),
        ...(input.step === 'opschalen' && input.on ? { followUpOn: input.on } : {}),
      },
      answer: input.answer,
      aanbiederId: input.aanbiederId ?? null,
      on: input.on ?? null,
    };
  });
}
