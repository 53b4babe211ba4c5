/**
 * The encryption layer of the phone's local store. Every record in IndexedDB is
 * sealed with one random AES-GCM data key; on disk that key exists only wrapped
 * under a key derived from the user's PIN (and, once the server issues one, a
 * server share), and once unlocked it lives in memory as a non-extractable
 * WebCrypto key. Guarantee: what is stored reveals neither the PIN, the data key
 * nor any record, and a sealed blob decrypts only as the record (table + id) it
 * was written for — moved, altered or foreign blobs are refused, never misread.
 */

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_BITS = 256;
/** AES-GCM output for a 32-byte key: the key plus a 16-byte tag. */
const WRAPPED_KEY_BYTES = KEY_BITS / 8 + 16;
/** Shorter than this, a server share would add little to a 5-digit PIN. */
const MIN_SERVER_SHARE_BYTES = 16;
const PIN_FORMAT = /^[0-9]{5,12}$/;

const KEY_WRAP_AAD = utf8('jeugdbescherming:local-data-key:v1');
// Editing the stored `usesServerShare` flag cannot skip the share: without it
// the HKDF input differs, so the key does too. Naming the mode here as well
// keeps the two kinds of key apart by construction.
const kekInfo = (usesServerShare: boolean) =>
  utf8(`jeugdbescherming:local-kek:v1:${usesServerShare ? 'pin+server-share' : 'pin'}`);

/** What IndexedDB keeps of the keyring: plain JSON, nothing secret in the clear. */
export interface WrappedKeyring {
  readonly v: 1;
  /** base64, 16 bytes, PBKDF2 and HKDF salt */
  readonly salt: string;
  readonly iterations: number;
  /** base64, 12 bytes */
  readonly iv: string;
  /** base64, the AES-GCM-wrapped data key */
  readonly wrappedKey: string;
  readonly usesServerShare: boolean;
}

/** A sealed record value, kept binary: IndexedDB stores typed arrays natively. */
export interface EncryptedBlob {
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly ct: Uint8Array<ArrayBuffer>;
}

export interface Keyring {
  /** JSON-encodes `value` and seals it for record `id` of `table`. */
  encrypt(table: string, id: string, value: unknown): Promise<EncryptedBlob>;
  /**
   * Opens a blob sealed for exactly this `table` and `id`. `T` is trusted, not
   * checked: the plaintext is what this app wrote, but validate it if in doubt.
   */
  decrypt<T>(table: string, id: string, blob: EncryptedBlob): Promise<T>;
}

export class InvalidPinError extends Error {
  override name = 'InvalidPinError';
  constructor() {
    super('De pincode moet uit 5 tot 12 cijfers bestaan.');
  }
}

/** The PIN, or the server share, does not open this keyring. The two cannot be told apart. */
export class WrongPinError extends Error {
  override name = 'WrongPinError';
  constructor() {
    super('De pincode is onjuist.');
  }
}

/**
 * The keyring needs a server share and none was given, or the other way round.
 * Kept apart from WrongPinError so that it never counts as a failed PIN attempt.
 */
export class ServerShareMismatchError extends Error {
  override name = 'ServerShareMismatchError';
  constructor(needed: boolean) {
    super(
      needed
        ? 'This keyring can only be unlocked with the server share.'
        : 'This keyring was made without a server share; none may be given.',
    );
  }
}

/** A blob failed authentication: altered, truncated, or sealed for another record or key. */
export class TamperedRecordError extends Error {
  override name = 'TamperedRecordError';
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`Record ${table}/${id} does not decrypt: it was altered or belongs to another record.`);
  }
}

export async function createKeyring(
  pin: string,
  opts: { serverShare?: Uint8Array; iterations?: number } = {},
): Promise<{ keyring: Keyring; wrapped: WrappedKeyring }> {
  assertPin(pin);
  const iterations = opts.iterations ?? PBKDF2_ITERATIONS;
  const share = opts.serverShare === undefined ? undefined : checkedShare(opts.serverShare);
  const { wrapped, kek } = await wrapWithPin(await generateDataKey(), pin, iterations, share);
  // Unwrap what will be stored rather than keep the generated key: the keyring
  // holds a non-extractable key, and the stored form is proven to open.
  const keyring = keyringFrom(await unwrapDataKey(kek, decodeWrapped(wrapped), false));
  return { keyring, wrapped };
}

export async function unlockKeyring(
  wrapped: WrappedKeyring,
  pin: string,
  serverShare?: Uint8Array,
): Promise<Keyring> {
  assertPin(pin);
  const parts = decodeWrapped(wrapped);
  const share = shareFor(wrapped, serverShare);
  const kek = await deriveKek(pin, parts.salt, wrapped.iterations, share);
  return keyringFrom(await unwrapDataKey(kek, parts, false));
}

/**
 * Re-wraps the same data key under a new PIN (fresh salt and IV; iterations
 * default to the current PBKDF2_ITERATIONS, so old keyrings catch up). Records
 * stay as they are. The server share, if the keyring has one, is kept.
 */
export async function changePin(
  wrapped: WrappedKeyring,
  oldPin: string,
  newPin: string,
  opts: { serverShare?: Uint8Array; iterations?: number } = {},
): Promise<WrappedKeyring> {
  assertPin(oldPin);
  assertPin(newPin);
  const parts = decodeWrapped(wrapped);
  const share = shareFor(wrapped, opts.serverShare);
  const oldKek = await deriveKek(oldPin, parts.salt, wrapped.iterations, share);
  // Extractable only so that wrapKey may take it; its bytes never reach JavaScript.
  const dataKey = await unwrapDataKey(oldKek, parts, true);
  const { wrapped: rewrapped } = await wrapWithPin(
    dataKey,
    newPin,
    opts.iterations ?? PBKDF2_ITERATIONS,
    share,
  );
  return rewrapped;
}

/**
 * Upgrades a keyring made before devices had a server share: the same data key,
 * re-wrapped under PIN + share (fresh salt and IV), so from now on the PIN alone
 * no longer opens it. Records stay as they are.
 */
export async function addServerShare(
  wrapped: WrappedKeyring,
  pin: string,
  serverShare: Uint8Array,
  opts: { iterations?: number } = {},
): Promise<WrappedKeyring> {
  assertPin(pin);
  const parts = decodeWrapped(wrapped);
  const oldKek = await deriveKek(pin, parts.salt, wrapped.iterations, shareFor(wrapped, undefined));
  // Extractable only so that wrapKey may take it; its bytes never reach JavaScript.
  const dataKey = await unwrapDataKey(oldKek, parts, true);
  const iterations = opts.iterations ?? Math.max(wrapped.iterations, PBKDF2_ITERATIONS);
  const { wrapped: rewrapped } = await wrapWithPin(dataKey, pin, iterations, checkedShare(serverShare));
  return rewrapped;
}

function keyringFrom(key: CryptoKey): Keyring {
  return Object.freeze({
    async encrypt(table: string, id: string, value: unknown): Promise<EncryptedBlob> {
      const aad = recordAad(table, id);
      const json: string | undefined = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`Cannot encrypt ${typeof value} for ${table}/${id}.`);
      const iv = randomBytes(IV_BYTES);
      const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, utf8(json));
      return { iv, ct: new Uint8Array(ct) };
    },

    async decrypt<T>(table: string, id: string, blob: EncryptedBlob): Promise<T> {
      const aad = recordAad(table, id);
      if (blob.iv.byteLength !== IV_BYTES) throw new TamperedRecordError(table, id);
      let plain: ArrayBuffer;
      try {
        plain = await subtle().decrypt({ name: 'AES-GCM', iv: blob.iv, additionalData: aad }, key, blob.ct);
      } catch (error) {
        if (isOperationError(error)) throw new TamperedRecordError(table, id);
        throw error;
      }
      return JSON.parse(new TextDecoder().decode(plain)) as T;
    },
  });
}

/** `table:id`; tables are code constants without ':', so no two records share it. */
function recordAad(table: string, id: string): Uint8Array<ArrayBuffer> {
  if (table === '' || table.includes(':')) throw new TypeError(`Invalid table name "${table}".`);
  if (id === '') throw new TypeError(`Empty record id for table ${table}.`);
  return utf8(`${table}:${id}`);
}

async function generateDataKey(): Promise<CryptoKey> {
  // Extractable only so that wrapKey may take it; its bytes never reach JavaScript.
  return subtle().generateKey({ name: 'AES-GCM', length: KEY_BITS }, true, ['encrypt', 'decrypt']);
}

async function wrapWithPin(
  dataKey: CryptoKey,
  pin: string,
  iterations: number,
  share: Uint8Array<ArrayBuffer> | undefined,
): Promise<{ wrapped: WrappedKeyring; kek: CryptoKey }> {
  assertIterations(iterations);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await deriveKek(pin, salt, iterations, share);
  const wrappedKey = await subtle().wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: KEY_WRAP_AAD,
  });
  const wrapped: WrappedKeyring = {
    v: 1,
    salt: toBase64(salt),
    iterations,
    iv: toBase64(iv),
    wrappedKey: toBase64(new Uint8Array(wrappedKey)),
    usesServerShare: share !== undefined,
  };
  return { wrapped, kek };
}

/** PBKDF2 stretches the PIN; HKDF mixes in the server share, so the PIN alone cannot open it. */
async function deriveKek(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  share: Uint8Array<ArrayBuffer> | undefined,
): Promise<CryptoKey> {
  const s = subtle();
  const pinKey = await s.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveBits']);
  const stretched = new Uint8Array(
    await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, pinKey, KEY_BITS),
  );
  // The stretched PIN has a fixed length, so appending the share is unambiguous.
  const ikm = new Uint8Array(stretched.byteLength + (share?.byteLength ?? 0));
  ikm.set(stretched);
  if (share) ikm.set(share, stretched.byteLength);
  const hkdfKey = await s.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
  stretched.fill(0);
  ikm.fill(0);
  return s.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: kekInfo(share !== undefined) },
    hkdfKey,
    { name: 'AES-GCM', length: KEY_BITS },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

async function unwrapDataKey(
  kek: CryptoKey,
  parts: { iv: Uint8Array<ArrayBuffer>; wrappedKey: Uint8Array<ArrayBuffer> },
  extractable: boolean,
): Promise<CryptoKey> {
  try {
    return await subtle().unwrapKey(
      'raw',
      parts.wrappedKey,
      kek,
      { name: 'AES-GCM', iv: parts.iv, additionalData: KEY_WRAP_AAD },
      { name: 'AES-GCM', length: KEY_BITS },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    // GCM's tag check is the only thing that fails on well-formed input.
    if (isOperationError(error)) throw new WrongPinError();
    throw error;
  }
}

function decodeWrapped(wrapped: WrappedKeyring) {
  if (wrapped.v !== 1) throw new Error(`Unknown keyring version ${String(wrapped.v)}.`);
  if (typeof wrapped.usesServerShare !== 'boolean') throw corruptKeyring('usesServerShare');
  if (!Number.isSafeInteger(wrapped.iterations) || wrapped.iterations < 1) throw corruptKeyring('iterations');
  return {
    salt: fromBase64(wrapped.salt, SALT_BYTES, 'salt'),
    iv: fromBase64(wrapped.iv, IV_BYTES, 'iv'),
    wrappedKey: fromBase64(wrapped.wrappedKey, WRAPPED_KEY_BYTES, 'wrappedKey'),
  };
}

function shareFor(wrapped: WrappedKeyring, share: Uint8Array | undefined) {
  if (wrapped.usesServerShare !== (share !== undefined)) {
    throw new ServerShareMismatchError(wrapped.usesServerShare);
  }
  return share === undefined ? undefined : checkedShare(share);
}

/** A copy, so a caller reusing its buffer cannot change the share mid-derivation. */
function checkedShare(share: Uint8Array): Uint8Array<ArrayBuffer> {
  if (share.byteLength < MIN_SERVER_SHARE_BYTES) {
    throw new TypeError(`The server share must be at least ${MIN_SERVER_SHARE_BYTES} bytes.`);
  }
  return new Uint8Array(share);
}

function assertPin(pin: string): void {
  if (!PIN_FORMAT.test(pin)) throw new InvalidPinError();
}

function assertIterations(iterations: number): void {
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new TypeError(`PBKDF2 iterations must be a positive integer, not ${iterations}.`);
  }
}

function corruptKeyring(field: string): Error {
  return new Error(`The stored keyring is damaged (${field}).`);
}

function isOperationError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'OperationError';
}

/** Looked up per call: `crypto.subtle` is missing outside a secure context (https or localhost). */
function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is unavailable: the app must be served over https.');
  return s;
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string, length: number, field: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw corruptKeyring(field);
  }
  if (binary.length !== length) throw corruptKeyring(field);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
