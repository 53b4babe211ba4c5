import { z } from 'zod';
import { VERWIJZING_STEP_NAMES, type VerwijzingStep } from '../rules/verwijzing';
import { isoDate } from './primitives';

/** The states of one request for help; the steps between them are in shared/rules/verwijzing.ts. */
export const VERWIJZING_STATUSES = [
  'concept',
  'ingediend',
  'afstemming_gemeente',
  'aangemeld',
  'geaccepteerd',
  'afgewezen',
  'wachtlijst',
  'gestart',
  'beeindigd',
  'opgeschaald',
  'ingetrokken',
] as const;
export const verwijzingStatusSchema = z.enum(VERWIJZING_STATUSES);
export type VerwijzingStatus = z.infer<typeof verwijzingStatusSchema>;

/** Requests the referral desk still has to work on: submitted, not yet started, not ended or withdrawn. */
export const OPEN_VERWIJZING_STATUSES = [
  'ingediend',
  'afstemming_gemeente',
  'aangemeld',
  'geaccepteerd',
  'afgewezen',
  'wachtlijst',
  'opgeschaald',
] as const satisfies readonly VerwijzingStatus[];

export const URGENCIES = ['regulier', 'urgent', 'acuut'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

/**
 * One step on a request, at the referral desk. `answer` is the provider's or
 * gemeente's answer or the reason (required to refuse or withdraw); `on` is the
 * day it applies to (start, end, or expected start); `aanbiederId` the provider
 * it is registered with (required to register).
 */
export const verwijzingStepInput = z.strictObject({
  verwijzingId: z.uuid(),
  step: z.enum(VERWIJZING_STEP_NAMES as [VerwijzingStep, ...VerwijzingStep[]]),
  answer: z.string().trim().max(2000),
  on: isoDate.optional(),
  aanbiederId: z.uuid().optional(),
});
export type VerwijzingStepInput = z.infer<typeof verwijzingStepInput>;

/** The "nog geen passende hulp" report at a peildatum. */
export const helpReportInput = z.strictObject({ peildatum: isoDate });
