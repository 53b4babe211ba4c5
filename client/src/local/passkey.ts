/**
 * The phone's own authenticator as a factor of the data key: a passkey with
 * the WebAuthn PRF extension, made at PIN set-up where the platform offers one
 * (Android's and iOS's platform authenticators do, behind the fingerprint,
 * face or screen lock). Its PRF output is an HMAC under a secret that stays in
 * the authenticator (or the platform's passkey store), never in the browser
 * profile: a copy of the profile lacks it, so the PIN and the server share
 * alone do not open the copy. The WebAuthn calls (webauthn.ts) load when first
 * needed, off the field app's first load.
 */
import type { SessionUser } from '../../../shared/schemas/user';
import type { PasskeyFactor, PasskeyInput } from './crypto';

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

/** The platform's WebAuthn (webauthn.ts), loaded at the first PIN set-up or unlock that needs it. */
export const lazyPasskeys: Passkeys = {
  async create(user) {
    const made = await (await import('./webauthn')).createPasskey(user.displayName);
    if (made === 'cancelled') throw new PasskeyCancelledError();
    return made;
  },
  async evaluate(factor) {
    const output = await (await import('./webauthn')).evaluatePasskey(factor);
    if (output === 'cancelled') throw new PasskeyCancelledError();
    if (output === 'missing') throw new PasskeyMissingError();
    return output;
  },
};
