/**
 * Every change a user makes on the phone is a named mutation: the phone writes
 * it optimistically to its local store and queues it in the outbox; the server
 * applies it at push, as the authority. Both sides validate the arguments with
 * the schemas below, so a length limit or a required field lives here once.
 */
import { z } from 'zod';
import { dutchToday } from '../rules/dates';
import { addAttachmentArgs } from './attachment';
import { contactSchema } from './contact';
import { KOERS_CONFLICT_SIDES, koersAgreementSchema, koersContentSchema } from './koers';
import { isoDate, limitedText } from './primitives';
import { syncProtocolVersionField } from './sync';
import { consentSchema, productCategorySchema, urgencySchema } from './verwijzing';

/** The next planned contact may not lie before the contact's own day (in Dutch time): the phone's form and the server refuse it alike. */
export const NEXT_CONTACT_BEFORE_CONTACT = 'De volgende afspraak ligt vóór dit contact.';
export const nextContactTooEarly = (args: { occurredAt: string; nextContactOn?: string | null }): boolean =>
  !!args.nextContactOn && args.nextContactOn < dutchToday(new Date(args.occurredAt));

export const logContactArgs = contactSchema
  .omit({ authorId: true })
  .strict()
  .refine((args) => !nextContactTooEarly(args), {
    message: NEXT_CONTACT_BEFORE_CONTACT,
    path: ['nextContactOn'],
  });
export type LogContactArgs = z.infer<typeof logContactArgs>;

const KOERS_FIELDS = [
  'zorgpunten',
  'sterkePunten',
  'visieGezin',
  'ontwikkelingsbedreigingen',
  'doelen',
  'veiligheidsafspraken',
  'benodigdeHulp',
  'evaluationDate',
] as const satisfies readonly (keyof typeof koersContentSchema.shape | 'evaluationDate')[];

/** Starts a new koers version: the first, or a revision of a vastgestelde koers (its content is the start). */
export const startKoersArgs = z.strictObject({ id: z.uuid(), caseId: z.uuid() });

/** Changes some fields; `baseVersions` says, per field, which version the edit was made on. */
export const editKoersArgs = z.strictObject({
  koersId: z.uuid(),
  caseId: z.uuid(),
  values: koersContentSchema.partial().extend({ evaluationDate: isoDate.nullable().optional() }).strict(),
  baseVersions: z.partialRecord(z.enum(KOERS_FIELDS), z.number().int().min(0)),
});
export type EditKoersArgs = z.infer<typeof editKoersArgs>;

export const setKoersStatusArgs = z.strictObject({
  koersId: z.uuid(),
  caseId: z.uuid(),
  status: z.enum(['concept', 'in_afstemming', 'vastgesteld']),
  /** Who agreed: required to set a koers vastgesteld (gedragen). */
  agreement: koersAgreementSchema.optional(),
  agreedOn: isoDate.optional(),
});
export type SetKoersStatusArgs = z.infer<typeof setKoersStatusArgs>;

export const resolveKoersConflictArgs = z.strictObject({
  conflictId: z.uuid(),
  caseId: z.uuid(),
  keep: z.enum(KOERS_CONFLICT_SIDES),
});

/**
 * Hulp aanvragen: made on the phone (offline too), it becomes a request at
 * the referral desk when it syncs. The product is from the sociale kaart
 * (category + code + name) or, when nothing fits, a free description
 * (empty code). The gemeente is the woonplaats's unless corrected with a reason.
 */
/** The help request's length limits, here once: the form counts against them, both sides refuse past them. */
export const HELP_LIMITS = {
  productName: 300,
  need: 4000,
  urgencyReason: 2000,
  gemeenteNote: 500,
  familyViews: 4000,
  choiceReason: 1000,
} as const;

export const requestHelpArgs = z
  .strictObject({
    id: z.uuid(),
    caseId: z.uuid(),
    productCategory: productCategorySchema.or(z.literal('')),
    productCode: z.string().trim().max(20),
    productName: limitedText('De omschrijving van de hulp', HELP_LIMITS.productName)
      .trim()
      .min(1, 'Kies een product of beschrijf de hulp'),
    goalIds: z.array(z.uuid()).max(30),
    need: limitedText('Waarom deze hulp nodig is', HELP_LIMITS.need)
      .trim()
      .min(1, 'Beschrijf waarom deze hulp nodig is'),
    urgency: urgencySchema,
    urgencyReason: limitedText('De reden van de urgentie', HELP_LIMITS.urgencyReason).trim(),
    preferredAanbiederIds: z.array(z.uuid()).max(10),
    gemeenteId: z.uuid(),
    gemeenteNote: limitedText('De reden voor een andere gemeente', HELP_LIMITS.gemeenteNote).trim(),
    consent: consentSchema,
    familyViews: limitedText('De mening van het gezin', HELP_LIMITS.familyViews).trim(),
    requestedAt: z.iso.datetime({ offset: true }),
  })
  .refine((a) => a.urgency === 'regulier' || a.urgencyReason.length > 0, {
    path: ['urgencyReason'],
    message: 'Geef bij urgent of acuut de reden',
  })
  .refine((a) => a.productCode === '' || a.productCategory !== '', {
    path: ['productCategory'],
    message: 'Een product van de sociale kaart hoort bij een productcategorie',
  });
export type RequestHelpArgs = z.infer<typeof requestHelpArgs>;

/** The worker's (and family's) choice between an alternative offer and waiting, with the reason. */
export const chooseAlternativeArgs = z.strictObject({
  verwijzingId: z.uuid(),
  caseId: z.uuid(),
  choice: z.enum(['wachten', 'alternatief']),
  reason: limitedText('De reden van de keuze', HELP_LIMITS.choiceReason)
    .trim()
    .min(1, 'Geef de reden van de keuze'),
  decidedAt: z.iso.datetime({ offset: true }),
});
export type ChooseAlternativeArgs = z.infer<typeof chooseAlternativeArgs>;

export const mutationArgSchemas = {
  logContact: logContactArgs,
  startKoers: startKoersArgs,
  editKoers: editKoersArgs,
  setKoersStatus: setKoersStatusArgs,
  resolveKoersConflict: resolveKoersConflictArgs,
  requestHelp: requestHelpArgs,
  chooseAlternative: chooseAlternativeArgs,
  /** A bijlage announced by the phone; its bytes follow after the push (shared/schemas/attachment.ts). */
  addAttachment: addAttachmentArgs,
} as const;
export type MutationArgs<N extends keyof typeof mutationArgSchemas> = z.infer<(typeof mutationArgSchemas)[N]>;

export type MutationName = keyof typeof mutationArgSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgSchemas) as MutationName[];

/** One outbox entry as it travels: ids count 1, 2, 3… per client, without gaps. */
export const pushedMutationSchema = z.strictObject({
  id: z.number().int().min(1),
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]], 'Onbekende mutatie'),
  args: z.unknown(),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

/** The case a mutation is about, read from its (possibly malformed) arguments; null when there is none. */
export function caseIdOfArgs(args: unknown): string | null {
  const caseId = (args as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' && z.uuid().safeParse(caseId).success ? caseId : null;
}

export const MAX_PUSH_BATCH = 100;

// Only the server parses a whole push: a pure IIFE keeps this schema (and its messages) out of the phone's bundle.
export const pushInput = /* @__PURE__ */ (() =>
  z.strictObject({
    clientId: z.uuid('Ongeldig client-id'),
    mutations: z
      .array(pushedMutationSchema, 'Mutaties ontbreken')
      .min(1, 'Een push zonder mutaties')
      .max(MAX_PUSH_BATCH, `Te veel mutaties in één push (hoogstens ${MAX_PUSH_BATCH})`)
      // A phone sends its outbox in id order, each id once: anything else is a broken or forged push.
      .refine((ms) => ms.every((m, i) => i === 0 || m.id > (ms[i - 1] as PushedMutation).id), {
        message: 'Mutaties moeten in oplopende volgorde staan, elk nummer één keer',
      }),
    /** The phone's sync protocol version (shared/schemas/sync.ts). */
    protocolVersion: syncProtocolVersionField,
  }))();
export type PushInput = z.infer<typeof pushInput>;

export type MutationOutcome =
  | {
      id: number;
      status: 'toegepast';
      /** Applied, but a time the device gave looks wrong (shared/rules/device-time.ts): the note says why. */
      deviceTimeSuspect?: string;
    }
  | { id: number; status: 'geweigerd'; reason: string };

export type PushResult =
  | { status: 'ok'; lastMutationId: number; outcomes: MutationOutcome[] }
  /** The server has not seen the mutations before `expected`: resend from there. */
  | { status: 'gap'; lastMutationId: number; expected: number };
