/**
 * The phone's own authenticator as a factor of the data key: a passkey with
 * the WebAuthn PRF extension, made at PIN set-up where the platform offers one
 * (Android's and iOS's platform authenticators do, behind the fingerprint,
 * face or screen lock). Its PRF output is an HMAC under a secret that stays in
 * the authenticator (or the platform's passkey store), never in the browser
 * profile: a copy of the profile lacks it, so the PIN and the server share
 * alone do not open the copy. No server checks the assertion: the output is
 * the point, and it only fits the keyring it was made for.
 */
import type { SessionUser } from '../../../shared/schemas/user';
import { newPasskeySalt, PASSKEY_OUTPUT_BYTES, type PasskeyFactor, type PasskeyInput } from './crypto';

export interface Passkeys {
  /** A new passkey with PRF on this phone's authenticator; null where the platform has none. */
  create(user: SessionUser): Promise<PasskeyInput | null>;
  /** The PRF output of the keyring's passkey; asks the user to confirm on the phone. */
  evaluate(factor: PasskeyFactor): Promise<Uint8Array>;
}

/** The user turned the phone's confirmation down (or let it time out): ask again, count nothing. */
export class PasskeyCancelledError extends Error {
  override name = 'PasskeyCancelledError';
  constructor(options?: ErrorOptions) {
    super('Bevestiging op de telefoon afgebroken.', options);
  }
}

/** The keyring's passkey gave no output: it is not on this phone (a copied store) or was removed. */
export class PasskeyMissingError extends Error {
  override name = 'PasskeyMissingError';
  constructor(options?: ErrorOptions) {
    super('De sleutel van deze telefoon ontbreekt.', options);
  }
}

const TIMEOUT_MS = 60_000;

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

const base64ToBytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const bytesToBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

interface PrfResults {
  prf?: { enabled?: boolean; results?: { first?: ArrayBuffer | ArrayBufferView } };
}

function prfOutput(credential: PublicKeyCredential): Uint8Array | null {
  const first = (credential.getClientExtensionResults() as PrfResults).prf?.results?.first;
  if (!first) return null;
  const bytes =
    first instanceof ArrayBuffer
      ? new Uint8Array(first)
      : new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  return bytes.byteLength === PASSKEY_OUTPUT_BYTES ? new Uint8Array(bytes) : null;
}

function cancelled(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

async function assert(factor: PasskeyFactor): Promise<PublicKeyCredential> {
  const credential = await navigator.credentials.get({
    publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: [{ type: 'public-key', id: base64UrlToBytes(factor.credentialId) }],
      userVerification: 'required',
      timeout: TIMEOUT_MS,
      extensions: {
        prf: { eval: { first: base64ToBytes(factor.salt) } },
      } as AuthenticationExtensionsClientInputs,
    },
  });
  if (!(credential instanceof PublicKeyCredential)) throw new PasskeyMissingError();
  return credential;
}

export const webAuthnPasskeys: Passkeys = {
  async create(user) {
    if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return null;
    if (!(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false))) {
      return null;
    }
    const salt = newPasskeySalt();
    let credential: Credential | null;
    try {
      credential = await navigator.credentials.create({
        publicKey: {
          rp: { name: 'Jeugdbescherming' },
          // A random handle per phone: the passkey says nothing about who the user is elsewhere.
          user: {
            id: crypto.getRandomValues(new Uint8Array(16)),
            name: user.displayName,
            displayName: user.displayName,
          },
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          pubKeyCredParams: [
            { type: 'public-key', alg: -7 },
            { type: 'public-key', alg: -257 },
          ],
          authenticatorSelection: {
            authenticatorAttachment: 'platform',
            residentKey: 'discouraged',
            userVerification: 'required',
          },
          timeout: TIMEOUT_MS,
          extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs,
        },
      });
    } catch (error) {
      if (cancelled(error)) throw new PasskeyCancelledError({ cause: error });
      // The platform cannot (NotSupportedError, InvalidStateError…): the data key goes without.
      return null;
    }
    if (!(credential instanceof PublicKeyCredential)) return null;
    const enabled = (credential.getClientExtensionResults() as PrfResults).prf?.enabled;
    let output = prfOutput(credential);
    const factor: PasskeyFactor = {
      credentialId: bytesToBase64Url(new Uint8Array(credential.rawId)),
      salt: bytesToBase64(salt),
    };
    if (!output && enabled) {
      // Most authenticators evaluate PRF only when asked with the passkey, not at its creation.
      output = await this.evaluate(factor);
    }
    return output ? { factor, output } : null;
  },

  async evaluate(factor) {
    let credential: PublicKeyCredential;
    try {
      credential = await assert(factor);
    } catch (error) {
      if (error instanceof PasskeyMissingError) throw error;
      if (cancelled(error)) throw new PasskeyCancelledError({ cause: error });
      throw new PasskeyMissingError({ cause: error });
    }
    const output = prfOutput(credential);
    if (!output) throw new PasskeyMissingError();
    return output;
  },
};
