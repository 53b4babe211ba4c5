import { z } from 'zod';

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
