/**
 * Shared by the browser tests of the local layer (device, case views, outbox,
 * runner, offline reads, canaries): a synced "phone" of a fixture user, its
 * transport to the real server, and a raw look at what IndexedDB holds.
 */
import { commands } from 'vitest/browser';
import { createKeyring } from '../../client/src/local/crypto';
import { LocalDb } from '../../client/src/local/db';
import { markCaseSeen } from '../../client/src/local/seen';
import { LocalStore } from '../../client/src/local/store';
import type { SyncTransport } from '../../client/src/sync/engine';
import type { LogContactArgs, PushResult } from '../../shared/schemas/mutations';
import type { PullResult } from '../../shared/schemas/sync';
import type { DeviceKaart } from '../../shared/schemas/verwijzing';

export type World = Awaited<ReturnType<typeof commands.resetServer>>;
export type UserKey = keyof World['users'];

/** The test server's clock (test/helpers/server.ts): the phone computes its views for the same moment. */
export const SERVER_NOW = new Date('2026-11-24T10:00:00Z');

/** The real routers on the real PGlite, as `user`, for push, pull and the offline-read upload. */
export function transportFor(user: UserKey): Required<SyncTransport> {
  return {
    push: (input) => commands.serverCall(user, 'push', input) as Promise<PushResult>,
    pull: (input) => commands.serverCall(user, 'pull', input) as Promise<PullResult>,
    uploadReads: (input) => commands.serverCall(user, 'reads', input),
    kaart: (etag) =>
      commands.serverCall(user, 'kaart', { etag }) as Promise<{ etag: string; kaart: DeviceKaart | null }>,
  };
}

/**
 * A device of `user` that has a client id but no data yet. PBKDF2 is cut to
 * 1,000 iterations here: the Device tests pay for the real 600,000.
 */
export async function openPhone(world: World, user: UserKey) {
  const userId = world.users[user].id;
  const db = new LocalDb(`test-${crypto.randomUUID()}`);
  const { keyring } = await createKeyring('135792', { iterations: 1000 });
  await db.meta.bulkPut([
    { key: 'clientId', value: crypto.randomUUID() },
    { key: 'userId', value: userId },
    { key: 'nextMutationId', value: 1 },
  ]);
  return { db, keyring, userId, store: new LocalStore(db, keyring), transport: transportFor(user) };
}

export type Phone = Awaited<ReturnType<typeof openPhone>>;

/** A second tab of the same phone: its own connection to the same database, the same data key. */
export function secondTab(phone: Phone): LocalStore {
  return new LocalStore(new LocalDb(phone.db.name), phone.keyring);
}

export function contactArgs(
  caseId: string,
  report: string,
  extra: Partial<LogContactArgs> = {},
): LogContactArgs {
  return {
    id: crypto.randomUUID(),
    caseId,
    kind: 'huisbezoek',
    occurredAt: '2026-11-24T08:00:00.000Z',
    present: ['moeder'],
    childSeen: true,
    report,
    amendsId: null,
    ...extra,
  };
}

/** The user has looked at these cases: what is on the device now is no longer new (as the case file marks it). */
export async function markSeen(store: LocalStore, caseIds: string[]): Promise<void> {
  const { db } = store;
  await db.transaction('rw', [db.bundles, db.seen], async () => {
    for (const caseId of caseIds) await markCaseSeen(store, caseId, await store.caseVersion(caseId));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** Every value as text; binary read every way a thief might try: UTF-8, latin1 and UTF-16. */
function asText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Blob) throw new Error('a Blob in IndexedDB: extend rawDump to read it');
    const bytes = bytesOf(v);
    if (!bytes) return v;
    return {
      utf8: new TextDecoder().decode(bytes),
      latin1: latin1(bytes),
      utf16: new TextDecoder('utf-16le').decode(bytes.byteLength % 2 ? bytes.subarray(1) : bytes),
    };
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** All keys and values of every object store of database `name`, read with the raw IndexedDB API. */
export async function rawDump(name: string): Promise<{ stores: string[]; text: string }> {
  const idb = await request(indexedDB.open(name));
  const stores = Array.from(idb.objectStoreNames);
  const parts: string[] = [];
  try {
    for (const storeName of stores) {
      const store = idb.transaction(storeName).objectStore(storeName);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      parts.push(`# ${storeName}`, asText(keys), ...values.map(asText));
    }
  } finally {
    idb.close();
  }
  return { stores, text: parts.join('\n') };
}
