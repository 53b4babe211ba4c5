/**
 * Every change a user makes on the phone is a named mutation: the phone writes
 * it optimistically to its local store and queues it in the outbox; the server
 * applies it at push, as the authority. Both sides validate the arguments with
 * the schemas below, so a length limit or a required field lives here once.
 */
import { z } from 'zod';
import { contactSchema } from './contact';
import { koersAgreementSchema, koersContentSchema } from './koers';
import { isoDate } from './primitives';

export const logContactArgs = contactSchema.omit({ authorId: true }).strict();
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
  keep: z.enum(['mine', 'theirs']),
});

export const mutationArgSchemas = {
  logContact: logContactArgs,
  startKoers: startKoersArgs,
  editKoers: editKoersArgs,
  setKoersStatus: setKoersStatusArgs,
  resolveKoersConflict: resolveKoersConflictArgs,
} as const;
export type MutationArgs<N extends keyof typeof mutationArgSchemas> = z.infer<(typeof mutationArgSchemas)[N]>;

export type MutationName = keyof typeof mutationArgSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgSchemas) as MutationName[];

/** One outbox entry as it travels: ids count 1, 2, 3… per client, without gaps. */
export const pushedMutationSchema = z.strictObject({
  id: z.number().int().min(1),
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  args: z.unknown(),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

/** The case a mutation is about, read from its (possibly malformed) arguments; null when there is none. */
export function caseIdOfArgs(args: unknown): string | null {
  const caseId = (args as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' && z.uuid().safeParse(caseId).success ? caseId : null;
}

export const MAX_PUSH_BATCH = 100;

export const pushInput = z.strictObject({
  clientId: z.uuid(),
  mutations: z.array(pushedMutationSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushInput = z.infer<typeof pushInput>;

export type MutationOutcome =
  | { id: number; status: 'toegepast' }
  | { id: number; status: 'geweigerd'; reason: string };

export type PushResult =
  | { status: 'ok'; lastMutationId: number; outcomes: MutationOutcome[] }
  /** The server has not seen the mutations before `expected`: resend from there. */
  | { status: 'gap'; lastMutationId: number; expected: number };
