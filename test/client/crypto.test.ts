import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createKeyring,
  type EncryptedBlob,
  InvalidPinError,
  openWithPin,
  type PasskeyInput,
  PasskeyMismatchError,
  PBKDF2_ITERATIONS,
  rewrapDataKey,
  ServerShareMismatchError,
  signUnlockProof,
  TamperedRecordError,
  unlockKeyring,
  type WrappedKeyring,
  WrongPinError,
} from '../../client/src/local/crypto';
import { unlockProofMessage } from '../../shared/schemas/session-lock';
import legacy from './fixtures/legacy-keyrings.json';

/** A new PIN for a keyring, as the device moves to one: opened with the old PIN, the same data key wrapped anew. */
async function changePin(
  wrapped: WrappedKeyring,
  oldPin: string,
  newPin: string,
  opts: { oldServerShare?: Uint8Array; serverShare?: Uint8Array; iterations?: number } = {},
) {
  const dataKey = await (await openWithPin(wrapped, oldPin)).openForRewrap(opts.oldServerShare);
  return rewrapDataKey(dataKey, newPin, {
    serverShare: opts.serverShare ?? opts.oldServerShare,
    iterations: opts.iterations ?? Math.max(wrapped.iterations, PBKDF2_ITERATIONS),
  });
}

// Real WebCrypto throughout; a low iteration count keeps all but one test fast.
const fast = { iterations: 1_000 };
const pin = '482139';
const record = { jeugdige: 'Fictief Kind', notitie: 'Huisbezoek, moeder aanwezig.' };

const serverShare = () => crypto.getRandomValues(new Uint8Array(32));
/** What IndexedDB would give back: the stored keyring went through JSON. */
const stored = (wrapped: WrappedKeyring): WrappedKeyring => JSON.parse(JSON.stringify(wrapped));

function flipBit(bytes: Uint8Array<ArrayBuffer>, index: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the local data key', () => {
  it('unlocks with its PIN and reads what was written before', async () => {
    const { keyring, wrapped } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    const unlocked = await unlockKeyring(stored(wrapped), pin);

    await expect(unlocked.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
  });

  it('does not unlock with a wrong PIN', async () => {
    const { wrapped } = await createKeyring(pin, fast);

    await expect(unlockKeyring(wrapped, '482130')).rejects.toBeInstanceOf(WrongPinError);
  });

  it('stores neither the PIN nor the data key', async () => {
    const longPin = '907153846201';
    // Observe (not replace) key generation to learn the raw key this test must not find.
    const generateKey = vi.spyOn(crypto.subtle, 'generateKey');
    const { wrapped } = await createKeyring(longPin, fast);
    const generated = (await generateKey.mock.results[0]?.value) as CryptoKey;
    const rawKey = new Uint8Array(await crypto.subtle.exportKey('raw', generated));
    const json = JSON.stringify(wrapped);

    expect(json).not.toContain(longPin);
    expect(json).not.toContain(Buffer.from(rawKey).toString('base64'));
    expect(json).not.toContain(Buffer.from(rawKey).toString('hex'));
    expect(json).not.toContain(Buffer.from(rawKey).toString('base64url'));
    expect(Buffer.from(wrapped.wrappedKey, 'base64').includes(Buffer.from(rawKey))).toBe(false);
  });

  it('is non-extractable once unlocked', async () => {
    const { wrapped } = await createKeyring(pin, fast);
    const unwrapKey = vi.spyOn(crypto.subtle, 'unwrapKey');
    await unlockKeyring(wrapped, pin);
    const unwrapped = (await unwrapKey.mock.results[0]?.value) as CryptoKey;

    expect(unwrapped.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', unwrapped)).rejects.toThrow();
  });

  it('uses at least 600,000 PBKDF2 iterations by default, and unlocks with them', async () => {
    const { keyring, wrapped } = await createKeyring(pin);
    const blob = await keyring.encrypt('cases', 'k-1', record);

    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(wrapped.iterations).toBe(PBKDF2_ITERATIONS);
    const unlocked = await unlockKeyring(stored(wrapped), pin);
    await expect(unlocked.decrypt('cases', 'k-1', blob)).resolves.toEqual(record);
  }, 20_000);

  it('gets a new PIN without changing the data key', async () => {
    const { keyring, wrapped } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    const { wrapped: rewrapped } = await changePin(wrapped, pin, '7310452', fast);

    await expect(unlockKeyring(rewrapped, pin)).rejects.toBeInstanceOf(WrongPinError);
    const unlocked = await unlockKeyring(rewrapped, '7310452');
    await expect(unlocked.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
  });

  it('does not change the PIN when the old one is wrong', async () => {
    const { wrapped } = await createKeyring(pin, fast);

    await expect(changePin(wrapped, '11111', '7310452', fast)).rejects.toBeInstanceOf(WrongPinError);
  });
});

describe('the PIN format', () => {
  const invalid = [
    '',
    '1234',
    '12345',
    '1234567890123',
    '12a456',
    ' 123457',
    '123457\n',
    '12 3457',
    '１２３４５７',
    '-12345',
  ];

  it.each(invalid)('refuses %j as a new PIN with a Dutch message', async (badPin) => {
    const attempt = createKeyring(badPin, fast);

    await expect(attempt).rejects.toBeInstanceOf(InvalidPinError);
    await expect(attempt).rejects.toThrow('De pincode moet uit 6 tot 12 cijfers bestaan.');
  });

  it.each(['111111', '123456', '121212', '250385'])(
    'refuses the easily guessed %s as a new PIN',
    async (weak) => {
      const attempt = createKeyring(weak, fast);

      await expect(attempt).rejects.toBeInstanceOf(InvalidPinError);
      await expect(attempt).rejects.toThrow('Deze pincode is te makkelijk te raden. Kies een andere.');
      await expect(
        changePin((await createKeyring(pin, fast)).wrapped, pin, weak, fast),
      ).rejects.toBeInstanceOf(InvalidPinError);
    },
  );

  it('is checked on unlock too', async () => {
    const { wrapped } = await createKeyring(pin, fast);

    await expect(unlockKeyring(wrapped, '1234')).rejects.toBeInstanceOf(InvalidPinError);
  });

  it('allows 6 and 12 digits', async () => {
    await expect(createKeyring('582931', fast)).resolves.toBeDefined();
    await expect(createKeyring('907153482611', fast)).resolves.toBeDefined();
  });
});

const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const legacyBlob = (b: { iv: string; ct: string }): EncryptedBlob => ({
  iv: fromB64(b.iv),
  ct: fromB64(b.ct),
});

describe('a keyring from before the 6-digit rule (version 1)', () => {
  const share = fromB64(legacy.share);
  const withShare = legacy.withShare.wrapped as WrappedKeyring;
  const withoutShare = legacy.withoutShare.wrapped as WrappedKeyring;

  it('still opens with its 5-digit PIN, and has no unlock key', async () => {
    const opening = await openWithPin(withShare, legacy.pin);
    expect(opening.proofKey).toBeNull();
    const keyring = await opening.open(share);
    await expect(keyring.decrypt('contacts', 'c-legacy', legacyBlob(legacy.withShare.blob))).resolves.toEqual(
      legacy.record,
    );
    const plain = await unlockKeyring(withoutShare, legacy.pin);
    await expect(
      plain.decrypt('contacts', 'c-legacy', legacyBlob(legacy.withoutShare.blob)),
    ).resolves.toEqual(legacy.record);
  });

  it('moves to version 2 under a new PIN (and a share it did not have), with the same data key', async () => {
    const moved = await changePin(withoutShare, legacy.pin, pin, { ...fast, serverShare: share });

    expect(moved.wrapped).toMatchObject({ v: 2, usesServerShare: true });
    const keyring = await unlockKeyring(stored(moved.wrapped), pin, share);
    await expect(
      keyring.decrypt('contacts', 'c-legacy', legacyBlob(legacy.withoutShare.blob)),
    ).resolves.toEqual(legacy.record);
    await expect(unlockKeyring(moved.wrapped, legacy.pin, share)).rejects.toBeInstanceOf(WrongPinError);
    await expect(
      changePin(withShare, '99999', pin, { ...fast, oldServerShare: share }),
    ).rejects.toBeInstanceOf(WrongPinError);
  });
});

/** A passkey's PRF output as the authenticator would give it: 32 bytes only it can make. */
const passkey = (): PasskeyInput => ({
  factor: {
    credentialId: 'Y3JlZGVudGlhbA',
    salt: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64'),
  },
  output: crypto.getRandomValues(new Uint8Array(32)),
});

describe('the passkey', () => {
  it('is a factor: PIN and share open the store only with its output', async () => {
    const share = serverShare();
    const key = passkey();
    const { keyring, wrapped } = await createKeyring(pin, { ...fast, serverShare: share, passkey: key });
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    expect(wrapped.passkey).toEqual(key.factor);
    const unlocked = await unlockKeyring(stored(wrapped), pin, share, key.output);
    await expect(unlocked.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
    // Without it (a copied profile has none), with the flag edited away, or with another's output.
    await expect(unlockKeyring(wrapped, pin, share)).rejects.toBeInstanceOf(PasskeyMismatchError);
    const { passkey: _dropped, ...edited } = wrapped;
    await expect(unlockKeyring(edited, pin, share)).rejects.toBeInstanceOf(WrongPinError);
    await expect(unlockKeyring(wrapped, pin, share, passkey().output)).rejects.toBeInstanceOf(WrongPinError);
    await expect(unlockKeyring(wrapped, pin, share, new Uint8Array(16))).rejects.toBeInstanceOf(
      PasskeyMismatchError,
    );
  });
});

describe('the unlock key', () => {
  it('signs proofs the server checks with its copy, and comes from the PIN and passkey, not the share', async () => {
    const key = passkey();
    const made = await createKeyring(pin, { ...fast, serverShare: serverShare(), passkey: key });
    const deviceId = crypto.randomUUID();
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

    const proof = await signUnlockProof(made.proofKey, deviceId, nonce);
    const expected = createHmac('sha256', made.unlockKey)
      .update(unlockProofMessage(deviceId, nonce))
      .digest('base64url');
    expect(proof).toBe(expected);
    // Opened again with the PIN and passkey, before any share is known: the same key.
    const opening = await openWithPin(stored(made.wrapped), pin, key.output);
    expect(await signUnlockProof(opening.proofKey as CryptoKey, deviceId, nonce)).toBe(expected);
    // A wrong PIN, or no passkey output where one belongs, gives a proof the server refuses.
    const wrong = await openWithPin(made.wrapped, '482130', key.output);
    expect(await signUnlockProof(wrong.proofKey as CryptoKey, deviceId, nonce)).not.toBe(expected);
    const { passkey: _dropped, ...edited } = made.wrapped;
    const without = await openWithPin(edited, pin);
    expect(await signUnlockProof(without.proofKey as CryptoKey, deviceId, nonce)).not.toBe(expected);
  });

  it('differs between keyrings with the same PIN, and is not the key the store is wrapped with', async () => {
    const a = await createKeyring(pin, fast);
    const b = await createKeyring(pin, fast);
    expect(Buffer.from(a.unlockKey).equals(Buffer.from(b.unlockKey))).toBe(false);
    expect(a.proofKey.extractable).toBe(false);
    expect(JSON.stringify(a.wrapped)).not.toContain(Buffer.from(a.unlockKey).toString('base64'));
  });
});

describe('the server share', () => {
  it('unlocks with the right PIN and the share', async () => {
    const share = serverShare();
    const { keyring, wrapped } = await createKeyring(pin, { ...fast, serverShare: share });
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    expect(wrapped.usesServerShare).toBe(true);
    const unlocked = await unlockKeyring(stored(wrapped), pin, share);
    await expect(unlocked.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
  });

  it('does not unlock with the right PIN alone', async () => {
    const { wrapped } = await createKeyring(pin, { ...fast, serverShare: serverShare() });

    await expect(unlockKeyring(wrapped, pin)).rejects.toBeInstanceOf(ServerShareMismatchError);
  });

  it('does not unlock with the right PIN when the stored flag is edited to skip the share', async () => {
    const { wrapped } = await createKeyring(pin, { ...fast, serverShare: serverShare() });

    await expect(unlockKeyring({ ...wrapped, usesServerShare: false }, pin)).rejects.toBeInstanceOf(
      WrongPinError,
    );
  });

  it('does not unlock with the right PIN and another share', async () => {
    const { wrapped } = await createKeyring(pin, { ...fast, serverShare: serverShare() });

    await expect(unlockKeyring(wrapped, pin, serverShare())).rejects.toBeInstanceOf(WrongPinError);
  });

  it('is refused when shorter than 16 bytes', async () => {
    await expect(createKeyring(pin, { ...fast, serverShare: new Uint8Array(15) })).rejects.toThrow(
      'at least 16 bytes',
    );
  });
});

describe('a sealed record', () => {
  it('does not decrypt under another id', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    await expect(keyring.decrypt('contacts', 'c-2', blob)).rejects.toBeInstanceOf(TamperedRecordError);
  });

  it('does not decrypt under another table', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    await expect(keyring.decrypt('koersen', 'c-1', blob)).rejects.toBeInstanceOf(TamperedRecordError);
  });

  it('does not decrypt when one bit of the ciphertext is flipped', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    await expect(
      keyring.decrypt('contacts', 'c-1', { iv: blob.iv, ct: flipBit(blob.ct, 3) }),
    ).rejects.toBeInstanceOf(TamperedRecordError);
  });

  it('does not decrypt when one bit of the IV is flipped', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    await expect(
      keyring.decrypt('contacts', 'c-1', { iv: flipBit(blob.iv, 0), ct: blob.ct }),
    ).rejects.toBeInstanceOf(TamperedRecordError);
  });

  it('does not decrypt under another keyring with the same PIN', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const { keyring: other } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);

    await expect(other.decrypt('contacts', 'c-1', blob)).rejects.toBeInstanceOf(TamperedRecordError);
  });

  it('differs each time the same value is encrypted', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const first = await keyring.encrypt('contacts', 'c-1', record);
    const second = await keyring.encrypt('contacts', 'c-1', record);

    expect(first.iv).not.toEqual(second.iv);
    expect(first.ct).not.toEqual(second.ct);
  });

  it('stays binary and survives the structured clone IndexedDB stores it with', async () => {
    const { keyring } = await createKeyring(pin, fast);
    const blob = structuredClone(await keyring.encrypt('contacts', 'c-1', record));

    expect(blob.iv).toBeInstanceOf(Uint8Array);
    expect(blob.ct).toBeInstanceOf(Uint8Array);
    await expect(keyring.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
  });

  it('refuses a table name with a colon, which would make the associated data ambiguous', async () => {
    const { keyring } = await createKeyring(pin, fast);

    await expect(keyring.encrypt('contacts:x', 'c-1', record)).rejects.toThrow('Invalid table name');
  });
});
