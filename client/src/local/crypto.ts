/**
 * The encryption layer of the phone's local store. Every record in IndexedDB is
 * sealed with one random AES-GCM data key; on disk that key exists only wrapped
 * under a key derived from the user's PIN, the server's share of this device
 * and, where the phone offers one, the PRF output of a passkey on the phone's
 * own authenticator. Once unlocked it lives in memory as a non-extractable
 * WebCrypto key. Guarantees: what is stored reveals neither the PIN, the data
 * key nor any record; a copy of the store opens only with all the factors it
 * was made with (editing the stored flags changes the key, it does not skip a
 * factor); a sealed blob decrypts only as the record (table + id) it was
 * written for — moved, altered or foreign blobs are refused, never misread.
 *
 * Keyrings of version 2 also give the unlock key: an HMAC key derived from the
 * PIN (and passkey), not from the share, that the server keeps to check unlock
 * proofs (shared/schemas/session-lock.ts). From it the PIN could only be
 * guessed with the keyring's salt, which never leaves the phone. Version 1
 * keyrings (5-digit PINs, no unlock key) still open; the device moves them to
 * version 2 with a new PIN at the next online unlock.
 *
 * Over 400 lines on purpose: the whole key schedule (PBKDF2, HKDF, the factors,
 * wrapping, record sealing) and its checks are one threat model, reviewed top
 * to bottom in one place; split, a reviewer would have to hold several files
 * to see that no path skips a factor.
 */
import { newPinProblem, type PinProblem, UNLOCK_PIN_FORMAT } from '../../../shared/rules/pin';
import { unlockProofMessage } from '../../../shared/schemas/session-lock';

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_BITS = 256;
/** AES-GCM output for a 32-byte key: the key plus a 16-byte tag. */
const WRAPPED_KEY_BYTES = KEY_BITS / 8 + 16;
/** Shorter than this, a server share would add little to a PIN. */
const MIN_SERVER_SHARE_BYTES = 16;
/** What the WebAuthn PRF extension gives: HMAC-SHA-256 output, 32 bytes. */
export const PASSKEY_OUTPUT_BYTES = 32;
const PASSKEY_SALT_BYTES = 32;

const KEY_WRAP_AAD = utf8('jeugdbescherming:local-data-key:v1');
// Editing the stored flags (`usesServerShare`, `passkey`) cannot skip a factor: without it the HKDF
// input differs, so the key does too. Naming the factors here as well keeps the kinds of key apart
// by construction.
const kekInfo = (v: 1 | 2, f: Factors) =>
  v === 1
    ? utf8(`jeugdbescherming:local-kek:v1:${f.share ? 'pin+server-share' : 'pin'}`)
    : utf8(
        `jeugdbescherming:local-kek:v2:pin${f.passkey ? '+passkey' : ''}${f.share ? '+server-share' : ''}`,
      );
const unlockKeyInfo = (passkey: boolean) =>
  utf8(`jeugdbescherming:unlock-key:v2:pin${passkey ? '+passkey' : ''}`);

/** The passkey whose PRF output is a factor of the key: which credential, and what it is asked. */
export interface PasskeyFactor {
  /** base64url, the WebAuthn credential id */
  readonly credentialId: string;
  /** base64, 32 bytes: the PRF input (`eval.first`) */
  readonly salt: string;
}

/** What IndexedDB keeps of the keyring: plain JSON, nothing secret in the clear. */
export interface WrappedKeyring {
  /** 1: from before unlock keys and the 6-digit rule; 2: current. */
  readonly v: 1 | 2;
  /** base64, 16 bytes, PBKDF2 and HKDF salt */
  readonly salt: string;
  readonly iterations: number;
  /** base64, 12 bytes */
  readonly iv: string;
  /** base64, the AES-GCM-wrapped data key */
  readonly wrappedKey: string;
  readonly usesServerShare: boolean;
  /** Version 2, where the phone has a passkey with PRF: its output is needed too. */
  readonly passkey?: PasskeyFactor;
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
  /** Seals raw bytes (an attachment's file or thumbnail) for record `id` of `table`, without JSON. */
  encryptBytes(table: string, id: string, bytes: Uint8Array<ArrayBuffer>): Promise<EncryptedBlob>;
  /** Opens bytes sealed by encryptBytes for exactly this `table` and `id`. */
  decryptBytes(table: string, id: string, blob: EncryptedBlob): Promise<Uint8Array<ArrayBuffer>>;
}

/** A passkey given to a new keyring: its factor (stored) and its PRF output (never stored). */
export interface PasskeyInput {
  factor: PasskeyFactor;
  output: Uint8Array;
}

export interface NewKeyring {
  keyring: Keyring;
  wrapped: WrappedKeyring;
  /** The unlock key's bytes, for the server (session.setUnlockKey); not kept on the phone. */
  unlockKey: Uint8Array<ArrayBuffer>;
  /** The same key as a non-extractable HMAC key, to sign unlock proofs while the store is open. */
  proofKey: CryptoKey;
}

export class InvalidPinError extends Error {
  override name = 'InvalidPinError';
  constructor(readonly problem: PinProblem = 'format') {
    super(
      problem === 'format'
        ? 'De pincode moet uit 6 tot 12 cijfers bestaan.'
        : 'Deze pincode is te makkelijk te raden. Kies een andere.',
    );
  }
}

/** The PIN, the server share or the passkey does not open this keyring. They cannot be told apart. */
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

/** The keyring needs the passkey's output and none (or one of the wrong size) was given, or the other way round. */
export class PasskeyMismatchError extends Error {
  override name = 'PasskeyMismatchError';
  constructor(needed: boolean) {
    super(
      needed
        ? 'This keyring can only be unlocked with its passkey.'
        : 'This keyring was made without a passkey; no passkey output may be given.',
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

interface Factors {
  share: Uint8Array<ArrayBuffer> | undefined;
  passkey: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * A new random data key under a new PIN (held to the rule for new PINs), the share and the passkey.
 * The share may still be on its way (a promise, resolving to undefined for none): the PIN's PBKDF2
 * runs meanwhile, and the share is mixed in when both are there.
 */
export async function createKeyring(
  pin: string,
  opts: {
    serverShare?: Uint8Array | Promise<Uint8Array | undefined>;
    passkey?: PasskeyInput;
    iterations?: number;
  } = {},
): Promise<NewKeyring> {
  assertNewPin(pin);
  const made = await wrapV2(await generateDataKey(), pin, opts);
  // Unwrap what will be stored rather than keep the generated key: the keyring
  // holds a non-extractable key, and the stored form is proven to open.
  const keyring = keyringFrom(await unwrapDataKey(made.kek, decodeWrapped(made.wrapped), false));
  return { keyring, wrapped: made.wrapped, unlockKey: made.unlockKey, proofKey: made.proofKey };
}

/**
 * The PIN (and the passkey's output) applied to a keyring, before the server
 * share is known: one PBKDF2 run gives both the proof key, with which the
 * phone proves the PIN to the server, and, with the share, the key-wrapping key.
 */
export interface PinOpening {
  /** Version 2: signs unlock proofs. Version 1 keyrings have none. */
  readonly proofKey: CryptoKey | null;
  /** Opens the store (WrongPinError when the PIN, share or passkey is not the one it was made with). */
  open(serverShare?: Uint8Array): Promise<Keyring>;
  /** The data key, extractable, for wrapping it under a new PIN (rewrapDataKey). */
  openForRewrap(serverShare?: Uint8Array): Promise<CryptoKey>;
}

export async function openWithPin(
  wrapped: WrappedKeyring,
  pin: string,
  passkeyOutput?: Uint8Array,
): Promise<PinOpening> {
  assertPin(pin);
  const parts = decodeWrapped(wrapped);
  const passkey = passkeyFor(wrapped, passkeyOutput);
  const user = await userMaterial(pin, parts.salt, wrapped.iterations, passkey);
  const proofKey =
    wrapped.v === 2
      ? await subtle().deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: parts.salt, info: unlockKeyInfo(passkey !== undefined) },
          await hkdfKeyOf(user),
          { name: 'HMAC', hash: 'SHA-256', length: KEY_BITS },
          false,
          ['sign'],
        )
      : null;
  const unwrap = async (serverShare: Uint8Array | undefined, extractable: boolean) => {
    const share = shareFor(wrapped, serverShare);
    const kek = await kekFrom(user, parts.salt, wrapped.v, { share, passkey });
    return unwrapDataKey(kek, parts, extractable);
  };
  return {
    proofKey,
    open: async (serverShare) => keyringFrom(await unwrap(serverShare, false)),
    // Extractable only so that wrapKey may take it; its bytes never reach JavaScript.
    openForRewrap: (serverShare) => unwrap(serverShare, true),
  };
}

export async function unlockKeyring(
  wrapped: WrappedKeyring,
  pin: string,
  serverShare?: Uint8Array,
  passkeyOutput?: Uint8Array,
): Promise<Keyring> {
  return (await openWithPin(wrapped, pin, passkeyOutput)).open(serverShare);
}

/**
 * Wraps an open data key (PinOpening.openForRewrap) under a new PIN, as a
 * version 2 keyring: the device's move to a new PIN when it was opened with
 * the old one moments before.
 */
export async function rewrapDataKey(
  dataKey: CryptoKey,
  newPin: string,
  opts: { serverShare?: Uint8Array; passkey?: PasskeyInput; iterations?: number } = {},
): Promise<NewKeyring> {
  assertNewPin(newPin);
  const made = await wrapV2(dataKey, newPin, opts);
  const keyring = keyringFrom(await unwrapDataKey(made.kek, decodeWrapped(made.wrapped), false));
  return { keyring, wrapped: made.wrapped, unlockKey: made.unlockKey, proofKey: made.proofKey };
}

/** The proof that this phone holds the unlock key: HMAC over the device and the server's nonce (base64url). */
export async function signUnlockProof(proofKey: CryptoKey, deviceId: string, nonce: string): Promise<string> {
  const mac = await subtle().sign('HMAC', proofKey, utf8(unlockProofMessage(deviceId, nonce)));
  return toBase64Url(new Uint8Array(mac));
}

/** 32 random bytes to ask a new passkey's PRF with (stored in the keyring as the factor's salt). */
export function newPasskeySalt(): Uint8Array<ArrayBuffer> {
  return randomBytes(PASSKEY_SALT_BYTES);
}

async function wrapV2(
  dataKey: CryptoKey,
  pin: string,
  opts: {
    serverShare?: Uint8Array | Promise<Uint8Array | undefined>;
    passkey?: PasskeyInput;
    iterations?: number;
  },
) {
  const iterations = opts.iterations ?? PBKDF2_ITERATIONS;
  assertIterations(iterations);
  const passkey = opts.passkey === undefined ? undefined : checkedPasskeyOutput(opts.passkey.output);
  if (opts.passkey) fromBase64(opts.passkey.factor.salt, PASSKEY_SALT_BYTES, 'passkey.salt');
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  // PBKDF2 (the slow part, off the main thread) while a share that is still coming arrives.
  const [user, given] = await Promise.all([userMaterial(pin, salt, iterations, passkey), opts.serverShare]);
  let share: Uint8Array<ArrayBuffer> | undefined;
  try {
    share = given === undefined ? undefined : checkedShare(given);
  } catch (error) {
    user.fill(0);
    throw error;
  }
  const kek = await kekFrom(user, salt, 2, { share, passkey });
  const unlockKey = new Uint8Array(
    await subtle().deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt, info: unlockKeyInfo(passkey !== undefined) },
      await hkdfKeyOf(user),
      KEY_BITS,
    ),
  );
  const proofKey = await subtle().importKey('raw', unlockKey, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  user.fill(0);
  const wrappedKey = await subtle().wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: KEY_WRAP_AAD,
  });
  const wrapped: WrappedKeyring = {
    v: 2,
    salt: toBase64(salt),
    iterations,
    iv: toBase64(iv),
    wrappedKey: toBase64(new Uint8Array(wrappedKey)),
    usesServerShare: share !== undefined,
    ...(opts.passkey
      ? { passkey: { credentialId: opts.passkey.factor.credentialId, salt: opts.passkey.factor.salt } }
      : {}),
  };
  return { wrapped, kek, unlockKey, proofKey };
}

/**
 * PBKDF2 stretches the PIN; the passkey's output (fixed length) follows it.
 * The caller zeroes the result once it has derived what it needs.
 */
async function userMaterial(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  passkey: Uint8Array<ArrayBuffer> | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  const s = subtle();
  const pinKey = await s.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveBits']);
  const stretched = new Uint8Array(
    await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, pinKey, KEY_BITS),
  );
  if (!passkey) return stretched;
  const both = new Uint8Array(stretched.byteLength + passkey.byteLength);
  both.set(stretched);
  both.set(passkey, stretched.byteLength);
  stretched.fill(0);
  return both;
}

function hkdfKeyOf(ikm: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle().importKey('raw', ikm, 'HKDF', false, ['deriveKey', 'deriveBits']);
}

/** HKDF mixes in the server share, so the PIN (and passkey) alone cannot open it. */
async function kekFrom(
  user: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  v: 1 | 2,
  factors: Factors,
): Promise<CryptoKey> {
  // The user's part has a fixed length, so appending the share is unambiguous.
  const ikm = new Uint8Array(user.byteLength + (factors.share?.byteLength ?? 0));
  ikm.set(user);
  if (factors.share) ikm.set(factors.share, user.byteLength);
  const hkdfKey = await hkdfKeyOf(ikm);
  ikm.fill(0);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: kekInfo(v, factors) },
    hkdfKey,
    { name: 'AES-GCM', length: KEY_BITS },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

function keyringFrom(key: CryptoKey): Keyring {
  return Object.freeze({
    async encrypt(table: string, id: string, value: unknown): Promise<EncryptedBlob> {
      const json: string | undefined = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`Cannot encrypt ${typeof value} for ${table}/${id}.`);
      return seal(table, id, utf8(json));
    },

    async decrypt<T>(table: string, id: string, blob: EncryptedBlob): Promise<T> {
      return JSON.parse(new TextDecoder().decode(await open(table, id, blob))) as T;
    },

    encryptBytes: (table: string, id: string, bytes: Uint8Array<ArrayBuffer>) => seal(table, id, bytes),

    async decryptBytes(table: string, id: string, blob: EncryptedBlob): Promise<Uint8Array<ArrayBuffer>> {
      return new Uint8Array(await open(table, id, blob));
    },
  });

  async function seal(table: string, id: string, plain: Uint8Array<ArrayBuffer>): Promise<EncryptedBlob> {
    const aad = recordAad(table, id);
    const iv = randomBytes(IV_BYTES);
    const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plain);
    return { iv, ct: new Uint8Array(ct) };
  }

  async function open(table: string, id: string, blob: EncryptedBlob): Promise<ArrayBuffer> {
    const aad = recordAad(table, id);
    if (blob.iv.byteLength !== IV_BYTES) throw new TamperedRecordError(table, id);
    try {
      return await subtle().decrypt({ name: 'AES-GCM', iv: blob.iv, additionalData: aad }, key, blob.ct);
    } catch (error) {
      if (isOperationError(error)) throw new TamperedRecordError(table, id);
      throw error;
    }
  }
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
  if (wrapped.v !== 1 && wrapped.v !== 2) throw new Error(`Unknown keyring version ${String(wrapped.v)}.`);
  if (typeof wrapped.usesServerShare !== 'boolean') throw corruptKeyring('usesServerShare');
  if (!Number.isSafeInteger(wrapped.iterations) || wrapped.iterations < 1) throw corruptKeyring('iterations');
  if (wrapped.passkey !== undefined) {
    if (wrapped.v !== 2 || typeof wrapped.passkey.credentialId !== 'string') throw corruptKeyring('passkey');
    fromBase64(wrapped.passkey.salt, PASSKEY_SALT_BYTES, 'passkey.salt');
  }
  return {
    salt: fromBase64(wrapped.salt, SALT_BYTES, 'salt'),
    iv: fromBase64(wrapped.iv, IV_BYTES, 'iv'),
    wrappedKey: fromBase64(wrapped.wrappedKey, WRAPPED_KEY_BYTES, 'wrappedKey'),
  };
}

function passkeyFor(wrapped: WrappedKeyring, output: Uint8Array | undefined) {
  if ((wrapped.passkey !== undefined) !== (output !== undefined)) {
    throw new PasskeyMismatchError(wrapped.passkey !== undefined);
  }
  return output === undefined ? undefined : checkedPasskeyOutput(output);
}

function checkedPasskeyOutput(output: Uint8Array): Uint8Array<ArrayBuffer> {
  if (output.byteLength !== PASSKEY_OUTPUT_BYTES) throw new PasskeyMismatchError(true);
  return new Uint8Array(output);
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

/** What unlocking takes: the PINs of today and the 5-digit ones of version 1 keyrings. */
function assertPin(pin: string): void {
  if (!UNLOCK_PIN_FORMAT.test(pin)) throw new InvalidPinError();
}

/** A new PIN: 6 to 12 digits, and not one of the PINs people pick first (shared/rules/pin.ts). */
function assertNewPin(pin: string): void {
  const problem = newPinProblem(pin);
  if (problem) throw new InvalidPinError(problem);
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

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
