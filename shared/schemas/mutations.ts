/**
 * Every change a user makes on the phone is a named mutation: the phone writes
 * it optimistically to its local store and queues it in the outbox; the server
 * applies it at push, as the authority. Both sides validate the arguments with
 * the schemas below, so a length limit or a required field lives here once.
 */
import { z } from 'zod';
import { contactSchema } from './contact';

export const logContactArgs = contactSchema.omit({ authorId: true }).strict();
export type LogContactArgs = z.infer<typeof logContactArgs>;

export const mutationArgSchemas = {
  logContact: logContactArgs,
} as const;

export type MutationName = keyof typeof mutationArgSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgSchemas) as MutationName[];

/** One outbox entry as it travels: ids count 1, 2, 3… per client, without gaps. */
export const pushedMutationSchema = z.strictObject({
  id: z.number().int().min(1),
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  args: z.unknown(),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

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
