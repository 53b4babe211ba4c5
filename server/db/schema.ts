/**
 * The server's tables. One source of truth per fact; every table that holds a
 * child's data carries organisation_id, so access checks (and later row-level
 * security) can scope by organisation first. Column names are snake_case in
 * PostgreSQL (drizzle `casing: 'snake_case'`), camelCase here.
 * Changing this file means generating a new migration: `npm run db:generate`.
 * Its size is earned: it is the one definition of every table, which drizzle-kit
 * diffs as a whole to make migrations; split, it would be read as one anyway.
 */
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseloadNorm, CaseloadWeights } from '../../shared/rules/caseload';
import { ESCALATION_LEVELS } from '../../shared/rules/verwijzing';
import type { HolidayPolicy } from '../../shared/rules/working-days';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MIME_TYPES,
  type AttachmentRefusal,
} from '../../shared/schemas/attachment';
import { ASSIGNMENT_ROLES, CASE_STATUSES } from '../../shared/schemas/case';
import { CONTACT_KINDS } from '../../shared/schemas/contact';
import type { KoersAgreement, KoersContent } from '../../shared/schemas/koers';
import { KOERS_STATUSES } from '../../shared/schemas/koers';
import {
  BESCHIKKING_KINDS,
  END_REASONS,
  MAATREGEL_STATUSES,
  MAATREGEL_TYPES,
} from '../../shared/schemas/maatregel';
import type { Alternative, Bridging } from '../../shared/schemas/referral-desk';
import { ROLES } from '../../shared/schemas/user';
import type { Product } from '../../shared/schemas/verwijzing';
import {
  CONSENT_KINDS,
  CONSULTATION_KINDS,
  URGENCIES,
  VERWIJZING_STATUSES,
} from '../../shared/schemas/verwijzing';

const ts = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: 'date' })
    : timestamp({ withTimezone: true, mode: 'date' });
const day = () => date({ mode: 'string' });

export const roleEnum = pgEnum('role', ROLES);
export const maatregelTypeEnum = pgEnum('maatregel_type', MAATREGEL_TYPES);
export const maatregelStatusEnum = pgEnum('maatregel_status', MAATREGEL_STATUSES);
export const beschikkingKindEnum = pgEnum('beschikking_kind', BESCHIKKING_KINDS);
export const endReasonEnum = pgEnum('maatregel_end_reason', END_REASONS);
export const caseStatusEnum = pgEnum('case_status', CASE_STATUSES);
export const assignmentRoleEnum = pgEnum('assignment_role', ASSIGNMENT_ROLES);
export const koersStatusEnum = pgEnum('koers_status', KOERS_STATUSES);
export const contactKindEnum = pgEnum('contact_kind', CONTACT_KINDS);
export const verwijzingStatusEnum = pgEnum('verwijzing_status', VERWIJZING_STATUSES);
export const urgencyEnum = pgEnum('urgency', URGENCIES);
export const escalationEnum = pgEnum('escalation_level', ESCALATION_LEVELS);
export const consultationEnum = pgEnum('afstemming_wijze', CONSULTATION_KINDS);
export const consentEnum = pgEnum('instemming', CONSENT_KINDS);
export const accessResultEnum = pgEnum('access_result', ['toegestaan', 'geweigerd']);

// ── Organisation and people ────────────────────────────────────────────────

export const organisations = pgTable('organisations', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
});

/** Jeugdhulpregio: the 42 regions in which gemeenten buy youth care together. */
export const regions = pgTable('regions', {
  id: uuid().primaryKey(),
  name: text().notNull().unique(),
});

export const gemeenten = pgTable('gemeenten', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  cbsCode: text().notNull().unique(),
  regionId: uuid()
    .notNull()
    .references(() => regions.id),
});

export const teams = pgTable('teams', {
  id: uuid().primaryKey(),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  name: text().notNull(),
});

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    teamId: uuid().references(() => teams.id),
    username: text().notNull(),
    displayName: text().notNull(),
    role: roleEnum().notNull(),
    /** argon2id; null for accounts that only sign in through the institution's identity provider. */
    passwordHash: text(),
    /** Part-time factor: 1.00 is a full-time worker. */
    fte: numeric({ precision: 3, scale: 2, mode: 'number' }).notNull().default(1),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    /** For accounts of the institution's identity provider: who they are there (issuer + subject). */
    oidcIssuer: text(),
    oidcSubject: text(),
    /** When and by whom the account was disabled (active = false). */
    disabledAt: ts(),
    disabledBy: uuid(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    index('users_team_idx').on(t.teamId),
    uniqueIndex('users_oidc_key').on(t.oidcIssuer, t.oidcSubject),
  ],
);

/** Server-side sessions, so any server process can check any cookie. The cookie holds a random token; only its hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey(),
    tokenHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    userAgent: text(),
    ip: text(),
    /** How the user proved who they are: a local password, or the institution's identity provider. */
    authMethod: text().$type<'wachtwoord' | 'oidc'>().notNull().default('wachtwoord'),
    /** The last time the user proved it (sign-in or step-up): exports and the access log need a fresh one. */
    authenticatedAt: ts().notNull().defaultNow(),
    /** The registered device this session works from, once the phone has registered. */
    deviceId: uuid(),
    /** The app locked (or the session idled): until an unlock proof, the session answers nothing else. */
    lockedAt: ts(),
    /** SHA-256 of the nonce the next unlock proof must sign, and until when it may. */
    unlockChallenge: text(),
    unlockChallengeExpiresAt: ts(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * The tokens of the institution's identity provider, kept by the server
 * (backend-for-frontend): the browser only ever holds the session cookie.
 */
export const oidcTokens = pgTable('oidc_tokens', {
  sessionId: uuid()
    .primaryKey()
    .references(() => sessions.id),
  idToken: text().notNull(),
  accessToken: text(),
  refreshToken: text(),
  expiresAt: ts(),
});

/**
 * A sign-in (or step-up) at the identity provider that is under way: what the
 * callback must match. Kept in the database so any server process can take
 * the callback; used once.
 */
export const oidcPending = pgTable('oidc_pending', {
  /** SHA-256 of the `state` parameter. */
  stateHash: text().primaryKey(),
  codeVerifier: text().notNull(),
  nonce: text().notNull(),
  purpose: text().$type<'login' | 'step-up'>().notNull(),
  /** For a step-up: the session it refreshes. */
  sessionId: uuid(),
  returnTo: text().notNull().default('/'),
  createdAt: ts().notNull().defaultNow(),
  expiresAt: ts().notNull(),
});

/**
 * A phone registered to one user. The server holds a share of the key that
 * opens the phone's local data; the phone may cache it for a limited time. A
 * revoked device (or one whose user is disabled) is told at its next contact
 * to push what it holds and wipe itself.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** The phone's sync client (its local store). */
    clientId: uuid().notNull(),
    /** What the phone is (platform and browser, "Android · Chrome"), as it said at registration. */
    label: text().notNull(),
    /** The name its user gave it at registration ("Telefoon van Mohamed"), shown in Toestellen and the access log. */
    name: text().notNull(),
    /** base64url, 32 random bytes: the server's share of the key wrapping. */
    serverShare: text().notNull(),
    /** SHA-256 of the device's own secret, with which it asks for its status without a session. */
    secretHash: text().notNull(),
    registeredAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
    revokedAt: ts(),
    revokedBy: uuid(),
    revokeReason: text(),
    /** When the device reported that it deleted its local data. */
    wipedAt: ts(),
    /** base64url, 32 bytes: the HMAC key derived from the PIN (and passkey) that unlock proofs are checked with. */
    unlockKey: text(),
    /** Wrong unlock proofs in a row. */
    unlockFailures: integer().notNull().default(0),
    /** Too many wrong proofs: sessions ended, no share or unlock until a sign-in after this time. */
    unlockBlockedAt: ts(),
  },
  (t) => [index('devices_user_idx').on(t.userId), uniqueIndex('devices_client_key').on(t.clientId)],
);

/**
 * Unsynced work a device held when it was wiped for a user who may no longer
 * push: kept unapplied, so nothing written in a family's home is lost, for the
 * team lead to pass on.
 */
export const deviceSurrenders = pgTable('device_surrenders', {
  id: uuid().primaryKey(),
  deviceId: uuid()
    .notNull()
    .references(() => devices.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  userId: uuid().notNull(),
  mutations: jsonb().notNull(),
  receivedAt: ts().notNull().defaultNow(),
  handledAt: ts(),
  handledBy: uuid(),
});

/**
 * A phone's Web Push subscription: one per registered device, gone with the
 * device's revocation (or its user's disabling), in the same transaction.
 * The endpoint and keys are the push service's address for this phone and
 * the keys the message is encrypted with (RFC 8291); never logged.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    deviceId: uuid()
      .primaryKey()
      .references(() => devices.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

/**
 * A worker's reminders: the daily digest on or off, at which Dutch time, and
 * the Dutch day it was last handled — claimed with a conditional UPDATE, so
 * several server processes send it once.
 */
export const reminderSettings = pgTable('reminder_settings', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  digestEnabled: boolean().notNull().default(true),
  /** 'HH:MM', Europe/Amsterdam. */
  digestTime: text().notNull().default('08:00'),
  lastDigestOn: day(),
  updatedAt: ts().notNull().defaultNow(),
});

/** Failed and successful sign-ins, for rate limiting that holds across server processes. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    username: text().notNull(),
    ip: text().notNull(),
    at: ts().notNull().defaultNow(),
    success: boolean().notNull(),
  },
  (t) => [
    index('login_attempts_username_at_idx').on(t.username, t.at),
    index('login_attempts_ip_at_idx').on(t.ip, t.at),
  ],
);

// ── The child's file ───────────────────────────────────────────────────────

export const gezinnen = pgTable(
  'gezinnen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    address: text().notNull().default(''),
    postcode: text().notNull().default(''),
    gemeenteId: uuid()
      .notNull()
      .references(() => gemeenten.id),
    /** The family link of an intake import (the family reference of the team that registered it). */
    externalRef: text(),
  },
  // Not unique: a family reference is the team's own (intake links by it within the team only), so two
  // teams may each have an F-1. Intake writes take turns per organisation instead (server/services/intake.ts).
  (t) => [index('gezinnen_external_ref_idx').on(t.organisationId, t.externalRef)],
);

export const jeugdigen = pgTable(
  'jeugdigen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    gezinId: uuid()
      .notNull()
      .references(() => gezinnen.id),
    firstName: text().notNull(),
    lastName: text().notNull(),
    birthDate: day().notNull(),
    /** Woonplaats, for the woonplaatsbeginsel: which gemeente is responsible. */
    gemeenteId: uuid()
      .notNull()
      .references(() => gemeenten.id),
    /** The GI's registration number of the child (intake); unique per organisation. */
    clientNumber: text(),
  },
  (t) => [
    index('jeugdigen_gezin_idx').on(t.gezinId),
    uniqueIndex('jeugdigen_client_number_key').on(t.organisationId, t.clientNumber),
  ],
);

/** Parents, grandparents, foster parents, school: the network around a family. */
export const betrokkenen = pgTable(
  'betrokkenen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    gezinId: uuid()
      .notNull()
      .references(() => gezinnen.id),
    name: text().notNull(),
    relation: text().notNull(),
    hasCustody: boolean().notNull().default(false),
    phone: text().notNull().default(''),
    email: text().notNull().default(''),
    note: text().notNull().default(''),
  },
  (t) => [index('betrokkenen_gezin_idx').on(t.gezinId)],
);

/** A child's file at the GI: the unit of assignment, access and sync. */
export const cases = pgTable(
  'cases',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    teamId: uuid().references(() => teams.id),
    jeugdigeId: uuid()
      .notNull()
      .references(() => jeugdigen.id),
    status: caseStatusEnum().notNull(),
    openedOn: day().notNull(),
    closedOn: day(),
    /** A complex (vecht)scheiding: weighs in the caseload. */
    complexDivorce: boolean().notNull().default(false),
    /** When the new measure was registered at the GI (intake). */
    registeredAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_jeugdige_key').on(t.jeugdigeId),
    index('cases_team_idx').on(t.teamId),
    index('cases_org_idx').on(t.organisationId),
  ],
);

export const maatregelen = pgTable(
  'maatregelen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    type: maatregelTypeEnum().notNull(),
    court: text().notNull(),
    /** The court's ruling (uitspraak): the start of the three norms. */
    rulingDate: day().notNull(),
    startDate: day().notNull(),
    endDate: day(),
    outOfHomePlacement: boolean().notNull().default(false),
    status: maatregelStatusEnum().notNull(),
    endedOn: day(),
    /** The court's case number (zaaknummer): an intake import recognises a measure it has seen by it. */
    zaaknummer: text(),
    /** Why it ended (shared/rules/measure-life.ts); null while it runs. */
    endReason: endReasonEnum(),
    endReasonText: text().notNull().default(''),
    /** The measure this one was converted from (omzetting): the chain a child's norms run along. */
    previousMaatregelId: uuid().references((): AnyPgColumn => maatregelen.id),
    /**
     * The day the three norms count from when it is not the measure's own ruling: the first ruling
     * of the uninterrupted chain it continues (shared/rules/measure-life.ts, normsFromAfter).
     */
    normsFrom: day(),
  },
  (t) => [
    index('maatregelen_case_version_idx').on(t.caseId, t.rowVersion),
    uniqueIndex('maatregelen_zaaknummer_key').on(t.organisationId, t.zaaknummer),
  ],
);

export const beschikkingen = pgTable(
  'beschikkingen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    maatregelId: uuid()
      .notNull()
      .references(() => maatregelen.id),
    kind: beschikkingKindEnum().notNull(),
    date: day().notNull(),
    validUntil: day(),
    court: text().notNull(),
    reference: text().notNull(),
    summary: text().notNull().default(''),
  },
  (t) => [index('beschikkingen_maatregel_version_idx').on(t.maatregelId, t.rowVersion)],
);

/** Who carries a case: the vaste jeugdbeschermer, or a waarnemer for a period. */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: assignmentRoleEnum().notNull(),
    fromDate: day().notNull(),
    /** Null while the assignment lasts. */
    untilDate: day(),
    assignedAt: ts().notNull().defaultNow(),
    assignedBy: uuid().references(() => users.id),
    /** What the previous worker or the team lead wrote when the case moved here (migration 0028); syncs with the row. */
    handoverNote: text(),
  },
  (t) => [
    index('case_assignments_user_idx').on(t.userId, t.untilDate),
    index('case_assignments_case_version_idx').on(t.caseId, t.rowVersion),
  ],
);

export const koersen = pgTable(
  'koersen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    version: integer().notNull(),
    status: koersStatusEnum().notNull(),
    content: jsonb().$type<KoersContent>().notNull(),
    agreement: jsonb().$type<KoersAgreement>().notNull(),
    evaluationDate: day(),
    agreedOn: day(),
    /** Per field, the sync version of its last accepted change: the base of the field-level merge. */
    fieldVersions: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** Per field, the sync client (device) whose change was accepted last: its next edit builds on it. */
    fieldClients: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('koersen_case_version_key').on(t.caseId, t.version),
    index('koersen_case_row_version_idx').on(t.caseId, t.rowVersion),
  ],
);

/** Append-only: a correction is a new contact with amendsId pointing at the original. */
export const contacts = pgTable(
  'contacts',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    kind: contactKindEnum().notNull(),
    occurredAt: ts().notNull(),
    present: jsonb().$type<string[]>().notNull(),
    childSeen: boolean().notNull(),
    report: text().notNull(),
    amendsId: uuid(),
    /** The next planned contact agreed at this one, if any. */
    nextContactOn: day(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('contacts_case_occurred_idx').on(t.caseId, t.occurredAt),
    index('contacts_case_version_idx').on(t.caseId, t.rowVersion),
  ],
);

/**
 * A koers edit that met a change of the same field made elsewhere: the server
 * kept its value; the edit waits here, with its author, until resolved.
 */
export const koersConflicts = pgTable(
  'koers_conflicts',
  {
    id: uuid().primaryKey(),
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    koersId: uuid()
      .notNull()
      .references(() => koersen.id),
    field: text().notNull(),
    theirs: jsonb(),
    mine: jsonb(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    resolvedAt: ts(),
    resolution: text(),
  },
  (t) => [index('koers_conflicts_case_version_idx').on(t.caseId, t.rowVersion)],
);

/** Raw bytes (PostgreSQL bytea): a Buffer in and out. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const ATTACHMENT_STATUSES = ['uploading', 'complete', 'refused'] as const;

/**
 * A bijlage (photo or PDF) on a contact or on the case file: its metadata, synced as the entity
 * `bijlage` (migration 0027). The bytes are never in this table: the pull scans it.
 */
export const attachments = pgTable(
  'attachments',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    /** The contact it belongs to; null: the case file itself. */
    contactId: uuid().references(() => contacts.id),
    kind: text({ enum: ATTACHMENT_KINDS }).notNull(),
    mime: text({ enum: ATTACHMENT_MIME_TYPES }).notNull(),
    bytes: integer().notNull(),
    /** SHA-256 of the bytes the phone announced, lowercase hex. */
    sha256: text().notNull(),
    fileName: text().notNull(),
    addedAt: ts().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** The registered device that announced it (its quota, and the only one that may upload it). */
    deviceId: uuid().references(() => devices.id),
    /** The sync client whose push announced it. */
    clientId: uuid(),
    status: text({ enum: ATTACHMENT_STATUSES }).notNull().default('uploading'),
    reason: text().$type<AttachmentRefusal>(),
    createdAt: ts().notNull().defaultNow(),
    completedAt: ts(),
  },
  (t) => [
    index('attachments_case_version_idx').on(t.caseId, t.rowVersion),
    index('attachments_device_idx').on(t.deviceId),
    index('attachments_client_idx').on(t.clientId),
  ],
);

/** An upload's parts as they arrive: one row per (attachment, index), so a repeat is stored once. */
export const attachmentChunks = pgTable(
  'attachment_chunks',
  {
    attachmentId: uuid()
      .notNull()
      .references(() => attachments.id),
    index: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    content: bytea().notNull(),
    receivedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.index] })],
);

/** A complete attachment's bytes, joined and checked. */
export const attachmentContents = pgTable('attachment_contents', {
  attachmentId: uuid()
    .primaryKey()
    .references(() => attachments.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  content: bytea().notNull(),
  storedAt: ts().notNull().defaultNow(),
});

// ── Team: settings and the waiting list ─────────────────────────────────────

/**
 * Per organisation: the caseload band and weights, and which holidays count
 * for the 5-working-day term. Absent: the defaults in shared/rules.
 */
export const organisationSettings = pgTable('organisation_settings', {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  caseloadNorm: jsonb().$type<CaseloadNorm>().notNull(),
  caseloadWeights: jsonb().$type<CaseloadWeights>().notNull(),
  holidayPolicy: jsonb().$type<HolidayPolicy>().notNull(),
  updatedAt: ts().notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id),
});

export const triageEnum = pgEnum('triage', ['acuut', 'niet_acuut']);

/**
 * A child waiting for a vaste jeugdbeschermer (landelijke handelingswijze
 * wachtlijsten): the triage, the risk assessment, who is the interim contact,
 * when safety is checked next, the bridging help, and the place in the order
 * with the team lead's reason for it.
 */
export const caseWaiting = pgTable(
  'case_waiting',
  {
    caseId: uuid()
      .primaryKey()
      .references(() => cases.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    since: day().notNull(),
    triage: triageEnum().notNull(),
    riskOutcome: text().notNull().default(''),
    riskAssessedOn: day(),
    riskInstrument: text().notNull().default(''),
    interimContactId: uuid().references(() => users.id),
    nextSafetyCheckOn: day(),
    bridging: text().notNull().default(''),
    priority: integer().notNull().default(0),
    priorityReason: text().notNull().default(''),
    updatedAt: ts().notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [index('case_waiting_org_idx').on(t.organisationId, t.priority)],
);

// ── Help ───────────────────────────────────────────────────────────────────

export const aanbieders = pgTable('aanbieders', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  agbCode: text().notNull(),
  /** Products offered: iJw productcategorie (JZ020) with a product code and name. */
  products: jsonb().$type<Product[]>().notNull(),
  /** The provider's current expected waiting time. */
  waitWeeks: integer().notNull().default(0),
  contactRoute: text().notNull().default(''),
  /** Inactive providers stay for history but are no longer offered. */
  active: boolean().notNull().default(true),
  updatedAt: ts().notNull().defaultNow(),
  /**
   * Bumped by every edit. The list is shared by all organisations: an edit names the version it was
   * made on, and one made on an older version is refused (no last write wins).
   */
  version: integer().notNull().default(1),
});

/**
 * Every edit of a provider on the shared sociale kaart: who (and of which
 * organisation), when, and the provider before and after. Append-only for the
 * app; the kaart shows the latest as "laatst gewijzigd door … op …".
 */
export const aanbiederChanges = pgTable(
  'aanbieder_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    aanbiederId: uuid()
      .notNull()
      .references(() => aanbieders.id),
    /** The provider's version this edit made (1: it added the provider). */
    version: integer().notNull(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    changedAt: ts().notNull(),
    /** The provider as it was (null when this edit added it) and as this edit left it. */
    before: jsonb().$type<AanbiederSnapshot>(),
    after: jsonb().$type<AanbiederSnapshot>().notNull(),
  },
  (t) => [uniqueIndex('aanbieder_changes_version_key').on(t.aanbiederId, t.version)],
);

/** A provider's fields as one edit saw them (the history's before and after). */
export interface AanbiederSnapshot {
  name: string;
  agbCode: string;
  products: Product[];
  regionIds: string[];
  waitWeeks: number;
  contactRoute: string;
  active: boolean;
}

export const aanbiederRegions = pgTable(
  'aanbieder_regions',
  {
    aanbiederId: uuid()
      .notNull()
      .references(() => aanbieders.id),
    regionId: uuid()
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.aanbiederId, t.regionId] })],
);

/**
 * The GI's arrangement with a jeugdhulpregio: whether and how the gemeente is
 * consulted on a jeugdhulpbepaling (Jeugdwet art. 3.5 protocol), where, how
 * fast it answers, and the regional expertteam for escalation.
 */
export const regionArrangements = pgTable(
  'region_arrangements',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    regionId: uuid()
      .notNull()
      .references(() => regions.id),
    consultation: consultationEnum().notNull().default('geen'),
    contactPoint: text().notNull().default(''),
    answerWorkdays: integer().notNull().default(0),
    expertteamContact: text().notNull().default(''),
    notes: text().notNull().default(''),
    updatedAt: ts().notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.regionId] })],
);

export const verwijzingen = pgTable(
  'verwijzingen',
  {
    /** Sync: the organisation's version counter at the commit that last changed this row. */
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    status: verwijzingStatusEnum().notNull(),
    productCategory: text().notNull(),
    productName: text().notNull(),
    /** The product code from the sociale kaart; empty for a free description. */
    productCode: text().notNull().default(''),
    need: text().notNull(),
    /** The koers goals (ids) this help serves. */
    goalIds: jsonb().$type<string[]>().notNull().default([]),
    preferredAanbiederIds: jsonb().$type<string[]>().notNull().default([]),
    consent: consentEnum().notNull().default('niet_gevraagd'),
    familyViews: text().notNull().default(''),
    /** Why the worker chose another gemeente than the woonplaats gives; empty when not corrected. */
    gemeenteNote: text().notNull().default(''),
    bridging: jsonb().$type<Bridging>(),
    alternative: jsonb().$type<Alternative>(),
    /** The next follow-up of an escalation. */
    followUpOn: day(),
    urgency: urgencyEnum().notNull(),
    urgencyReason: text().notNull().default(''),
    aanbiederId: uuid().references(() => aanbieders.id),
    gemeenteId: uuid()
      .notNull()
      .references(() => gemeenten.id),
    helpDueDate: day().notNull(),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    requestedAt: ts().notNull().defaultNow(),
    startedOn: day(),
    endedOn: day(),
    /** How far a stuck request has been escalated (doorbraakaanpak): expertteam, then OZJ. */
    escalation: escalationEnum().notNull().default('geen'),
    /** The start the provider expects (acceptance or waiting list). */
    expectedStartOn: day(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('verwijzingen_case_version_idx').on(t.caseId, t.rowVersion),
    index('verwijzingen_status_idx').on(t.status),
  ],
);

/** Every step a request took: who, when, from and to which status, and the answer given (history). */
export const verwijzingStappen = pgTable(
  'verwijzing_stappen',
  {
    rowVersion: bigint({ mode: 'number' }).notNull().default(0),
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    verwijzingId: uuid()
      .notNull()
      .references(() => verwijzingen.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    step: text().notNull(),
    fromStatus: verwijzingStatusEnum().notNull(),
    toStatus: verwijzingStatusEnum().notNull(),
    /** The provider's or gemeente's answer, or the reason for the step. */
    answer: text().notNull().default(''),
    aanbiederId: uuid().references(() => aanbieders.id),
    on: day(),
    byUserId: uuid()
      .notNull()
      .references(() => users.id),
    byRole: roleEnum().notNull(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [
    index('verwijzing_stappen_verwijzing_idx').on(t.verwijzingId, t.at),
    index('verwijzing_stappen_case_version_idx').on(t.caseId, t.rowVersion),
  ],
);

// ── Audit ──────────────────────────────────────────────────────────────────

/**
 * Every access to a child's file (NEN 7513): who, in which role, on whose
 * behalf, which child, what, when, from which session, and whether it was
 * allowed. Written in the same request as the access; never updated.
 * Partitioned by month (UTC) on `at` (migration 0021): the primary key holds
 * the partition key, and a repeated upload of a device event is skipped by a
 * trigger instead of a unique index. Partitions are made ahead and dropped
 * past the retention term by server/audit/partitions.ts.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial({ mode: 'number' }).notNull(),
    at: ts().notNull().defaultNow(),
    organisationId: uuid(),
    userId: uuid(),
    role: roleEnum(),
    onBehalfOf: uuid(),
    caseId: uuid(),
    action: text().notNull(),
    procedure: text().notNull(),
    result: accessResultEnum().notNull(),
    sessionId: uuid(),
    device: text(),
    reason: text(),
    /** Set for events recorded on a device (offline reads): makes an upload that is repeated count once. */
    clientEventId: uuid(),
    /** For device events: when the server received them (`at` is the time on the device). */
    receivedAt: ts(),
    /** The registered device the access came from, when known. */
    deviceId: uuid(),
    /**
     * The hash chain (per organisation), set by the sealer a moment after the
     * append (empty until then): the position, the previous entry's hash and
     * this entry's. See migrations 0011 and 0020, server/audit/sealer.ts.
     */
    seq: bigint({ mode: 'number' }),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    primaryKey({ name: 'access_log_pkey', columns: [t.id, t.at] }),
    index('access_log_case_idx').on(t.caseId, t.at),
    index('access_log_user_idx').on(t.userId, t.at),
    index('access_log_client_event_idx').on(t.clientEventId),
  ],
);

/** One run of positions of a chain dropped with its month: the hashes on both sides of it. */
export interface DroppedRange {
  from: number;
  to: number;
  /** The prev_hash of the entry at `from`. */
  prevHash: string;
  /** The hash of the entry at `to`. */
  hash: string;
}

/**
 * What left the access log after its retention term: per chain (organisation)
 * and dropped month, the positions that went and the hashes around them, so
 * the chain that remains verifies on; named by its hash in the log entry
 * `log_entry_id` (migration 0021, drop_expired_access_log). Never changed.
 */
export const accessLogRetention = pgTable('access_log_retention', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  organisationId: uuid(),
  /** The first day of the dropped month (UTC). */
  month: date().notNull(),
  entries: integer().notNull(),
  firstSeq: bigint({ mode: 'number' }).notNull(),
  lastSeq: bigint({ mode: 'number' }).notNull(),
  ranges: jsonb().$type<DroppedRange[]>().notNull(),
  retentionYears: integer().notNull(),
  /** The moment the term was counted back from. */
  asOf: ts().notNull(),
  droppedAt: ts().notNull(),
  logEntryId: bigint({ mode: 'number' }).notNull(),
  logEntryAt: ts().notNull(),
  recordHash: text().notNull(),
});

// ── Sync ───────────────────────────────────────────────────────────────────

export const mutationStatusEnum = pgEnum('mutation_status', ['toegepast', 'geweigerd']);

/**
 * One counter per organisation, bumped under a row lock by every transaction
 * that changes synced rows. The lock is held until commit, so the order of
 * versions is the order of commits: a pull cursor on it never skips a row.
 */
export const organisationVersions = pgTable('organisation_versions', {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  version: bigint({ mode: 'number' }).notNull(),
});

/** A device's local store (one per browser profile), owned by one user. */
export const syncClients = pgTable(
  'sync_clients',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** The highest mutation id applied (or refused) for this client: the exactly-once counter. */
    lastMutationId: bigint({ mode: 'number' }).notNull().default(0),
    /** The cases this device holds after its last complete pull: the base for "left scope" and "new in scope". */
    syncedCaseIds: jsonb().$type<string[]>().notNull().default([]),
    /** While a multi-page pull runs: the version it catches up to and the scope it started with. */
    pendingTarget: bigint({ mode: 'number' }),
    pendingCaseIds: jsonb().$type<string[]>(),
    /** While a multi-page pull runs: the cases it delivers whole again on request. */
    pendingRefetchIds: jsonb().$type<string[]>(),
    createdAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
  },
  (t) => [index('sync_clients_user_idx').on(t.userId)],
);

/** What happened to each pushed mutation: applied, or refused with a reason the user sees with its content. */
export const mutationResults = pgTable(
  'mutation_results',
  {
    clientId: uuid()
      .notNull()
      .references(() => syncClients.id),
    mutationId: bigint({ mode: 'number' }).notNull(),
    name: text().notNull(),
    status: mutationStatusEnum().notNull(),
    reason: text(),
    args: jsonb().notNull(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

// ── Documents (issue 21, migration 0028) ───────────────────────────────────

/** The organisation's own DOCX template of a document (its placeholders checked at upload). */
export const documentTemplates = pgTable(
  'document_templates',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    kind: text().$type<'verlengingsverzoek'>().notNull(),
    fileName: text().notNull(),
    content: bytea().notNull(),
    placeholders: jsonb().$type<string[]>().notNull(),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    uploadedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.kind] })],
);

/** Per organisation: the child's own koers copy from 12, and the extension request's second reader. */
export const documentSettings = pgTable('document_settings', {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  childCopyFrom12: boolean('child_copy_from_12').notNull().default(false),
  secondReader: text().$type<'geen' | 'teamleider'>().notNull().default('geen'),
  updatedAt: ts().notNull(),
  updatedBy: uuid().references(() => users.id),
});

/** A second reader's approval of the extension request for one measure's end date: who and when. */
export const extensionApprovals = pgTable(
  'extension_approvals',
  {
    id: uuid().primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    maatregelId: uuid()
      .notNull()
      .references(() => maatregelen.id),
    endDate: day().notNull(),
    approvedBy: uuid()
      .notNull()
      .references(() => users.id),
    approvedRole: text().notNull(),
    approvedAt: ts().notNull(),
  },
  (t) => [uniqueIndex('extension_approvals_measure_key').on(t.maatregelId, t.endDate)],
);
