/**
 * The server session locks with the app (issue 16, point 7), over HTTP: a
 * locked session answers nothing but unlock; a proof signed with the device's
 * unlock key over a fresh nonce unlocks it; wrong proofs are counted on the
 * server, and the fifth ends every session of the device until a new sign-in.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { devices, sessions } from '../../server/db/schema';
import { MAX_UNLOCK_FAILURES, unlockProofMessage } from '../../shared/schemas/session-lock';
import { FIXTURE_PASSWORD, type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';

const world = fixtureDatabaseForFile();
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
    database: world.database,
  });
});
afterAll(() => app.close());

const post = (path: string, body: unknown, cookie?: string) =>
  app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify(body),
  });

/** What tRPC answered: the data, or the error's code, status and session-lock reason. */
async function call(path: string, body: unknown, cookie: string) {
  const res = await post(path, body, cookie);
  const json = res.json() as {
    result?: { data: unknown };
    error?: { message: string; data: { code: string; sessionLock?: string } };
  };
  return {
    status: res.statusCode,
    data: json.result?.data as Record<string, unknown> | undefined,
    code: json.error?.data.code,
    sessionLock: json.error?.data.sessionLock,
    body: res.body,
  };
}

async function signIn(user: FixtureUser): Promise<string> {
  const res = await post('auth.login', { username: user.username, password: FIXTURE_PASSWORD });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']).split(';')[0] as string;
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

/** A phone of `user`: registered by a signed-in session that also gave the server its unlock key. */
async function phone(user: FixtureUser) {
  const cookie = await signIn(user);
  const clientId = randomUUID();
  const reg = await call('devices.register', { clientId, label: 'Telefoon' }, cookie);
  expect(reg.status).toBe(200);
  const deviceId = reg.data?.deviceId as string;
  const unlockKey = b64(randomBytes(32));
  const set = await call('session.setUnlockKey', { deviceId, unlockKey }, cookie);
  expect(set.data).toEqual({ ok: true });
  return { cookie, clientId, deviceId, unlockKey };
}

function proofFor(unlockKey: string, deviceId: string, nonce: string) {
  return b64(
    createHmac('sha256', Buffer.from(unlockKey, 'base64url'))
      .update(unlockProofMessage(deviceId, nonce))
      .digest(),
  );
}

/** Asks a nonce and answers it with `key` (the right unlock key, or a wrong one). */
async function proveWith(key: string, p: { deviceId: string }, cookie: string) {
  const challenge = await call('session.unlockChallenge', { deviceId: p.deviceId }, cookie);
  expect(challenge.status).toBe(200);
  const nonce = challenge.data?.nonce as string;
  return call(
    'session.unlock',
    { deviceId: p.deviceId, nonce, proof: proofFor(key, p.deviceId, nonce) },
    cookie,
  );
}

const wrongKey = () => b64(randomBytes(32));

describe('a locked session', () => {
  it('answers 403 session-locked on the caseload, pull, share and who-am-I, and nothing of the cases', async () => {
    const { worker1 } = world.f.users;
    const p = await phone(worker1);
    expect((await call('cases.mine', {}, p.cookie)).status).toBe(200);

    expect((await call('session.lock', {}, p.cookie)).data).toEqual({ locked: true });

    for (const [path, body] of [
      ['cases.mine', {}],
      ['sync.pull', { clientId: p.clientId, cookie: null }],
      ['devices.share', { deviceId: p.deviceId }],
      ['auth.me', undefined],
      ['cases.file', { caseId: world.f.cases.ofWorker1 }],
    ] as const) {
      const answer = await call(path, body, p.cookie);
      expect(answer.status, path).toBe(403);
      expect(answer.code, path).toBe('FORBIDDEN');
      expect(answer.sessionLock, path).toBe('session-locked');
      expect(answer.body).not.toContain('serverShare');
    }
    // Locking again is harmless; signing out still works.
    expect((await call('session.lock', {}, p.cookie)).status).toBe(200);
  });

  it('opens with a proof over a fresh nonce, which cannot be used twice', async () => {
    const { worker1 } = world.f.users;
    const p = await phone(worker1);
    await call('session.lock', {}, p.cookie);

    const challenge = await call('session.unlockChallenge', { deviceId: p.deviceId }, p.cookie);
    const nonce = challenge.data?.nonce as string;
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const proof = proofFor(p.unlockKey, p.deviceId, nonce);
    const unlocked = await call('session.unlock', { deviceId: p.deviceId, nonce, proof }, p.cookie);
    expect(unlocked.data).toEqual({ ok: true });
    expect((await call('cases.mine', {}, p.cookie)).status).toBe(200);
    expect((await call('devices.share', { deviceId: p.deviceId }, p.cookie)).status).toBe(200);

    // The same proof again (a replay): the nonce is spent.
    await call('session.lock', {}, p.cookie);
    const replay = await call('session.unlock', { deviceId: p.deviceId, nonce, proof }, p.cookie);
    expect(replay.status).toBe(400);
    expect(replay.sessionLock).toBe('challenge-expired');
    expect((await call('cases.mine', {}, p.cookie)).sessionLock).toBe('session-locked');
  });

  it('counts wrong proofs on the server; the fifth locks every session of the device until a new sign-in', async () => {
    const { worker2 } = world.f.users;
    const p = await phone(worker2);
    // A second session of the same phone (the app reopened): it ends with the block too.
    const other = await signIn(worker2);
    expect((await proveWith(p.unlockKey, p, other)).data).toEqual({ ok: true });
    // A session of the user that never belonged to this phone, signed in before the block.
    const unbound = await signIn(worker2);
    await call('session.lock', {}, p.cookie);

    for (let left = MAX_UNLOCK_FAILURES - 1; left >= 1; left--) {
      const answer = await proveWith(wrongKey(), p, p.cookie);
      expect(answer.data).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: left });
    }
    const last = await proveWith(wrongKey(), p, p.cookie);
    expect(last.data).toEqual({ ok: false, reason: 'locked-out' });

    // Every session of the phone is locked for good: the copied cookie gets nothing, and no nonce.
    for (const cookie of [p.cookie, other]) {
      expect((await call('cases.mine', {}, cookie)).sessionLock).toBe('session-locked');
      const nonce = await call('session.unlockChallenge', { deviceId: p.deviceId }, cookie);
      expect([nonce.status, nonce.sessionLock]).toEqual([403, 'locked-out']);
    }
    // Nor does an older session of the user get the share or a nonce for it.
    const share = await call('devices.share', { deviceId: p.deviceId }, unbound);
    expect([share.status, share.sessionLock]).toEqual([403, 'locked-out']);
    const register = await call('devices.register', { clientId: p.clientId, label: 'Telefoon' }, unbound);
    expect([register.status, register.sessionLock]).toEqual([403, 'locked-out']);
    const nonce = await call('session.unlockChallenge', { deviceId: p.deviceId }, unbound);
    expect([nonce.status, nonce.sessionLock]).toEqual([403, 'locked-out']);
    const [row] = await world.database.db
      .select({ failures: devices.unlockFailures, blockedAt: devices.unlockBlockedAt })
      .from(devices)
      .where(eq(devices.id, p.deviceId));
    expect(row?.failures).toBe(MAX_UNLOCK_FAILURES);
    expect(row?.blockedAt).toBeInstanceOf(Date);

    // A new sign-in with the password lifts it: the right proof opens, the count starts again.
    const fresh = await signIn(worker2);
    expect((await proveWith(p.unlockKey, p, fresh)).data).toEqual({ ok: true });
    expect((await call('devices.share', { deviceId: p.deviceId }, fresh)).status).toBe(200);
    expect((await call('cases.mine', {}, fresh)).status).toBe(200);
  });

  it('gives parallel guesses from several sessions no more than five tries between them', async () => {
    const { worker3 } = world.f.users;
    const p = await phone(worker3);
    const cookies = [p.cookie];
    for (let i = 0; i < 7; i++) {
      const cookie = await signIn(worker3);
      expect((await proveWith(p.unlockKey, p, cookie)).data).toEqual({ ok: true });
      cookies.push(cookie);
    }
    const nonces = await Promise.all(
      cookies.map(async (cookie) => {
        const c = await call('session.unlockChallenge', { deviceId: p.deviceId }, cookie);
        return c.data?.nonce as string;
      }),
    );
    const answers = await Promise.all(
      cookies.map((cookie, i) =>
        call(
          'session.unlock',
          {
            deviceId: p.deviceId,
            nonce: nonces[i],
            proof: proofFor(wrongKey(), p.deviceId, nonces[i] as string),
          },
          cookie,
        ),
      ),
    );
    const checked = answers.filter((a) => a.data?.ok === false);
    expect(checked).toHaveLength(MAX_UNLOCK_FAILURES);
    expect(checked.filter((a) => a.data?.reason === 'locked-out')).toHaveLength(1);
    // The others were refused unchecked: out of tries.
    const others = answers.filter((a) => a.data === undefined);
    expect(others).toHaveLength(cookies.length - MAX_UNLOCK_FAILURES);
    for (const a of others) expect([a.status, a.sessionLock], a.body).toEqual([403, 'locked-out']);
  });

  it('locks by itself when the phone was idle too long, and not for a device without an unlock key', async () => {
    const { worker1 } = world.f.users;
    const p = await phone(worker1);
    const idle = async (cookie: string) => {
      const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
      const [session] = await world.database.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.deviceId, p.deviceId));
      await world.database.db
        .update(sessions)
        .set({ lastSeenAt: sixMinutesAgo })
        .where(eq(sessions.id, session?.id as string));
      return cookie;
    };
    await idle(p.cookie);
    expect((await call('cases.mine', {}, p.cookie)).sessionLock).toBe('session-locked');
    // Its requests since then do not make it fresh again.
    expect((await call('cases.mine', {}, p.cookie)).sessionLock).toBe('session-locked');
    expect((await proveWith(p.unlockKey, p, p.cookie)).data).toEqual({ ok: true });
    expect((await call('cases.mine', {}, p.cookie)).status).toBe(200);

    // A phone set up before unlock keys: neither idling nor the app's lock shuts it out of its work;
    // it gets its key (and a new PIN) at its next online unlock.
    const cookie = await signIn(worker1);
    const reg = await call('devices.register', { clientId: randomUUID(), label: 'Oude telefoon' }, cookie);
    const oldDevice = reg.data?.deviceId as string;
    expect((await call('session.lock', {}, cookie)).data).toEqual({ locked: false });
    await world.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(sessions.deviceId, oldDevice));
    expect((await call('cases.mine', {}, cookie)).status).toBe(200);
    const challenge = await call('session.unlockChallenge', { deviceId: oldDevice }, cookie);
    expect([challenge.status, challenge.sessionLock]).toEqual([403, 'no-unlock-key']);
  });

  it('refuses a nonce for another user’s phone, or for another phone than the session’s', async () => {
    const { worker1, worker2 } = world.f.users;
    const mine = await phone(worker1);
    const theirs = await phone(worker2);
    const other = await call('session.unlockChallenge', { deviceId: theirs.deviceId }, mine.cookie);
    expect(other.status).toBe(403);
    const second = await phone(worker1);
    const wrongPhone = await call('session.unlockChallenge', { deviceId: second.deviceId }, mine.cookie);
    expect(wrongPhone.status).toBe(403);
  });
});

describe('the unlock key', () => {
  it('is replaced only with a proof by the old key or just after a sign-in', async () => {
    const { worker1 } = world.f.users;
    const p = await phone(worker1);
    // An hour after signing in, a session alone cannot swap in a key (a PIN) of its own.
    await world.database.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(sessions.deviceId, p.deviceId));
    const newKey = b64(randomBytes(32));
    const bare = await call('session.setUnlockKey', { deviceId: p.deviceId, unlockKey: newKey }, p.cookie);
    expect(bare.status).toBe(403);

    const wrong = await call('session.unlockChallenge', { deviceId: p.deviceId }, p.cookie);
    const wrongNonce = wrong.data?.nonce as string;
    const refused = await call(
      'session.setUnlockKey',
      {
        deviceId: p.deviceId,
        unlockKey: newKey,
        nonce: wrongNonce,
        proof: proofFor(wrongKey(), p.deviceId, wrongNonce),
      },
      p.cookie,
    );
    expect(refused.data).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: MAX_UNLOCK_FAILURES - 1 });

    const c = await call('session.unlockChallenge', { deviceId: p.deviceId }, p.cookie);
    const nonce = c.data?.nonce as string;
    const proof = proofFor(p.unlockKey, p.deviceId, nonce);
    const changed = await call(
      'session.setUnlockKey',
      { deviceId: p.deviceId, unlockKey: newKey, nonce, proof },
      p.cookie,
    );
    expect(changed.data).toEqual({ ok: true });
    await call('session.lock', {}, p.cookie);
    expect((await proveWith(p.unlockKey, p, p.cookie)).data).toMatchObject({
      ok: false,
      reason: 'wrong-pin',
    });
    expect((await proveWith(newKey, p, p.cookie)).data).toEqual({ ok: true });
  });

  it('takes 32 bytes and nothing else: the PIN itself has no field to travel in', async () => {
    const { worker1 } = world.f.users;
    const p = await phone(worker1);
    const pin = await call('session.setUnlockKey', { deviceId: p.deviceId, unlockKey: '582931' }, p.cookie);
    expect(pin.status).toBe(400);
    const extra = await call(
      'session.unlock',
      { deviceId: p.deviceId, nonce: b64(randomBytes(32)), proof: b64(randomBytes(32)), pin: '582931' },
      p.cookie,
    );
    expect(extra.status).toBe(400);
  });
});
