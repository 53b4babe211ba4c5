/**
 * What the referral desk's files share: the ruling a request answers, the
 * access-log rows for the children whose data goes out, and the refusal (an
 * unknown id and another organisation's request look alike, so ids cannot be
 * probed).
 */
import { TRPCError } from '@trpc/server';
import type { IsoDate } from '../../../shared/rules/dates';
import { normsStart } from '../../../shared/rules/measure-life';
import { currentRulingDate, helpDueDate } from '../../../shared/rules/norms';
import { type AccessAction, logAccess } from '../../audit/access-log';
import type { Db } from '../../db/connection';
import type { AuthedContext } from '../../trpc';

/**
 * The court ruling a request answers: the measure whose 3-month help date is
 * the request's "hulp uiterlijk" (that is how the date was set), else the
 * newest running measure's, else the newest measure's.
 */
export function rulingFor(
  measures: { rulingDate: IsoDate; status: string; normsFrom: IsoDate | null }[],
  due: IsoDate,
): IsoDate | null {
  const answered = measures.find((m) => helpDueDate(normsStart(m)) === due);
  return answered ? normsStart(answered) : currentRulingDate(measures);
}

export function logCases(
  ctx: AuthedContext,
  db: Db,
  caseIds: string[],
  action: AccessAction,
  procedure: string,
): Promise<void> {
  return logAccess(
    db,
    ctx,
    [...new Set(caseIds)].map((caseId) => ({ caseId, action, procedure, allowed: true })),
  );
}

export async function refuse(
  ctx: AuthedContext,
  db: Db,
  action: AccessAction,
  procedure: string,
): Promise<never> {
  // An unknown id and another organisation's request are refused alike, so ids cannot be probed.
  await logAccess(db, ctx, [
    { caseId: null, action, procedure, allowed: false, reason: 'buiten bevoegdheid' },
  ]);
  throw new TRPCError({ code: 'FORBIDDEN', message: 'U heeft geen toegang tot deze aanvraag' });
}
