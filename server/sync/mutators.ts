/**
 * The server side of each mutation: access check first, then the write,
 * stamped with the transaction's sync version. A business refusal (no access,
 * an illegal change) is a `MutationRefused`: the push records it as the
 * mutation's outcome and moves on.
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { type AddAttachmentArgs, ATTACHMENT_REFUSALS } from '../../shared/schemas/attachment';
import {
  type LogContactArgs,
  type MutationArgs,
  type MutationName,
  mutationArgSchemas,
  NEXT_CONTACT_BEFORE_CONTACT,
} from '../../shared/schemas/mutations';
import { contacts } from '../db/schema';
import { assertCaseAccess } from '../services/access';
import { closedCaseOf } from '../services/measure-life';
import type { AuthedContext } from '../trpc';
import { addAttachment } from './attachment-mutators';
import { editKoers, resolveKoersConflict, setKoersStatus, startKoers } from './koers-mutators';
import { caseOwner, type MutationContext } from './mutation-context';
import { MutationRefused } from './mutator-errors';
import { nextVersion } from './versions';
import { chooseAlternative, requestHelp } from './verwijzing-mutators';

export { MutationRefused };

type Mutator<A> = (ctx: MutationContext, args: A) => Promise<void>;

/**
 * A case that has been closed (its last measure ended) left the phones at their next pull; what a
 * phone queued for it before it learned so arrives first. Whoever carried the case up to its
 * closing still gets a contact recorded (contacts are the record of what happened, and the file
 * must hold it); any other change is refused with the reason, and shows in the wachtrij.
 */
async function caseAccess(ctx: AuthedContext, caseId: string, procedure: string, contact = false) {
  const closed = await closedCaseOf(ctx, caseId);
  if (closed?.carried) {
    if (contact) return;
    throw new MutationRefused(closed.message, caseId);
  }
  try {
    await assertCaseAccess(ctx, caseId, 'create', procedure);
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'FORBIDDEN') {
      throw new MutationRefused(
        'U heeft (nu) geen toegang tot dit dossier; het is mogelijk overgedragen.',
        caseId,
      );
    }
    throw err;
  }
}

/** Contacts are append-only: a correction is a new contact pointing at the original. */
const logContact: Mutator<LogContactArgs> = async (ctx, args) => {
  if (ctx.user.role !== 'jeugdbeschermer')
    throw new MutationRefused('Alleen een jeugdbeschermer legt contacten vast.');
  await caseAccess(ctx, args.caseId, 'sync.logContact', true);
  if (args.amendsId) {
    const [original] = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, args.amendsId), eq(contacts.caseId, args.caseId)));
    if (!original)
      throw new MutationRefused('Het contact waarop deze aanvulling verwijst, hoort niet bij dit dossier.');
  }
  const owner = await caseOwner(ctx, args.caseId);
  const [existing] = await ctx.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, args.id));
  if (existing) throw new MutationRefused('Dit contact is al vastgelegd.', args.caseId);
  const rowVersion = await nextVersion(ctx.db, owner.organisationId);
  await ctx.db.insert(contacts).values({
    id: args.id,
    organisationId: owner.organisationId,
    caseId: args.caseId,
    kind: args.kind,
    occurredAt: new Date(args.occurredAt),
    present: args.present,
    childSeen: args.childSeen,
    report: args.report,
    amendsId: args.amendsId,
    nextContactOn: args.nextContactOn ?? null,
    authorId: ctx.user.id,
    rowVersion,
  });
};

/** Koers and referral work is for the jeugdbeschermer who carries the case (or stands in). */
function forCaseWorker<A extends { caseId: string }>(
  name: string,
  fn: Mutator<A>,
  onlyWorker = 'Alleen de jeugdbeschermer werkt de koers bij.',
): Mutator<A> {
  return async (ctx, args) => {
    if (ctx.user.role !== 'jeugdbeschermer') throw new MutationRefused(onlyWorker);
    await caseAccess(ctx, args.caseId, `sync.${name}`);
    await fn(ctx, args);
  };
}

const ONLY_WORKER_ASKS_HELP = 'Alleen de jeugdbeschermer van het kind vraagt hulp aan.';

/**
 * A bijlage: on the worker's own case or one they stand in for (a photo on a contact of a case that
 * just closed, as a contact itself, is still kept); every refusal in the words of ATTACHMENT_REFUSALS.
 */
const addAttachmentOnCase: Mutator<AddAttachmentArgs> = async (ctx, args) => {
  const noAccess = new MutationRefused(ATTACHMENT_REFUSALS['geen-toegang'], args.caseId);
  if (ctx.user.role !== 'jeugdbeschermer') throw noAccess;
  try {
    await caseAccess(ctx, args.caseId, 'sync.addAttachment', args.contactId !== null);
  } catch (err) {
    if (err instanceof MutationRefused) throw noAccess;
    throw err;
  }
  await addAttachment(ctx, args);
};

/** A bijlage refused by its arguments: too large or not a JPEG/PDF, in the wachtrij's words. */
function attachmentArgsRefusal(issue: { path: PropertyKey[]; code: string } | undefined): string | null {
  const field = issue?.path[0];
  if (field === 'bytes' && issue?.code === 'too_big') return ATTACHMENT_REFUSALS['te-groot'];
  if (field === 'mime' || field === 'kind') return ATTACHMENT_REFUSALS['verkeerd-type'];
  return null;
}

const mutators: { [N in MutationName]: Mutator<MutationArgs<N>> } = {
  logContact,
  startKoers: forCaseWorker('startKoers', startKoers),
  editKoers: forCaseWorker('editKoers', editKoers),
  setKoersStatus: forCaseWorker('setKoersStatus', setKoersStatus),
  resolveKoersConflict: forCaseWorker('resolveKoersConflict', resolveKoersConflict),
  requestHelp: forCaseWorker('requestHelp', requestHelp, ONLY_WORKER_ASKS_HELP),
  chooseAlternative: forCaseWorker('chooseAlternative', chooseAlternative, ONLY_WORKER_ASKS_HELP),
  addAttachment: addAttachmentOnCase,
};

/** Validates the arguments (a malformed mutation is refused, not thrown) and applies the mutation. */
export async function applyMutation(
  ctx: MutationContext,
  name: MutationName,
  rawArgs: unknown,
): Promise<void> {
  const parsed = mutationArgSchemas[name].safeParse(rawArgs);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    // The shared rule on the next contact's date refuses in its own words, as the phone's form does.
    if (first?.message === NEXT_CONTACT_BEFORE_CONTACT) throw new MutationRefused(first.message);
    const attachmentRefusal = name === 'addAttachment' ? attachmentArgsRefusal(first) : null;
    if (attachmentRefusal) throw new MutationRefused(attachmentRefusal);
    // A text past its limit (shared/schemas: limitedText) is refused in words that name it and the limit.
    if (first?.code === 'too_big' && first.origin === 'string') throw new MutationRefused(first.message);
    throw new MutationRefused(
      `Ongeldige gegevens${first ? ` (${first.path.join('.')}: ${first.message})` : ''}.`,
    );
  }
  await (mutators[name] as Mutator<unknown>)(ctx, parsed.data);
}
