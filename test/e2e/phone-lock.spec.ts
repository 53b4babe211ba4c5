/**
 * A copied phone store stays shut (issue 16, point 7), in Chromium with a
 * virtual platform authenticator (CDP WebAuthn, PRF on): the PIN set-up makes
 * a passkey whose PRF output is a factor of the data key. A copy of the
 * browser profile (IndexedDB, the server share dug out of it, the session
 * cookie) with the PIN opens nothing without that passkey; the server session
 * locked with the app and answers the copied cookie nothing but unlock.
 */
import { randomBytes } from 'node:crypto';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  type EncryptedBlob,
  PasskeyMismatchError,
  unlockKeyring,
  type WrappedKeyring,
  WrongPinError,
} from '../../client/src/local/crypto';
import { PIN, unlock, workerOnNewDevice } from './helpers';

/** The phone's own authenticator, as Chromium simulates one: internal, with user verification and PRF. */
async function platformAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

interface Dump {
  stores: Record<string, unknown[]>;
  keyring: WrappedKeyring;
  share: number[];
  bundle: { key: string; iv: number[]; ct: number[] };
}

/**
 * What someone with the phone's profile gets: every IndexedDB store of the app,
 * byte for byte, and the server share, unsealed with the key stored beside it
 * (as forensic extraction of the browser's key material would).
 */
function copyProfile(page: Page): Promise<Dump> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('jeugdbescherming');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    // Typed arrays as plain arrays, so they cross to the test; a CryptoKey cannot cross at all.
    const plain = (value: unknown): unknown =>
      value instanceof Uint8Array
        ? { bytes: [...value] }
        : value instanceof CryptoKey
          ? null
          : Array.isArray(value)
            ? value.map(plain)
            : value && typeof value === 'object'
              ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
              : value;
    const stores: Record<string, unknown[]> = {};
    for (const name of db.objectStoreNames) stores[name] = (await all(name)).map(plain);
    const meta = (await all('meta')) as { key: string; value: never }[];
    const value = <T>(key: string) => meta.find((m) => m.key === key)?.value as T;
    const sealed = value<{
      key: CryptoKey;
      iv: Uint8Array;
      ct: Uint8Array;
      fetchedAt: string;
      validUntil: string;
    }>('serverShare');
    const aad = new TextEncoder().encode(
      `jeugdbescherming:server-share:v1:${sealed.fetchedAt}:${sealed.validUntil}`,
    );
    const share = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer>, additionalData: aad },
        sealed.key,
        sealed.ct as Uint8Array<ArrayBuffer>,
      ),
    );
    const bundle = (await all('bundles'))[0] as { key: string; blob: { iv: Uint8Array; ct: Uint8Array } };
    db.close();
    return {
      stores,
      keyring: value<WrappedKeyring>('keyring'),
      share: [...share],
      bundle: { key: bundle.key, iv: [...bundle.blob.iv], ct: [...bundle.blob.ct] },
    };
  }) as Promise<Dump>;
}

/** Writes the copied stores into another browser's (empty) database of the app. */
async function restoreProfile(page: Page, dump: Dump) {
  await page.evaluate(async (stores) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('jeugdbescherming');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const revive = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(revive)
        : value && typeof value === 'object'
          ? 'bytes' in value
            ? new Uint8Array((value as { bytes: number[] }).bytes)
            : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]))
          : value;
    for (const [name, rows] of Object.entries(stores)) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(name, 'readwrite');
        // The sealed share's key did not cross: the copy holds the share under a key of its own.
        for (const row of rows) tx.objectStore(name).put(revive(row));
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
  }, dump.stores);
  // The share, unsealed from the original, sealed again here: the copy has it, as the attacker does.
  await page.evaluate(async (share) => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const fetchedAt = new Date().toISOString();
    const validUntil = new Date(Date.now() + 3_600_000).toISOString();
    const aad = new TextEncoder().encode(`jeugdbescherming:server-share:v1:${fetchedAt}:${validUntil}`);
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, new Uint8Array(share)),
    );
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('jeugdbescherming');
      open.onsuccess = () => resolve(open.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'serverShare', value: { key, iv, ct, fetchedAt, validUntil } });
      tx.oncomplete = () => resolve();
    });
    db.close();
  }, dump.share);
}

/** The PRF output of the keyring's passkey, asked of the authenticator in `page`. */
function passkeyOutput(page: Page, keyring: WrappedKeyring): Promise<number[]> {
  const factor = keyring.passkey as NonNullable<WrappedKeyring['passkey']>;
  return page.evaluate(async ({ credentialId, salt }) => {
    const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const id = fromB64(
      credentialId.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (credentialId.length % 4)) % 4),
    );
    const credential = (await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id }],
        userVerification: 'required',
        extensions: { prf: { eval: { first: fromB64(salt) } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential;
    const results = credential.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } };
    return [...new Uint8Array(results.prf?.results?.first as ArrayBuffer)];
  }, factor);
}

/** What the server answers a cookie of `context` on the caseload: status and session-lock reason. */
async function caseload(context: BrowserContext, baseURL: string) {
  const res = await context.request.post(`${baseURL}/trpc/cases.mine`, { data: {} });
  const body = (await res.json()) as { error?: { data?: { sessionLock?: string } } };
  return { status: res.status(), sessionLock: body.error?.data?.sessionLock };
}

test('with the phone’s passkey, a copy of the store opens neither with the PIN and the server share nor in another browser', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  const base = baseURL as string;
  await platformAuthenticator(page);
  await page.clock.install();
  await workerOnNewDevice(page, 'mohamed.elamrani');

  const copy = await copyProfile(page);
  // The keyring asks for the passkey: PRF was there, so it is a factor.
  expect(copy.keyring).toMatchObject({
    v: 2,
    usesServerShare: true,
    passkey: { credentialId: expect.any(String) },
  });
  const blob: EncryptedBlob = { iv: new Uint8Array(copy.bundle.iv), ct: new Uint8Array(copy.bundle.ct) };
  const share = new Uint8Array(copy.share);

  // The copy with the PIN and the server share: no passkey output to give; the flag edited away,
  // or any other 32 bytes in its place, and the key is wrong.
  await expect(unlockKeyring(copy.keyring, PIN, share)).rejects.toBeInstanceOf(PasskeyMismatchError);
  const { passkey: _dropped, ...edited } = copy.keyring;
  await expect(unlockKeyring(edited, PIN, share)).rejects.toBeInstanceOf(WrongPinError);
  await expect(unlockKeyring(copy.keyring, PIN, share, randomBytes(32))).rejects.toBeInstanceOf(
    WrongPinError,
  );
  // With the phone's authenticator the same bytes do open: PIN, share and passkey, nothing less.
  const output = new Uint8Array(await passkeyOutput(page, copy.keyring));
  const keyring = await unlockKeyring(copy.keyring, PIN, share, output);
  expect(Array.isArray(await keyring.decrypt('bundles', copy.bundle.key, blob))).toBe(true);

  // The app locks itself after five idle minutes, and the server session with it.
  expect(await caseload(context, base)).toEqual({ status: 200, sessionLock: undefined });
  await page.clock.fastForward('05:30');
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();
  await expect.poll(() => caseload(context, base)).toEqual({ status: 403, sessionLock: 'session-locked' });

  // The profile copied into another browser, on another phone's authenticator, with the cookie.
  const other = await browser.newContext();
  try {
    const thief = await other.newPage();
    await platformAuthenticator(thief);
    await other.addCookies(await context.cookies());
    expect(await caseload(other, base)).toEqual({ status: 403, sessionLock: 'session-locked' });
    await thief.goto(`${base}/`);
    // The app made its (empty) database; the copy goes in, and the app starts again on it.
    await expect(
      thief.getByLabel('Gebruikersnaam').or(thief.getByRole('heading', { name: 'Ontgrendelen' })),
    ).toBeVisible();
    await restoreProfile(thief, copy);
    await thief.reload();
    await expect(thief.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();
    await thief.getByLabel('Pincode', { exact: true }).fill(PIN);
    await thief.getByRole('button', { name: 'Ontgrendelen' }).click();
    await expect(thief.getByRole('alert')).toContainText('De telefoon gaf de sleutel van dit toestel niet');
    await expect(thief.getByRole('heading', { name: 'Mijn caseload' })).toHaveCount(0);
    expect(await caseload(other, base)).toEqual({ status: 403, sessionLock: 'session-locked' });
  } finally {
    await other.close();
  }

  // On the phone itself the PIN and the passkey open the store and, proven to the server, the session.
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expect.poll(() => caseload(context, base)).toEqual({ status: 200, sessionLock: undefined });
});

test('where the phone has no passkey with PRF, the store is made with the PIN and the server share', async ({
  page,
}) => {
  await workerOnNewDevice(page, 'sanne.devries');
  const keyring = await page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('jeugdbescherming');
        open.onsuccess = () => {
          const request = open.result.transaction('meta').objectStore('meta').get('keyring');
          request.onsuccess = () => resolve((request.result as { value: unknown }).value);
        };
      }),
  );
  expect(keyring).toMatchObject({ v: 2, usesServerShare: true });
  expect(keyring).not.toHaveProperty('passkey');
});
