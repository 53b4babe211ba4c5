/**
 * The pull side of sync: what the server sends a device. Rows come per entity
 * with their sync version; a cookie says where the device stands. The cookie
 * is opaque to the client: it stores it and sends it back.
 */
import { z } from 'zod';
import type { HolidayPolicy } from '../rules/working-days';
import type { SyncedRows } from './synced-rows';

export const SYNC_ENTITIES = [
  'case',
  'assignment',
  'jeugdige',
  'gezin',
  'betrokkene',
  'maatregel',
  'beschikking',
  'koers',
  'koersConflict',
  'contact',
  'verwijzing',
  'verwijzingStap',
  /** A bijlage's metadata (shared/schemas/attachment.ts); its bytes are downloaded on demand. */
  'bijlage',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

/**
 * The sync protocol's version, sent by the phone with every push and pull. The server accepts this
 * one and the previous one (1: sent nothing; the rows and mutations are the same, version 2 only adds
 * this handshake). An older phone is answered PRECONDITION_FAILED ("werk de app bij"), a phone newer
 * than the server NOT_IMPLEMENTED ("de server is nog niet bijgewerkt"): neither applies anything, so
 * the phone keeps its outbox.
 */
export const SYNC_PROTOCOL_VERSION = 2;
export const OLDEST_SYNC_PROTOCOL_VERSION = 1;
/**
 * The schemas below are built in pure IIFEs: only the server parses them, and the bundler then drops
 * them (and their zod calls) from the phone's field path, which needs only the types and constants.
 */
/** Absent means version 1 (phones from before the handshake). */
export const syncProtocolVersionField = /* @__PURE__ */ (() =>
  z.number().int().min(0).max(1000).optional())();

export const pullCookieSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Everything up to this organisation version is on the device. */
    since: z.number().int().min(0),
    /** Within a multi-page pull: the last row delivered, as (version, entity index, id). */
    after: z.tuple([z.number().int().min(0), z.number().int().min(0), z.uuid()]).nullable(),
  }))();
export type PullCookie = z.infer<typeof pullCookieSchema>;

export const pullInput = /* @__PURE__ */ (() =>
  z.strictObject({
    clientId: z.uuid('Ongeldig client-id'),
    cookie: z.string('Ongeldige sync-cookie').max(500, 'Ongeldige sync-cookie').nullable(),
    /** Rows per page; the server caps it. */
    limit: z.number().int().min(1).max(5000).optional(),
    /**
     * Cases to deliver whole again (e.g. after a refused mutation left an
     * optimistic change on the device). Honoured at the start of a cycle only;
     * the answer names the ones it honoured.
     */
    refetchCaseIds: z.array(z.uuid()).max(100).optional(),
    protocolVersion: syncProtocolVersionField,
  }))();
export type PullInput = z.infer<typeof pullInput>;

/** One row of one entity, as sync.pull sends it: its fields are the entity's (./synced-rows.ts). */
export interface PulledRowOf<E extends SyncEntity> {
  entity: E;
  id: string;
  /** The case the row belongs to (gezin and betrokkenen: one of the cases of that family). */
  caseId: string;
  version: number;
  data: SyncedRows[E];
}
/** A pulled row of any entity: `entity` tells which fields `data` has. */
export type PulledRow = { [E in SyncEntity]: PulledRowOf<E> }[SyncEntity];

export interface PullResult {
  cookie: string;
  /** More pages follow: pull again at once with the new cookie. */
  more: boolean;
  rows: PulledRow[];
  /** Cases that left the user's scope: delete them (and their rows) from the device. */
  removedCaseIds: string[];
  /** Cases delivered whole again on request: replace what the device holds of them with these rows. */
  refetchedCaseIds: string[];
  /** The highest mutation id of this client the server has applied or refused. */
  lastMutationId: number;
  /** The server's time when it answered (ISO): the phone compares its own clock with it. */
  serverTime?: string;
  /**
   * The organisation's holiday policy: the phone counts the norms' working days with it, so a
   * child's deadline on the phone is the one every screen of the office shows.
   */
  holidayPolicy?: HolidayPolicy;
}

export const encodeCookie = (cookie: PullCookie): string => JSON.stringify(cookie);

export function decodeCookie(raw: string | null): PullCookie | null {
  if (raw === null) return null;
  try {
    const parsed = pullCookieSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads of children's files made on the device while offline, for the access log. */
export const offlineReadsInput = /* @__PURE__ */ (() =>
  z.strictObject({
    clientId: z.uuid(),
    reads: z
      .array(
        z.strictObject({
          /** Random per read: an upload that is repeated (lost answer) is logged once. */
          id: z.uuid(),
          caseId: z.uuid(),
          at: z.iso.datetime({ offset: true }),
        }),
      )
      .min(1)
      .max(500),
  }))();
export type OfflineReadsInput = z.infer<typeof offlineReadsInput>;
