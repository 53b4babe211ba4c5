/**
 * The WebAuthn side of passkey.ts: a platform passkey with PRF, made and
 * asked. No server checks the assertion: the PRF output is the point, and it
 * only fits the keyring it was made for. Loaded on demand, so it imports
 * nothing at run time (a shared import would split the field app's chunks):
 * it answers 'cancelled' or 'missing' and passkey.ts turns those into errors.
 */
import type { PasskeyFactor, PasskeyInput } from './crypto';

/** HMAC-SHA-256 output (crypto.ts PASSKEY_OUTPUT_BYTES). */
const OUTPUT_BYTES = 32;

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
  return bytes.byteLength === OUTPUT_BYTES ? new Uint8Array(bytes) : null;
}

function cancelled(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

async function assert(factor: PasskeyFactor): Promise<PublicKeyCredential | null> {
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
  return credential instanceof PublicKeyCredential ? credential : null;
}

/** The PRF output of the keyring's passkey; asks the user to confirm on the phone. */
export async function evaluatePasskey(factor: PasskeyFactor): Promise<Uint8Array | 'cancelled' | 'missing'> {
  let credential: PublicKeyCredential | null;
  try {
    credential = await assert(factor);
  } catch (error) {
    return cancelled(error) ? 'cancelled' : 'missing';
  }
  return (credential && prfOutput(credential)) ?? 'missing';
}

/** A new passkey with PRF on this phone's own authenticator; null where the platform has none. */
export async function createPasskey(displayName: string): Promise<PasskeyInput | 'cancelled' | null> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return null;
  if (!(await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().catch(() => false))) {
    return null;
  }
  const salt = crypto.getRandomValues(new Uint8Array(32));
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Jeugdbescherming' },
        // A random handle per phone: the passkey says nothing about who the user is elsewhere.
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: displayName, displayName },
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
    // Turned down: ask again. The platform cannot (NotSupportedError…): the data key goes without.
    return cancelled(error) ? 'cancelled' : null;
  }
  if (!(credential instanceof PublicKeyCredential)) return null;
  const enabled = (credential.getClientExtensionResults() as PrfResults).prf?.enabled;
  const factor: PasskeyFactor = {
    credentialId: bytesToBase64Url(new Uint8Array(credential.rawId)),
    salt: bytesToBase64(salt),
  };
  let output: Uint8Array | 'cancelled' | 'missing' | null = prfOutput(credential);
  // Most authenticators evaluate PRF only when asked with the passkey, not at its creation.
  if (!output && enabled) output = await evaluatePasskey(factor);
  if (output === 'cancelled') return 'cancelled';
  return output instanceof Uint8Array ? { factor, output } : null;
}
