import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Response as InjectResponse } from 'light-my-request';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { accessLog, contacts, devices, sessions, users } from '../../server/db/schema';
import { logContactArgs } from '../helpers/contact-args';
import { FIXTURE_PASSWORD, type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const NOW = new Date('2026-11-24T10:00:00Z');
const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

const contact = (caseId: string, report = 'Huisbezoek op het toestel.') => logContactArgs(caseId, { report });

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

describe('a device’s name', () => {
  it('is the name its user gave at registration, shown in the list of devices beside what the phone is', async () => {
    const { worker1, lead1 } = world.f.users;
    const clientId = randomUUID();
    const reg = await callerFor(world.database, worker1, { now: NOW }).devices.register({
      clientId,
      label: 'Android · Chrome',
      name: '  Werktelefoon Mohamed ',
    });
    const listed = (await callerFor(world.database, lead1).devices.list()).find(
      (d) => d.deviceId === reg.deviceId,
    );
    expect(listed).toMatchObject({ name: 'Werktelefoon Mohamed', label: 'Android · Chrome' });
  });

  it('is "Telefoon van" and the first name when the phone gave none', async () => {
    const { worker1 } = world.f.users;
    const reg = await registered(worker1);
    const [row] = await world.database.db
      .select({ name: devices.name })
      .from(devices)
      .where(eq(devices.id, reg.deviceId));
    expect(row?.name).toBe(`Telefoon van ${worker1.displayName.split(' ')[0]}`);
  });

  it('is refused when empty or longer than 60 characters, never cut', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const tooLong = caller.devices.register({ clientId: randomUUID(), label: 'T', name: 'x'.repeat(61) });
    await expect(tooLong).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('60'),
    });
    expect(await code(caller.devices.register({ clientId: randomUUID(), label: 'T', name: '  ' }))).toBe(
      'BAD_REQUEST',
    );
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

  it('hands the unsynced work of a revoked phone in with its secret: applied once, as its user, while its share could last', async () => {
    const { worker1, lead1 } = world.f.users;
    const phone = await registered(worker1);
    await callerFor(world.database, lead1, { now: NOW }).devices.revoke({
      deviceId: phone.deviceId,
      reason: 'Nieuw toestel',
    });
    const args = contact(world.f.cases.ofWorker1, 'Verslag van vlak voor het intrekken');
    const handIn = (
      now: Date,
      mutations = [{ id: 1, name: 'logContact' as const, createdAt: NOW.toISOString(), args }],
    ) =>
      callerFor(world.database, null, { now, ip: '10.7.7.1' }).devices.surrender({
        ...phone.auth,
        mutations,
      });
    expect(await handIn(hoursLater(1))).toEqual({ ok: true });
    // The answer was lost: handed in again, applied once.
    expect(await handIn(hoursLater(2))).toEqual({ ok: true });
    const landed = await world.database.db
      .select({ id: contacts.id, authorId: contacts.authorId })
      .from(contacts)
      .where(eq(contacts.id, args.id));
    expect(landed).toEqual([{ id: args.id, authorId: worker1.id }]);
    // Not through a session: the phone's own client id is refused to its user's sessions.
    expect(
      await code(callerFor(world.database, worker1).sync.pull({ clientId: phone.clientId, cookie: null })),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        callerFor(world.database, worker1).sync.push({
          clientId: phone.clientId,
          mutations: [{ id: 2, name: 'logContact', args: contact(world.f.cases.ofWorker1) }],
        }),
      ),
    ).toBe('FORBIDDEN');
    // Past the share's window the phone cannot have opened its store: nothing more is taken.
    const late = [
      {
        id: 2,
        name: 'logContact' as const,
        createdAt: NOW.toISOString(),
        args: contact(world.f.cases.ofWorker1),
      },
    ];
    expect(await code(handIn(hoursLater(73), late))).toBe('FORBIDDEN');
    // Nor once it reported its wipe.
    await callerFor(world.database, null, { now: hoursLater(3), ip: '10.7.7.1' }).devices.confirmWiped(
      phone.auth,
    );
    expect(await code(handIn(hoursLater(4), late))).toBe('FORBIDDEN');
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

/** The app over HTTP, as an outside prober uses it: a cookie, and any client id it likes. */
async function overHttp<T>(run: (http: Http) => Promise<T>): Promise<T> {
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
    database: world.database,
  });
  const post = (path: string, body: unknown, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });
  const login = async (user: FixtureUser) => {
    const res = await post('auth.login', { username: user.username, password: FIXTURE_PASSWORD });
    expect(res.statusCode).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0] as string;
  };
  try {
    return await run({ post, login });
  } finally {
    await app.close();
  }
}
interface Http {
  post(path: string, body: unknown, cookie?: string): Promise<InjectResponse>;
  login(user: FixtureUser): Promise<string>;
}
const dataOf = <T = unknown>(res: InjectResponse) => (res.json() as { result: { data: T } }).result.data;

describe('a revoked phone over HTTP', () => {
  it('loses its session: nothing answers its cookie, not with a new client id, not registering anew', async () => {
    const { worker3, lead2 } = world.f.users;
    await overHttp(async ({ post, login }) => {
      const cookie = await login(worker3);
      const clientId = randomUUID();
      const reg = await post('devices.register', { clientId, label: 'Telefoon' }, cookie);
      expect(reg.statusCode).toBe(200);
      const { deviceId, deviceSecret } = dataOf<{ deviceId: string; deviceSecret: string }>(reg);
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(200);
      const firstPull = await post('sync.pull', { clientId, cookie: null }, cookie);
      expect(firstPull.statusCode).toBe(200);
      expect(firstPull.body).toContain(world.f.cases.ofWorker3);

      await callerFor(world.database, lead2).devices.revoke({ deviceId, reason: 'Toestel kwijt' });

      const sessionsOfDevice = await world.database.db
        .select({ revokedAt: sessions.revokedAt })
        .from(sessions)
        .where(eq(sessions.deviceId, deviceId));
      expect(sessionsOfDevice.length).toBeGreaterThan(0);
      expect(sessionsOfDevice.every((s) => s.revokedAt !== null)).toBe(true);

      const attempts = [
        await post('cases.mine', {}, cookie),
        await post('cases.file', { caseId: world.f.cases.ofWorker3 }, cookie),
        await post('sync.pull', { clientId: randomUUID(), cookie: null }, cookie),
        await post('sync.pull', { clientId, cookie: null }, cookie),
        await post(
          'sync.push',
          {
            clientId: randomUUID(),
            mutations: [{ id: 1, name: 'logContact', args: contact(world.f.cases.ofWorker3) }],
          },
          cookie,
        ),
        await post('devices.register', { clientId: randomUUID(), label: 'Nieuw' }, cookie),
        await post('devices.share', { deviceId }, cookie),
      ];
      expect(attempts.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401]);
      for (const a of attempts) expect(a.body).not.toContain('Cas');
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(401);

      // What the device itself may still do, with its secret: learn it is revoked, report its wipe.
      const status = await post('devices.status', { deviceId, deviceSecret });
      expect(dataOf(status)).toEqual({ status: 'ingetrokken' });
      expect((await post('devices.confirmWiped', { deviceId, deviceSecret })).statusCode).toBe(200);

      // A new sign-in may not take the revoked phone's client back either.
      const fresh = await login(worker3);
      expect((await post('sync.pull', { clientId, cookie: null }, fresh)).statusCode).toBe(403);
      expect((await post('devices.register', { clientId, label: 'Telefoon' }, fresh)).statusCode).toBe(403);
    });
  });

  it('ends a session that was bound to the device at the moment it was revoked', async () => {
    const { worker1, lead1 } = world.f.users;
    await overHttp(async ({ post, login }) => {
      const cookie = await login(worker1);
      const phone = await registered(worker1);
      await callerFor(world.database, lead1).devices.revoke({ deviceId: phone.deviceId, reason: 'Kwijt' });
      // As if a share request bound this session to the device just after the revocation ended its sessions.
      await world.database.db
        .update(sessions)
        .set({ deviceId: phone.deviceId })
        .where(and(eq(sessions.userId, worker1.id), isNull(sessions.revokedAt)));
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(401);
    });
  });
});

describe('a session bound to its device over HTTP', () => {
  it('cannot register another device, nor sync or log reads as another client', async () => {
    // worker2 was disabled above.
    const { worker3 } = world.f.users;
    await overHttp(async ({ post, login }) => {
      const cookie = await login(worker3);
      const clientId = randomUUID();
      expect((await post('devices.register', { clientId, label: 'Telefoon' }, cookie)).statusCode).toBe(200);
      // The same phone again (a lost answer) is fine.
      expect((await post('devices.register', { clientId, label: 'Telefoon' }, cookie)).statusCode).toBe(200);

      const other = randomUUID();
      const second = await post('devices.register', { clientId: other, label: 'Tweede' }, cookie);
      expect(second.statusCode).toBe(403);
      expect(second.json().error.message).toContain('ander toestel');
      const pull = await post('sync.pull', { clientId: other, cookie: null }, cookie);
      expect(pull.statusCode).toBe(403);
      expect(pull.body).not.toContain('Cas');
      const push = await post(
        'sync.push',
        {
          clientId: other,
          mutations: [{ id: 1, name: 'logContact', args: contact(world.f.cases.ofWorker3) }],
        },
        cookie,
      );
      expect(push.statusCode).toBe(403);
      const reads = await post(
        'sync.reads',
        {
          clientId: other,
          reads: [{ id: randomUUID(), caseId: world.f.cases.ofWorker3, at: new Date().toISOString() }],
        },
        cookie,
      );
      expect(reads.statusCode).toBe(403);
      const devicesOfWorker = await world.database.db
        .select({ clientId: devices.clientId })
        .from(devices)
        .where(eq(devices.clientId, other));
      expect(devicesOfWorker).toEqual([]);
      expect(await deniedEntries('devices.register')).toContainEqual({
        userId: worker3.id,
        result: 'geweigerd',
      });

      // Its own client syncs as ever.
      const own = await post('sync.pull', { clientId, cookie: null }, cookie);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain(world.f.cases.ofWorker3);
    });
  });
});

describe('the end of a device over HTTP', () => {
  it('refuses a wipe confirmation from a device that was never revoked', async () => {
    const phone = await registered(world.f.users.worker1);
    await overHttp(async ({ post }) => {
      const res = await post('devices.confirmWiped', phone.auth);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('Dit toestel is niet ingetrokken');
    });
    const [row] = await world.database.db
      .select({ wipedAt: devices.wipedAt })
      .from(devices)
      .where(eq(devices.id, phone.deviceId));
    expect(row?.wipedAt).toBeNull();
  });

  it('retires the device at a logout that clears the phone; not at one that keeps its work', async () => {
    const { worker1, lead1 } = world.f.users;
    await overHttp(async ({ post, login }) => {
      const keep = await login(worker1);
      const kept = dataOf<{ deviceId: string; deviceSecret: string }>(
        await post('devices.register', { clientId: randomUUID(), label: 'Telefoon' }, keep),
      );
      expect((await post('auth.logout', { keepDeviceData: true }, keep)).statusCode).toBe(200);
      expect(
        dataOf(await post('devices.status', { deviceId: kept.deviceId, deviceSecret: kept.deviceSecret })),
      ).toEqual({
        status: 'actief',
      });

      const cookie = await login(worker1);
      const clientId = randomUUID();
      const phone = dataOf<{ deviceId: string; deviceSecret: string }>(
        await post('devices.register', { clientId, label: 'Telefoon' }, cookie),
      );
      expect((await post('auth.logout', {}, cookie)).statusCode).toBe(200);
      expect((await post('cases.mine', {}, cookie)).statusCode).toBe(401);
      const auth = { deviceId: phone.deviceId, deviceSecret: phone.deviceSecret };
      expect(dataOf(await post('devices.status', auth))).toEqual({ status: 'ingetrokken' });
      // Used again by a new sign-in: no share, no registration, no sync as it.
      const again = await login(worker1);
      expect((await post('devices.share', { deviceId: phone.deviceId }, again)).statusCode).toBe(403);
      expect((await post('devices.register', { clientId, label: 'Telefoon' }, again)).statusCode).toBe(403);
      expect((await post('sync.pull', { clientId, cookie: null }, again)).statusCode).toBe(403);
      // Its wipe may be reported now.
      expect((await post('devices.confirmWiped', auth)).statusCode).toBe(200);
    });
    const listed = (await callerFor(world.database, lead1).devices.list()).filter(
      (d) => d.userId === worker1.id && d.revokeReason === 'Uitgelogd op het toestel',
    );
    expect(listed.length).toBeGreaterThan(0);
  });
});
