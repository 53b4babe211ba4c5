import { z } from 'zod';
import { isoDate, limitedText } from './primitives';

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

/**
 * Why a measure ended (shared/rules/measure-life.ts checks which fits when):
 * the fixed list a GI chooses from for an ending before the end date, plus
 * `verlopen` (the term passed without extension) and `omgezet` (converted into
 * the next measure: written by an omzetting only).
 */
export const END_REASONS = [
  'doel_bereikt',
  'meerderjarig',
  'andere_gi',
  'opgeheven',
  'overig',
  'verlopen',
  'omgezet',
] as const;
export const endReasonSchema = z.enum(END_REASONS);
export type EndReason = z.infer<typeof endReasonSchema>;
/** What a user may choose when registering an ending (omgezet comes with an omzetting). */
export const CHOSEN_END_REASONS = [
  'doel_bereikt',
  'meerderjarig',
  'andere_gi',
  'opgeheven',
  'overig',
  'verlopen',
] as const satisfies readonly EndReason[];

/** The conversions a court decides: voorlopige OTS → OTS, OTS → voogdij (gezagsbeëindigende maatregel). */
export const CONVERSION_TARGETS = ['ots', 'voogdij'] as const satisfies readonly MaatregelType[];

export const maatregelSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  type: maatregelTypeSchema,
  court: z.string().max(120),
  /** The court's case number, when known (an intake import or an omzetting names it): searchable on the phone. */
  zaaknummer: z.string().max(60).nullable(),
  rulingDate: isoDate,
  startDate: isoDate,
  endDate: isoDate.nullable(),
  outOfHomePlacement: z.boolean(),
  status: maatregelStatusSchema,
  /** The last day the measure ran, once ended. */
  endedOn: isoDate.nullable(),
  endReason: endReasonSchema.nullable(),
  /** The words for `overig`. */
  endReasonText: z.string().max(500),
  /** The measure this one was converted from (omzetting), if any. */
  previousMaatregelId: z.uuid().nullable(),
  /** The day the three norms count from, when not its own ruling: the first ruling of its chain. */
  normsFrom: isoDate.nullable(),
});
export type Maatregel = z.infer<typeof maatregelSchema>;

/** The free texts of a court decision and their limits (the form counts down to them; past them both sides refuse). */
export const MEASURE_TEXT_LIMITS = { court: 120, reference: 120, zaaknummer: 60, reasonText: 500 } as const;

const ref = z.strictObject({ caseId: z.uuid(), maatregelId: z.uuid() });
const court = limitedText('De rechtbank', MEASURE_TEXT_LIMITS.court).trim().min(1, 'Vul de rechtbank in');
const reference = limitedText('Het kenmerk', MEASURE_TEXT_LIMITS.reference).trim();

/** Verlenging: the court extended the measure until a new end date. */
export const extendMeasureInput = ref.extend({
  rulingDate: isoDate,
  endDate: isoDate,
  court: court.optional(),
  reference: reference.default(''),
});
export type ExtendMeasureInput = z.input<typeof extendMeasureInput>;
export type ExtendMeasure = z.output<typeof extendMeasureInput>;

/** Omzetting: the court replaced the measure by the next one of the chain. */
export const convertMeasureInput = ref.extend({
  toType: z.enum(CONVERSION_TARGETS),
  rulingDate: isoDate,
  /** Required for an OTS; voogdij runs until the child turns 18 (the server computes it). */
  endDate: isoDate.nullable().default(null),
  court,
  zaaknummer: limitedText('Het zaaknummer', MEASURE_TEXT_LIMITS.zaaknummer).trim().default(''),
  outOfHomePlacement: z.boolean(),
});
export type ConvertMeasureInput = z.input<typeof convertMeasureInput>;
export type ConvertMeasure = z.output<typeof convertMeasureInput>;

/** Beëindiging (before the end date) or the registration of a lapse (`verlopen`). */
export const endMeasureInput = ref.extend({
  endedOn: isoDate,
  reason: z.enum(CHOSEN_END_REASONS),
  reasonText: limitedText('De toelichting', MEASURE_TEXT_LIMITS.reasonText).trim().default(''),
});
export type EndMeasureInput = z.input<typeof endMeasureInput>;
export type EndMeasure = z.output<typeof endMeasureInput>;
