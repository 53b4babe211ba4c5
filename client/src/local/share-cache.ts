/**
 * The server's share of the key wrapping, cached on the phone so the PIN works
 * offline — until `validUntil` (the server's DEVICE_SHARE_HOURS after it was
 * fetched) and never when the device clock reads earlier than the fetch (a
 * cheap defence against turning the clock back). Expired: deleted, and the
 * phone must go online to unlock.
 *
 * It is kept sealed under a non-extractable AES-GCM key that lives in
 * IndexedDB as a CryptoKey object: script reading the database (an injected
 * script, a curious extension, a copied profile opened in another browser)
 * gets a key handle it cannot export, not the share's bytes. This does not stop
 * forensic extraction: the browser's key material is on the disk too, so
 * someone with the phone and its storage could recover the share within its
 * window and then attack the PIN. The window is what bounds that.
 * The times are bound into the seal, so editing them breaks it.
 */
import type { LocalDb } from './db';

export interface CachedShare {
  key: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
  /** Device time when the share was fetched (ISO). */
  fetchedAt: string;
  /** Server time until which the share may be used (ISO). */
  validUntil: string;
}

const aad = (fetchedAt: string, validUntil: string) =>
  new TextEncoder().encode(`jeugdbescherming:server-share:v1:${fetchedAt}:${validUntil}`);

/** base64url without padding, as the server writes its 32-byte values (share, unlock key). */
export function encodeShare(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeShare(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

export async function cacheShare(db: LocalDb, share: Uint8Array, validUntil: string, now = new Date()) {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const fetchedAt = now.toISOString();
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad(fetchedAt, validUntil) },
      key,
      new Uint8Array(share),
    ),
  );
  await db.setMeta('serverShare', { key, iv, ct, fetchedAt, validUntil });
}

/** The cached share if it may still be used now; otherwise it is deleted and the answer is null. */
export async function cachedShare(db: LocalDb, now = new Date()): Promise<Uint8Array<ArrayBuffer> | null> {
  const cached = await db.getMeta('serverShare');
  if (!cached) return null;
  const t = now.getTime();
  if (!(t < Date.parse(cached.validUntil) && t >= Date.parse(cached.fetchedAt))) {
    await dropShare(db);
    return null;
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: cached.iv, additionalData: aad(cached.fetchedAt, cached.validUntil) },
      cached.key,
      cached.ct,
    );
    return new Uint8Array(plain);
  } catch {
    await dropShare(db);
    return null;
  }
}

export const dropShare = (db: LocalDb) => db.meta.delete('serverShare');
