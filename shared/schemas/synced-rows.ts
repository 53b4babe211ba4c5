/**
 * The rows a phone holds: one definition per synced entity, its fields with their types and limits.
 * sync.pull (server/sync/pull.ts) selects exactly these fields, the phone's store keeps them and its
 * screens read them (client/src/local). A field renamed here fails the typecheck on both sides
 * (test/shared/synced-rows.test.ts proves it); the server tests parse every pulled row with them.
 *
 * Only the server parses rows: the schemas are built in a pure IIFE, so the bundler drops them (and
 * their zod calls) from the phone's field path, which needs only the types.
 */
import { z } from 'zod';
import { ESCALATION_LEVELS } from '../rules/verwijzing';
import { attachmentRowSchema } from './attachment';
import { ASSIGNMENT_ROLES, CASE_STATUSES } from './case';
import { contactSchema } from './contact';
import { KOERS_CONFLICT_SIDES, koersAgreementSchema, koersContentSchema, koersStatusSchema } from './koers';
import { beschikkingKindSchema, maatregelSchema } from './maatregel';
import { isoDate } from './primitives';
import { alternativeSchema, bridgingSchema } from './referral-desk';
import type { SyncEntity } from './sync';
import { roleSchema } from './user';
import { consentSchema, productCategorySchema, urgencySchema, verwijzingStatusSchema } from './verwijzing';

export const syncedRowSchemas = /* @__PURE__ */ (() => {
  const id = z.uuid();
  const text = (max: number) => z.string().max(max);
  /** A moment as the server sends it: `Date.toISOString()`. */
  const instant = z.iso.datetime();
  const ids = z.array(z.uuid()).max(100);

  return {
    case: z.strictObject({
      id,
      jeugdigeId: id,
      /** Null for a case not (yet) with a team (instroom). */
      teamId: id.nullable(),
      status: z.enum(CASE_STATUSES),
      openedOn: isoDate,
      closedOn: isoDate.nullable(),
    }),
    assignment: z.strictObject({
      id,
      caseId: id,
      userId: id,
      /** Who it is, by name: a waarnemer's phone says for whom it stands in. */
      userName: text(200),
      role: z.enum(ASSIGNMENT_ROLES),
      fromDate: isoDate,
      /** Null while the assignment lasts. */
      untilDate: isoDate.nullable(),
      /** The handover note written when the case moved to this worker (issue 21); null without one. */
      handoverNote: text(2000).nullable(),
    }),
    jeugdige: z.strictObject({
      id,
      gezinId: id,
      firstName: text(80),
      lastName: text(120),
      birthDate: isoDate,
      /** Woonplaats (woonplaatsbeginsel): its id, and its name for the screens. */
      gemeenteId: id,
      gemeente: text(120),
    }),
    gezin: z.strictObject({
      id,
      name: text(200),
      address: text(300),
      postcode: text(20),
      gemeenteId: id,
    }),
    /** Someone of the network around a family. */
    betrokkene: z.strictObject({
      id,
      gezinId: id,
      name: text(200),
      relation: text(120),
      hasCustody: z.boolean(),
      phone: text(60),
      email: text(254),
      note: text(4000),
    }),
    maatregel: maatregelSchema.strict(),
    beschikking: z.strictObject({
      id,
      maatregelId: id,
      kind: beschikkingKindSchema,
      date: isoDate,
      validUntil: isoDate.nullable(),
      court: text(120),
      reference: text(120),
      summary: text(4000),
    }),
    koers: z.strictObject({
      id,
      caseId: id,
      version: z.number().int().min(1),
      status: koersStatusSchema,
      content: koersContentSchema,
      agreement: koersAgreementSchema,
      evaluationDate: isoDate.nullable(),
      agreedOn: isoDate.nullable(),
      /** Per field, the version of its last change: the device sends it back as the base of an edit. */
      fieldVersions: z.record(z.string().max(40), z.number().int().min(0)),
      createdBy: id,
      updatedAt: instant,
    }),
    /** A koers edit that met a change of the same field elsewhere, shown to its author only. */
    koersConflict: z.strictObject({
      id,
      caseId: id,
      koersId: id,
      field: text(40),
      /** The field's value on the server, and the one the author's edit brought (JSON). */
      theirs: z.json(),
      mine: z.json(),
      createdAt: instant,
      resolvedAt: instant.nullable(),
      resolution: z.enum(KOERS_CONFLICT_SIDES).nullable(),
    }),
    contact: contactSchema.strict(),
    verwijzing: z.strictObject({
      id,
      caseId: id,
      status: verwijzingStatusSchema,
      /** Empty with a free description of the help (no product of the sociale kaart). */
      productCategory: productCategorySchema.or(z.literal('')),
      productCode: text(20),
      productName: text(300),
      need: text(4000),
      goalIds: ids,
      urgency: urgencySchema,
      urgencyReason: text(2000),
      preferredAanbiederIds: ids,
      consent: consentSchema,
      familyViews: text(4000),
      aanbiederId: id.nullable(),
      aanbiederName: text(200).nullable(),
      gemeenteId: id,
      gemeenteNote: text(500),
      helpDueDate: isoDate,
      requestedAt: instant,
      startedOn: isoDate.nullable(),
      endedOn: isoDate.nullable(),
      escalation: z.enum(ESCALATION_LEVELS),
      expectedStartOn: isoDate.nullable(),
      followUpOn: isoDate.nullable(),
      bridging: bridgingSchema.nullable(),
      alternative: alternativeSchema.nullable(),
    }),
    /** One step or note in a request's history, with who took it (by name) and the answer. */
    verwijzingStap: z.strictObject({
      id,
      caseId: id,
      verwijzingId: id,
      step: text(40),
      fromStatus: verwijzingStatusSchema,
      toStatus: verwijzingStatusSchema,
      answer: text(2000),
      aanbiederName: text(200).nullable(),
      on: isoDate.nullable(),
      byUserId: id,
      byName: text(200),
      byRole: roleSchema,
      at: instant,
    }),
    /** A bijlage's metadata, never its bytes. */
    bijlage: attachmentRowSchema,
  } satisfies Record<SyncEntity, z.ZodType>;
})();

/** Per entity, its row as pulled. */
export type SyncedRows = { [E in SyncEntity]: z.infer<(typeof syncedRowSchemas)[E]> };

export type Case = SyncedRows['case'];
export type Assignment = SyncedRows['assignment'];
export type Jeugdige = SyncedRows['jeugdige'];
export type Gezin = SyncedRows['gezin'];
export type Betrokkene = SyncedRows['betrokkene'];
export type Beschikking = SyncedRows['beschikking'];
export type Koers = SyncedRows['koers'];
export type KoersConflict = SyncedRows['koersConflict'];
export type Verwijzing = SyncedRows['verwijzing'];
export type VerwijzingStap = SyncedRows['verwijzingStap'];
export type Bijlage = SyncedRows['bijlage'];
// Contact and Maatregel: their own schema files (./contact.ts, ./maatregel.ts).
