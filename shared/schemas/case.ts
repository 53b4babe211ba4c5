import { z } from 'zod';
import { maatregelTypeSchema } from './maatregel';
import { isoDate } from './primitives';

/** A case's life at the GI: registered (instroom), waiting for a worker, carried, closed. */
export const CASE_STATUSES = ['instroom', 'wachtlijst', 'actief', 'afgesloten'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Who carries a case: the vaste jeugdbeschermer, or a waarnemer for a period. */
export const ASSIGNMENT_ROLES = ['vast', 'waarnemer'] as const;

export const NORM_STATES = ['voldaan', 'te-laat-voldaan', 'op-tijd', 'bijna', 'te-laat'] as const;

const normStatusSchema = z.object({
  norm: z.enum(['vasteJeugdbeschermer', 'koers', 'passendeHulp']),
  dueDate: isoDate,
  metOn: isoDate.nullable(),
  state: z.enum(NORM_STATES),
  daysLeft: z.number().int(),
});

/** One row of Mijn caseload: enough to choose where to go next, nothing more. */
export const caseSummarySchema = z.object({
  caseId: z.uuid(),
  jeugdigeName: z.string(),
  birthDate: isoDate,
  age: z.number().int(),
  gezinName: z.string(),
  gemeente: z.string(),
  maatregelType: maatregelTypeSchema,
  rulingDate: isoDate,
  measureEndDate: isoDate.nullable(),
  lastContactAt: z.string().nullable(),
  norms: z.object({
    vasteJeugdbeschermer: normStatusSchema,
    koers: normStatusSchema,
    passendeHulp: normStatusSchema,
  }),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseIdInput = z.strictObject({ caseId: z.uuid() });
