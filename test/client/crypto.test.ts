import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addServerShare,
  changePin,
  createKeyring,
  InvalidPinError,
  PBKDF2_ITERATIONS,
  ServerShareMismatchError,
  TamperedRecordError,
  unlockKeyring,
  type WrappedKeyring,
  WrongPinError,
} from '../../client/src/local/crypto';

// Real WebCrypto throughout; a low iteration count keeps all but one test fast.
const fast = { iterations: 1_000 };
const pin = '48213';
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

    await expect(unlockKeyring(wrapped, '48214')).rejects.toBeInstanceOf(WrongPinError);
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

    const rewrapped = await changePin(wrapped, pin, '7310452', fast);

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
    '1234567890123',
    '12a45',
    ' 12345',
    '12345\n',
    '12 345',
    '１２３４５',
    '-1234',
  ];

  it.each(invalid)('refuses %j with a Dutch message', async (badPin) => {
    const attempt = createKeyring(badPin, fast);

    await expect(attempt).rejects.toBeInstanceOf(InvalidPinError);
    await expect(attempt).rejects.toThrow('De pincode moet uit 5 tot 12 cijfers bestaan.');
  });

  it('is checked on unlock too', async () => {
    const { wrapped } = await createKeyring(pin, fast);

    await expect(unlockKeyring(wrapped, '1234')).rejects.toBeInstanceOf(InvalidPinError);
  });

  it('allows 5 and 12 digits', async () => {
    await expect(createKeyring('00000', fast)).resolves.toBeDefined();
    await expect(createKeyring('123456789012', fast)).resolves.toBeDefined();
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

  it('can be added to a keyring made without one: the same data key, and the PIN alone no longer opens it', async () => {
    const { keyring, wrapped } = await createKeyring(pin, fast);
    const blob = await keyring.encrypt('contacts', 'c-1', record);
    const share = serverShare();

    const upgraded = await addServerShare(stored(wrapped), pin, share, fast);
    expect(upgraded.usesServerShare).toBe(true);
    const unlocked = await unlockKeyring(stored(upgraded), pin, share);
    await expect(unlocked.decrypt('contacts', 'c-1', blob)).resolves.toEqual(record);
    await expect(unlockKeyring({ ...upgraded, usesServerShare: false }, pin)).rejects.toBeInstanceOf(
      WrongPinError,
    );
    await expect(addServerShare(wrapped, '99999', share, fast)).rejects.toBeInstanceOf(WrongPinError);
    await expect(addServerShare(upgraded, pin, share, fast)).rejects.toBeInstanceOf(ServerShareMismatchError);
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
