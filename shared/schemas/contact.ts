import { z } from 'zod';
import { isoDate, limitedText } from './primitives';

export const CONTACT_KINDS = [
  'huisbezoek',
  'telefonisch',
  'kind_alleen',
  'netwerkberaad',
  'ketenoverleg',
  'school',
  'videogesprek',
  'overig',
] as const;
export const contactKindSchema = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof contactKindSchema>;

/** Length limits, here once: the form counts against them, both sides refuse past them. */
export const CONTACT_LIMITS = { report: 20_000, presentName: 120 } as const;

export const contactSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: contactKindSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  present: z.array(limitedText('Een naam bij aanwezig', CONTACT_LIMITS.presentName).trim().min(1)).max(30),
  childSeen: z.boolean(),
  report: limitedText('Het verslag', CONTACT_LIMITS.report),
  amendsId: z.uuid().nullable(),
  /** The next planned contact (afspraak), if one was made; the caseload sorts by it. */
  nextContactOn: isoDate.nullable().optional(),
  authorId: z.uuid(),
});
export type Contact = z.infer<typeof contactSchema>;
