import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { accessLog, contacts, devices, sessions, users } from '../../server/db/schema';
import type { LogContactArgs } from '../../shared/schemas/mutations';
import { FIXTURE_PASSWORD, type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');
const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

const contact = (caseId: string, report = 'Huisbezoek op het toestel.'): LogContactArgs => ({
  id: randomUUID(),
  caseId,
  kind: 'huisbezoek',
  occurredAt: '2026-11-24T09:30:00+01:00',
  present: ['moeder'],
  childSeen: true,
  report,
  amendsId: null,
});

async function registered(user: FixtureUser, label = 'Telefoon') {
  const clientId = randomUUID();
  const reg = await callerFor(world.database, user, { now: NOW }).devices.register({ clientId, label });
  return { clientId, ...reg, auth: { deviceId: reg.deviceId, deviceSecret: reg.deviceSecret } };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: { code?: string }) => e.code,
  );

const deniedEntries = (procedure: string) =>
  world.database.db
    .select({ userId: accessLog.userId, result: accessLog.result })
    .from(accessLog)
    .where(and(eq(accessLog.procedure, procedure), eq(accessLog.result, 'geweigerd')));

describe('registering a device', () => {
  it('gives a secret and the server share, valid for 72 hours, and keeps only the hash of the secret', async () => {
    const { worker1 } = world.f.users;
    const reg = await registered(worker1);
    expect(reg.deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reg.serverShare).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reg.shareValidUntil).toBe(hoursLater(72).toISOString());
    const [row] = await world.database.db.select().from(devices).where(eq(devices.id, reg.deviceId));
    expect(row?.secretHash).not.toBe(reg.deviceSecret);
    expect(row?.userId).toBe(worker1.id);
    // Again for the same phone (a lost answer): the same device and share, a new secret.
    const again = await callerFor(world.database, worker1, { now: NOW }).devices.register({
      clientId: reg.clientId,
      label: 'Telefoon',
    });
    expect(again.deviceId).toBe(reg.deviceId);
    expect(again.serverShare).toBe(reg.serverShare);
    expect(again.deviceSecret).not.toBe(reg.deviceSecret);
    expect(await code(callerFor(world.database, world.f.users.worker1).devices.status(reg.auth))).toBe(
      'FORBIDDEN',
    );
  });

  it("refuses another user's phone, and anyone but a jeugdbeschermer", async () => {
    const reg = await registered(world.f.users.worker1);
    const input = { clientId: reg.clientId, label: 'Telefoon' };
    expect(await code(callerFor(world.database, world.f.users.worker2).devices.register(input))).toBe(
      'FORBIDDEN',
    );
    expect(await code(callerFor(world.database, world.f.users.lead1).devices.register(input))).toBe(
      'FORBIDDEN',
    );
  });

  it('takes no extra keys and no overlong label', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    expect(await code(caller.devices.register({ clientId, label: 'x'.repeat(101) }))).toBe('BAD_REQUEST');
    expect(
      await code(
        caller.devices.register({ clientId, label: 'T', admin: true } as { clientId: string; label: string }),
      ),
    ).toBe('BAD_REQUEST');
  });
});

describe('the server share', () => {
  it('is given to the device’s own user with a fresh window at every call, to nobody else', async () => {
    const { worker1, worker2 } = world.f.users;
    const reg = await registered(worker1);
    const later = await callerFor(world.database, worker1, { now: hoursLater(50) }).devices.share({
      deviceId: reg.deviceId,
    });
    expect(later).toEqual({
      serverShare: reg.serverShare,
      shareValidUntil: hoursLater(50 + 72).toISOString(),
    });
    expect(await code(callerFor(world.database, worker2).devices.share({ deviceId: reg.deviceId }))).toBe(
      'FORBIDDEN',
    );
    expect(await code(callerFor(world.database, null).devices.share({ deviceId: reg.deviceId }))).toBe(
      'UNAUTHORIZED',
    );
  });

  it('lasts DEVICE_SHARE_HOURS, at least one hour', () => {
    expect(loadConfig({ DEVICE_SHARE_HOURS: '24' }).DEVICE_SHARE_HOURS).toBe(24);
    expect(loadConfig({}).DEVICE_SHARE_HOURS).toBe(72);
    expect(() => loadConfig({ DEVICE_SHARE_HOURS: '0' })).toThrow(/DEVICE_SHARE_HOURS/);
  });
});

describe('device status, without a session', () => {
  it('answers actief for the right secret and notes when the device was last seen', async () => {
    const reg = await registered(world.f.users.worker1);
    const later = hoursLater(3);
    const status = await callerFor(world.database, null, { now: later }).devices.status(reg.auth);
    expect(status).toEqual({ status: 'actief' });
    const [row] = await world.database.db
      .select({ lastSeenAt: devices.lastSeenAt })
      .from(devices)
      .where(eq(devices.id, reg.deviceId));
    expect(row?.lastSeenAt.toISOString()).toBe(later.toISOString());
  });

  it('gives one generic FORBIDDEN for a wrong secret or an unknown device', async () => {
    const reg = await registered(world.f.users.worker1);
    const anon = callerFor(world.database, null, { ip: '10.9.9.1' });
    const other = 'A'.repeat(43);
    const wrong = await anon.devices.status({ deviceId: reg.deviceId, deviceSecret: other }).catch((e) => e);
    const unknown = await anon.devices
      .status({ deviceId: randomUUID(), deviceSecret: other })
      .catch((e) => e);
    expect(wrong.code).toBe('FORBIDDEN');
    expect(unknown.code).toBe('FORBIDDEN');
    expect(wrong.message).toBe(unknown.message);
  });

  it('is rate limited', async () => {
    const reg = await registered(world.f.users.worker1);
    const anon = callerFor(world.database, null, { ip: '10.9.9.2' });
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 35; i++) answers.push(await code(anon.devices.status(reg.auth)));
    expect(answers.slice(0, 30).every((a) => a === 'OK')).toBe(true);
    expect(answers.at(-1)).toBe('TOO_MANY_REQUESTS');
  });
});

describe('revoking a device', () => {
  it('is for the team lead of the user’s team, or a beheerder of the organisation; others are refused and logged', async () => {
    const { worker1, worker3, lead1, lead2, admin, workerB } = world.f.users;
    const mine = await registered(worker1);
    const input = { deviceId: mine.deviceId, reason: 'Telefoon verloren' };
    expect(await code(callerFor(world.database, lead2).devices.revoke(input))).toBe('FORBIDDEN');
    expect(await code(callerFor(world.database, worker3).devices.revoke(input))).toBe('FORBIDDEN');
    expect(await deniedEntries('devices.revoke')).toContainEqual({ userId: lead2.id, result: 'geweigerd' });
    // Another organisation's device: not for this organisation's team lead or beheerder.
    const foreign = await registered(workerB);
    const foreignInput = { deviceId: foreign.deviceId, reason: 'Telefoon verloren' };
    expect(await code(callerFor(world.database, admin).devices.revoke(foreignInput))).toBe('FORBIDDEN');
    expect(await code(callerFor(world.database, lead1).devices.revoke(foreignInput))).toBe('FORBIDDEN');
    expect((await callerFor(world.database, admin).devices.list()).map((d) => d.deviceId)).not.toContain(
      foreign.deviceId,
    );
    // The other team's lead does not see it either.
    expect((await callerFor(world.database, lead2).devices.list()).map((d) => d.deviceId)).not.toContain(
      mine.deviceId,
    );

    await callerFor(world.database, lead1, { now: NOW }).devices.revoke(input);
    expect(await callerFor(world.database, null).devices.status(mine.auth)).toEqual({
      status: 'ingetrokken',
    });
    const listed = (await callerFor(world.database, admin).devices.list()).find(
      (d) => d.deviceId === mine.deviceId,
    );
    expect(listed).toMatchObject({
      userName: 'worker1',
      status: 'ingetrokken',
      revokeReason: 'Telefoon verloren',
    });
    // The share is no longer handed out, and the phone cannot register itself again.
    expect(await code(callerFor(world.database, worker1).devices.share({ deviceId: mine.deviceId }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await code(
        callerFor(world.database, worker1).devices.register({ clientId: mine.clientId, label: 'Telefoon' }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('still applies the push of a revoked device of an active user, tells it so, and sends it no more data', async () => {
    const { worker1, lead1 } = world.f.users;
    const phone = await registered(worker1);
    await callerFor(world.database, lead1).devices.revoke({
      deviceId: phone.deviceId,
      reason: 'Nieuw toestel',
    });
    const args = contact(world.f.cases.ofWorker1);
    const caller = callerFor(world.database, worker1);
    const pushed = await caller.sync.push({
      clientId: phone.clientId,
      mutations: [{ id: 1, name: 'logContact', args }],
    });
    expect(pushed).toMatchObject({ status: 'ok', lastMutationId: 1, deviceRevoked: true });
    const landed = await world.database.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.id, args.id));
    expect(landed).toHaveLength(1);
    const pulled = await caller.sync.pull({ clientId: phone.clientId, cookie: null });
    expect(pulled).toMatchObject({ rows: [], more: false, lastMutationId: 1, deviceRevoked: true });

    // A device that is not revoked hears nothing of it.
    const other = await registered(worker1);
    const normal = await caller.sync.pull({ clientId: other.clientId, cookie: null });
    expect(normal.deviceRevoked).toBeUndefined();
    expect(normal.rows.length).toBeGreaterThan(0);
  });

  it('is confirmed by the device once it wiped itself', async () => {
    const phone = await registered(world.f.users.worker1);
    await callerFor(world.database, world.f.users.lead1).devices.revoke({
      deviceId: phone.deviceId,
      reason: 'Gestolen',
    });
    await callerFor(world.database, null, { now: hoursLater(1) }).devices.confirmWiped(phone.auth);
    const [row] = await world.database.db
      .select({ wipedAt: devices.wipedAt })
      .from(devices)
      .where(eq(devices.id, phone.deviceId));
    expect(row?.wipedAt?.toISOString()).toBe(hoursLater(1).toISOString());
  });
});

describe('disabling a user', () => {
  it('ends their sessions, tells their devices, and keeps what a device surrenders for the team lead', async () => {
    const { worker2, lead1, lead2, admin } = world.f.users;
    let token = '';
    await callerFor(world.database, null, { cookies: { set: (t) => (token = t) } }).auth.login({
      username: 'worker2',
      password: FIXTURE_PASSWORD,
    });
    expect(token).not.toBe('');
    const phone = await registered(worker2);
    // Not yet disabled: no surrender.
    const surrender = {
      ...phone.auth,
      mutations: [
        {
          id: 1,
          name: 'logContact' as const,
          createdAt: '2026-11-24T09:40:00.000Z',
          args: contact(world.f.cases.ofWorker2, 'Nog niet gesynchroniseerd verslag'),
        },
      ],
    };
    expect(await code(callerFor(world.database, null).devices.surrender(surrender))).toBe('FORBIDDEN');

    expect(
      await code(
        callerFor(world.database, lead2).devices.disableUser({ userId: worker2.id, reason: 'Uit dienst' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        callerFor(world.database, lead1).devices.disableUser({ userId: lead2.id, reason: 'Uit dienst' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await deniedEntries('devices.disableUser')).toContainEqual({
      userId: lead2.id,
      result: 'geweigerd',
    });

    await callerFor(world.database, lead1, { now: NOW }).devices.disableUser({
      userId: worker2.id,
      reason: 'Uit dienst',
    });
    const [user] = await world.database.db
      .select({ active: users.active, disabledBy: users.disabledBy })
      .from(users)
      .where(eq(users.id, worker2.id));
    expect(user).toEqual({ active: false, disabledBy: lead1.id });
    const open = await world.database.db
      .select({ revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(eq(sessions.userId, worker2.id));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);

    const anon = callerFor(world.database, null);
    expect(await anon.devices.status(phone.auth)).toEqual({ status: 'gebruiker-uitgeschakeld' });
    // Malformed work is refused whole; real work is kept, unapplied.
    const broken = { ...surrender, mutations: [{ ...surrender.mutations[0], args: { caseId: 'kapot' } }] };
    expect(await code(anon.devices.surrender(broken as typeof surrender))).toBe('BAD_REQUEST');
    expect(await anon.devices.surrender(surrender)).toEqual({ ok: true });
    const applied = await world.database.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.id, surrender.mutations[0]?.args.id ?? ''));
    expect(applied).toHaveLength(0);
    const seen = (await callerFor(world.database, lead1).devices.list()).find(
      (d) => d.deviceId === phone.deviceId,
    );
    expect(seen).toMatchObject({ status: 'gebruiker-uitgeschakeld', surrenders: 1 });
    const byAdmin = (await callerFor(world.database, admin).devices.list()).find(
      (d) => d.deviceId === phone.deviceId,
    );
    expect(byAdmin?.surrenders).toBe(1);
  });
});

describe('logout', () => {
  it('asks the browser to clear the site’s data, unless the phone must keep unsynced work', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: world.database,
    });
    try {
      const post = (body: unknown) =>
        app.inject({
          method: 'POST',
          url: '/trpc/auth.logout',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
      const plain = await post({});
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
      const keep = await post({ keepDeviceData: true });
      expect(keep.headers['clear-site-data']).toBe('"cache", "cookies"');
    } finally {
      await app.close();
    }
  });
});

describe('the session of a revoked device', () => {
  it('may still push and learn it is revoked, and nothing else', async () => {
    const { worker3, lead2 } = world.f.users;
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: world.database,
    });
    try {
      const post = (path: string, body: unknown, cookie?: string) =>
        app.inject({
          method: 'POST',
          url: `/trpc/${path}`,
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          payload: JSON.stringify(body),
        });
      const login = await post('auth.login', { username: worker3.username, password: FIXTURE_PASSWORD });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const clientId = randomUUID();
      const reg = await post('devices.register', { clientId, label: 'Telefoon' }, cookie);
      expect(reg.statusCode).toBe(200);
      const { deviceId } = reg.json().result.data as { deviceId: string };
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(200);

      await callerFor(world.database, lead2).devices.revoke({ deviceId, reason: 'Toestel kwijt' });

      const file = await post('cases.file', { caseId: world.f.cases.ofWorker3 }, cookie);
      expect(file.statusCode).toBe(403);
      expect(file.json().error.message).toBe('Dit toestel is ingetrokken');
      expect(file.body).not.toContain('Cas');
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(403);
      const push = await post(
        'sync.push',
        { clientId, mutations: [{ id: 1, name: 'logContact', args: contact(world.f.cases.ofWorker3) }] },
        cookie,
      );
      expect(push.statusCode).toBe(200);
      expect(push.json().result.data).toMatchObject({ lastMutationId: 1, deviceRevoked: true });
      const refusals = await world.database.db
        .select({ reason: accessLog.reason })
        .from(accessLog)
        .where(and(eq(accessLog.userId, worker3.id), eq(accessLog.result, 'geweigerd')));
      expect(refusals.map((r) => r.reason)).toContain('toestel ingetrokken');
    } finally {
      await app.close();
    }
  });
});
