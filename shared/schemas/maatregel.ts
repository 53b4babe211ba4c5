import { z } from 'zod';
import { isoDate } from './primitives';

/** OTS, voorlopige OTS, voogdij (gezagsbeëindigend) and jeugdreclassering. */
export const MAATREGEL_TYPES = ['ots', 'vots', 'voogdij', 'jeugdreclassering'] as const;
export const maatregelTypeSchema = z.enum(MAATREGEL_TYPES);
export type MaatregelType = z.infer<typeof maatregelTypeSchema>;

export const MAATREGEL_STATUSES = ['lopend', 'beeindigd'] as const;
export const maatregelStatusSchema = z.enum(MAATREGEL_STATUSES);

export const BESCHIKKING_KINDS = [
  'uitspraak',
  'verlenging',
  'machtiging_uhp',
  'wijziging',
  'beeindiging',
] as const;
export const beschikkingKindSchema = z.enum(BESCHIKKING_KINDS);
export type BeschikkingKind = z.infer<typeof beschikkingKindSchema>;

export const maatregelSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  type: maatregelTypeSchema,
  court: z.string().max(120),
  rulingDate: isoDate,
  startDate: isoDate,
  endDate: isoDate.nullable(),
  outOfHomePlacement: z.boolean(),
  status: maatregelStatusSchema,
});
export type Maatregel = z.infer<typeof maatregelSchema>;
