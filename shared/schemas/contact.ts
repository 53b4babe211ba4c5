import { z } from 'zod';
import { isoDate } from './primitives';

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

export const contactSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: contactKindSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  present: z.array(z.string().trim().min(1).max(120)).max(30),
  childSeen: z.boolean(),
  report: z.string().max(20_000),
  amendsId: z.uuid().nullable(),
  /** The next planned contact (afspraak), if one was made; the caseload sorts by it. */
  nextContactOn: isoDate.nullable().optional(),
  authorId: z.uuid(),
});
export type Contact = z.infer<typeof contactSchema>;
