/**
 * `addAttachment` from the phone (shared/schemas/attachment.ts): announces a bijlage, whose bytes
 * follow after the push (services/attachments.ts). Checked here: the worker's own case or one they
 * stand in for, the contact belongs to that case, the size (the schema: at most 10 MB) and what this
 * device has stored on the server in all. A refusal is a MutationRefused with the sentence of
 * ATTACHMENT_REFUSALS, so it lands in the phone's wachtrij in words the worker reads.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import {
  type AddAttachmentArgs,
  ATTACHMENT_LIMITS,
  ATTACHMENT_REFUSALS,
} from '../../shared/schemas/attachment';
import { attachments, contacts, devices } from '../db/schema';
import { caseOwner, type MutationContext } from './mutation-context';
import { MutationRefused } from './mutator-errors';
import { nextVersion } from './versions';

/**
 * The registered device the mutation came from: the session's, or the one of the pushing sync client
 * (a session is bound to its device during the push that first names it: services/devices).
 */
async function deviceOf(ctx: MutationContext): Promise<string | null> {
  if (ctx.user.deviceId) return ctx.user.deviceId;
  if (!ctx.clientId) return null;
  const [device] = await ctx.db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.clientId, ctx.clientId), eq(devices.userId, ctx.user.id)));
  return device?.id ?? null;
}

/** The bytes this device (else this sync client) holds on the server in attachments not refused. */
export async function deviceAttachmentBytes(ctx: MutationContext, deviceId: string | null): Promise<number> {
  const whose = deviceId
    ? eq(attachments.deviceId, deviceId)
    : ctx.clientId
      ? eq(attachments.clientId, ctx.clientId)
      : eq(attachments.authorId, ctx.user.id);
  const [row] = await ctx.db
    .select({ total: sql<string | number>`coalesce(sum(${attachments.bytes}), 0)` })
    .from(attachments)
    .where(and(whose, ne(attachments.status, 'refused')));
  return Number(row?.total ?? 0);
}

/** Runs after the role and case check (mutators.ts). */
export async function addAttachment(ctx: MutationContext, args: AddAttachmentArgs): Promise<void> {
  const owner = await caseOwner(ctx, args.caseId);
  const [existing] = await ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.id, args.id));
  if (existing) throw new MutationRefused('Deze bijlage is al aangemeld.', args.caseId);
  if (args.contactId) {
    const [contact] = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, args.contactId), eq(contacts.caseId, args.caseId)));
    if (!contact)
      throw new MutationRefused(
        'Het contact van deze bijlage hoort niet bij dit dossier; de bijlage is niet bewaard.',
        args.caseId,
      );
  }
  const deviceId = await deviceOf(ctx);
  const held = await deviceAttachmentBytes(ctx, deviceId);
  if (held + args.bytes > ATTACHMENT_LIMITS.perDeviceBytes)
    throw new MutationRefused(ATTACHMENT_REFUSALS['apparaat-vol'], args.caseId);
  const rowVersion = await nextVersion(ctx.db, owner.organisationId);
  await ctx.db.insert(attachments).values({
    id: args.id,
    organisationId: owner.organisationId,
    caseId: args.caseId,
    contactId: args.contactId,
    kind: args.kind,
    mime: args.mime,
    bytes: args.bytes,
    sha256: args.sha256,
    fileName: args.fileName,
    addedAt: new Date(args.addedAt),
    authorId: ctx.user.id,
    deviceId,
    clientId: ctx.clientId ?? null,
    status: 'uploading',
    rowVersion,
  });
}
