/**
 * Reminders that leak nothing (issue 20 §2): the daily digest's rules under a
 * controlled clock, once a day per worker with two senders at once, never to
 * a revoked device, a 410 deleting the subscription, the referral notice, and
 * what a push service sees: a real web-push message, sent over HTTP to a
 * stand-in push service, decrypted with the phone's keys — one fixed text.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import {
  devices,
  organisationSettings,
  pushSubscriptions,
  reminderSettings,
  users,
  verwijzingen,
} from '../../server/db/schema';
import { appRouter } from '../../server/routers';
import { createReminders, REMINDER_PAYLOAD, type Reminders } from '../../server/services/reminders/reminders';
import { pushSetup } from '../../server/services/reminders/vapid';
import { createCallerFactory } from '../../server/trpc';
import { DEFAULT_CASELOAD_NORM, DEFAULT_CASELOAD_WEIGHTS } from '../../shared/rules/caseload';
import { REMINDER_TAG, REMINDER_TEXT } from '../../shared/rules/reminders';
import { DEFAULT_HOLIDAY_POLICY } from '../../shared/rules/working-days';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { decryptPush, PushStandIn, type TestSubscription } from '../helpers/push-stand-in';
import { callerFor, contextFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const standIn = new PushStandIn();
const pushConfig = loadConfig({
  NODE_ENV: 'test',
  PGLITE_DIR: 'memory://',
  PUSH_ALLOW_HTTP_ENDPOINTS: 'yes',
});
const createCaller = createCallerFactory(appRouter);
const logLines: string[] = [];
let reminders: Reminders;

/** Dutch time on a day in winter (UTC+1): `at('2026-11-24', '08:00')`. */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);
const TUESDAY = '2026-11-24';
const SATURDAY = '2026-11-28';
const CHRISTMAS = '2026-12-25'; // a Friday, a public holiday under every policy
const CLOSING_DAY = '2026-12-02'; // a Wednesday the organisation closes (its own holiday policy)

beforeAll(async () => {
  await standIn.start();
  reminders = createReminders({
    db: world.database.db,
    config: pushConfig,
    log: { info: (m) => logLines.push(m), error: (m) => logLines.push(m) },
  });
});
afterAll(() => standIn.stop());
beforeEach(async () => {
  standIn.received.length = 0;
  standIn.answers.clear();
  await world.database.db.update(reminderSettings).set({ lastDigestOn: null, digestTime: '08:00' });
});

function callerWithDevice(user: FixtureUser, deviceId: string | null, now = at(TUESDAY, '07:00')) {
  const ctx = contextFor(world.database, user, { now });
  if (ctx.user) ctx.user.deviceId = deviceId;
  return createCaller({ ...ctx, config: pushConfig, reminders });
}

/** The worker's phone: registered as a device, subscribed to push at the stand-in. */
async function phoneOf(user: FixtureUser): Promise<{ deviceId: string; subscription: TestSubscription }> {
  const reg = await callerFor(world.database, user).devices.register({
    clientId: randomUUID(),
    label: 'Telefoon',
  });
  const subscription = standIn.subscription();
  await callerWithDevice(user, reg.deviceId).reminders.subscribe({
    endpoint: subscription.endpoint,
    keys: subscription.keys,
  });
  return { deviceId: reg.deviceId, subscription };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (e: { code?: string }) => e.code,
  );

describe('configuration of push', () => {
  const keys = pushSetup(loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://' })).keys;
  const env = (extra: Record<string, string>) => ({ NODE_ENV: 'production', ...extra });

  it('stops on a bad key, a pair that does not belong together, or only part of the three, naming it', () => {
    if (!keys) throw new Error('no ephemeral keys');
    const other = pushSetup(loadConfig({ NODE_ENV: 'test' })).keys;
    const good = {
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ict@gi.example',
    };
    expect(() => loadConfig(env({ ...good, VAPID_PUBLIC_KEY: 'kort' }))).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => loadConfig(env({ ...good, VAPID_PRIVATE_KEY: other?.privateKey ?? '' }))).toThrow(
      /VAPID_PUBLIC_KEY: hoort niet bij VAPID_PRIVATE_KEY/,
    );
    expect(() => loadConfig(env({ ...good, VAPID_SUBJECT: 'http://gi.example' }))).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig(env({ VAPID_PUBLIC_KEY: keys.publicKey }))).toThrow(/alle drie of geen/);
    expect(pushSetup(loadConfig(env(good)))).toMatchObject({
      source: 'configuration',
      keys: { publicKey: keys.publicKey },
    });
  });

  it('sends nothing in production without keys, and says why; development makes a pair of its own', () => {
    const off = pushSetup(loadConfig(env({})));
    expect(off).toMatchObject({ keys: null, source: 'off' });
    expect(off.source === 'off' && off.reason).toMatch(/VAPID_PUBLIC_KEY.*niet ingesteld/);
    expect(pushSetup(loadConfig({ NODE_ENV: 'development' })).source).toBe('ephemeral');
  });

  it('allows a plain-http push address (the stand-in) only in the tests', () => {
    expect(() => loadConfig(env({ PUSH_ALLOW_HTTP_ENDPOINTS: 'yes' }))).toThrow(/PUSH_ALLOW_HTTP_ENDPOINTS/);
    expect(() => loadConfig({ NODE_ENV: 'development', PUSH_ALLOW_HTTP_ENDPOINTS: 'yes' })).toThrow();
  });
});

describe('a phone hands in its subscription', () => {
  it('only for its own, registered, unrevoked device, over https, within the limits', async () => {
    const { worker1 } = world.f.users;
    const sub = standIn.subscription();
    const input = { endpoint: sub.endpoint, keys: sub.keys };
    expect(await code(callerWithDevice(worker1, null).reminders.subscribe(input))).toBe(
      'PRECONDITION_FAILED',
    );
    const reg = await callerFor(world.database, worker1).devices.register({
      clientId: randomUUID(),
      label: 'T',
    });
    // Plain http is for the test stand-in only, by configuration.
    const strict = createCaller({
      ...contextFor(world.database, worker1),
      user: { ...worker1, sessionId: null, deviceId: reg.deviceId },
    });
    expect(await code(strict.reminders.subscribe(input))).toBe('BAD_REQUEST');
    const phone = callerWithDevice(worker1, reg.deviceId);
    expect(
      await code(
        phone.reminders.subscribe({ ...input, endpoint: `https://push.example/${'x'.repeat(1000)}` }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await code(phone.reminders.subscribe({ ...input, endpoint: 'javascript:alert(1)' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await code(phone.reminders.subscribe({ ...input, keys: { ...input.keys, auth: 'x' } }))).toBe(
      'BAD_REQUEST',
    );
    // Another user's device is not the session's: refused.
    expect(await code(callerWithDevice(world.f.users.worker2, reg.deviceId).reminders.subscribe(input))).toBe(
      'FORBIDDEN',
    );
    expect(await code(phone.reminders.subscribe(input))).toBe('OK');
    expect(await phone.reminders.settings()).toMatchObject({
      subscribed: true,
      digestEnabled: true,
      digestTime: '08:00',
      vapidPublicKey: reminders.publicKey,
    });
    await phone.reminders.unsubscribe();
    expect((await phone.reminders.settings()).subscribed).toBe(false);
  });

  it('refuses a digest time that is not a time', async () => {
    const phone = callerWithDevice(world.f.users.worker1, null);
    expect(await code(phone.reminders.saveSettings({ digestEnabled: true, digestTime: '25:00' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await phone.reminders.saveSettings({ digestEnabled: true, digestTime: '07:45' })).toMatchObject({
      digestTime: '07:45',
    });
    await phone.reminders.saveSettings({ digestEnabled: true, digestTime: '08:00' });
  });
});

describe('the daily digest', () => {
  let worker1Phone: { deviceId: string; subscription: TestSubscription };
  beforeAll(async () => {
    worker1Phone = await phoneOf(world.f.users.worker1);
  });

  it('goes at the chosen time on a working day, once, with one fixed text that names nobody', async () => {
    const { subscription } = worker1Phone;
    expect(await reminders.runDigest(at(TUESDAY, '07:59'))).toMatchObject({ sent: 0 });
    expect(standIn.to(subscription)).toHaveLength(0);
    const report = await reminders.runDigest(at(TUESDAY, '08:00'));
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const [message] = standIn.to(subscription);
    if (!message) throw new Error('no message');
    // What the push service sees: an encrypted body, signed with the server's VAPID key.
    expect(message.headers['content-encoding']).toBe('aes128gcm');
    expect(String(message.headers.authorization)).toMatch(
      new RegExp(`^vapid t=[^,]+, k=${reminders.publicKey}$`),
    );
    expect(message.body.toString('latin1')).not.toContain(REMINDER_TEXT);
    // What the phone decrypts: the fixed text, nothing else.
    const text = decryptPush(message.body, subscription);
    expect(JSON.parse(text)).toEqual({ title: REMINDER_TEXT, tag: REMINDER_TAG });
    expect(text).toBe(REMINDER_PAYLOAD);
    for (const secret of ['Worker1', 'Anna', world.f.users.worker1.id, world.f.cases.ofWorker1]) {
      expect(text).not.toContain(secret);
    }
    // Once a day: later that morning nothing more.
    await reminders.runDigest(at(TUESDAY, '08:01'));
    await reminders.runDigest(at(TUESDAY, '10:00'));
    expect(standIn.to(subscription)).toHaveLength(1);
    const [row] = await world.database.db
      .select({ lastDigestOn: reminderSettings.lastDigestOn })
      .from(reminderSettings)
      .where(eq(reminderSettings.userId, world.f.users.worker1.id));
    expect(row?.lastDigestOn).toBe(TUESDAY);
  });

  it('waits for the time the worker chose, and is not sent hours late', async () => {
    const phone = callerWithDevice(world.f.users.worker1, worker1Phone.deviceId);
    await phone.reminders.saveSettings({ digestEnabled: true, digestTime: '10:30' });
    await reminders.runDigest(at(TUESDAY, '08:00'));
    await reminders.runDigest(at(TUESDAY, '10:29'));
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(0);
    await reminders.runDigest(at(TUESDAY, '10:30'));
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
    // A server that was down all day does not send the morning's digest at night.
    await world.database.db.update(reminderSettings).set({ lastDigestOn: null });
    await reminders.runDigest(at('2026-11-25', '22:00'));
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
    // Off is off.
    await phone.reminders.saveSettings({ digestEnabled: false, digestTime: '08:00' });
    await reminders.runDigest(at('2026-11-26', '08:00'));
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
    await phone.reminders.saveSettings({ digestEnabled: true, digestTime: '08:00' });
  });

  it("is not sent on weekends, public holidays, or the organisation's own closing days", async () => {
    await world.database.db.insert(organisationSettings).values({
      organisationId: world.f.orgA,
      caseloadNorm: DEFAULT_CASELOAD_NORM,
      caseloadWeights: DEFAULT_CASELOAD_WEIGHTS,
      holidayPolicy: { ...DEFAULT_HOLIDAY_POLICY, extraDays: [CLOSING_DAY] },
    });
    for (const day of [SATURDAY, '2026-11-29', CHRISTMAS, CLOSING_DAY]) {
      expect((await reminders.runDigest(at(day, '08:00'))).claimed, day).toBe(0);
    }
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(0);
    // The Monday after: it goes.
    await reminders.runDigest(at('2026-11-30', '08:00'));
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
  });

  it('is not sent to a worker who has nothing waiting', async () => {
    const idle: FixtureUser = {
      id: randomUUID(),
      username: `rustig.${Date.now()}`,
      role: 'jeugdbeschermer',
      organisationId: world.f.orgA,
      teamId: world.f.team1,
      displayName: 'Rustig',
    };
    await world.database.db.insert(users).values(idle);
    const { subscription } = await phoneOf(idle);
    const report = await reminders.runDigest(at(TUESDAY, '08:00'));
    expect(report.claimed).toBeGreaterThanOrEqual(1);
    expect(standIn.to(subscription)).toHaveLength(0);
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
  });

  it('goes once per worker even when two server processes send at the same moment', async () => {
    const other = createReminders({ db: world.database.db, config: pushConfig, setup: reminders.setup });
    const reports = await Promise.all([
      reminders.runDigest(at(TUESDAY, '08:00')),
      other.runDigest(at(TUESDAY, '08:00')),
      reminders.runDigest(at(TUESDAY, '08:00')),
    ]);
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
    const claimedTotal = reports.reduce((n, r) => n + r.claimed, 0);
    const claimedRows = await world.database.db
      .select({ userId: reminderSettings.userId })
      .from(reminderSettings)
      .where(eq(reminderSettings.lastDigestOn, TUESDAY));
    expect(claimedTotal).toBe(claimedRows.length);
  });

  it('reaches no revoked device, even when its subscription row lingered', async () => {
    const { worker2, lead1 } = world.f.users;
    const phone = await phoneOf(worker2);
    await callerFor(world.database, lead1).devices.revoke({
      deviceId: phone.deviceId,
      reason: 'Telefoon verloren',
    });
    // The revocation deleted the subscription in its own transaction.
    expect(
      await world.database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.deviceId, phone.deviceId)),
    ).toHaveLength(0);
    // A row that lingered anyway (written around the revocation) is not used.
    await world.database.db.insert(pushSubscriptions).values({
      deviceId: phone.deviceId,
      organisationId: world.f.orgA,
      userId: worker2.id,
      endpoint: phone.subscription.endpoint,
      ...phone.subscription.keys,
    });
    await reminders.runDigest(at(TUESDAY, '08:00'));
    expect(standIn.to(phone.subscription)).toHaveLength(0);
    // And the revoked phone cannot hand in a new one.
    const again = standIn.subscription();
    expect(
      await code(
        callerWithDevice(worker2, phone.deviceId).reminders.subscribe({
          endpoint: again.endpoint,
          keys: again.keys,
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it("is gone with its user's disabling", async () => {
    const { worker3 } = world.f.users;
    const phone = await phoneOf(worker3);
    await callerFor(world.database, world.f.users.admin).devices.disableUser({
      userId: worker3.id,
      reason: 'Uit dienst',
    });
    expect(
      await world.database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, worker3.id)),
    ).toHaveLength(0);
    await reminders.runDigest(at(TUESDAY, '08:00'));
    expect(standIn.to(phone.subscription)).toHaveLength(0);
  });

  it('deletes a subscription the push service no longer knows (410), and logs no address or text', async () => {
    const { subscription, deviceId } = worker1Phone;
    standIn.answers.set(new URL(subscription.endpoint).pathname, 410);
    const report = await reminders.runDigest(at(TUESDAY, '08:00'));
    expect(report.gone).toBe(1);
    expect(
      await world.database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.deviceId, deviceId)),
    ).toHaveLength(0);
    expect(logLines.join('\n')).toMatch(/1 verlopen abonnement/);
    for (const line of logLines) {
      expect(line).not.toContain('127.0.0.1');
      expect(line).not.toContain('/push/');
      expect(line).not.toContain(REMINDER_TEXT);
    }
    // The phone subscribes anew for the tests after this one.
    worker1Phone = {
      deviceId,
      subscription: standIn.subscription(),
    };
    await callerWithDevice(world.f.users.worker1, deviceId).reminders.subscribe({
      endpoint: worker1Phone.subscription.endpoint,
      keys: worker1Phone.subscription.keys,
    });
  });

  it("sends a notice when the desk answers the worker's referral, after it committed, with the same text", async () => {
    const { f, database } = world;
    const verwijzingId = randomUUID();
    await database.db.insert(verwijzingen).values({
      id: verwijzingId,
      organisationId: f.orgA,
      caseId: f.cases.ofWorker1,
      status: 'afstemming_gemeente',
      productCategory: '45',
      productName: 'Ambulante gezinsbegeleiding',
      need: 'Ouders hebben hulp nodig bij structuur thuis.',
      urgency: 'regulier',
      gemeenteId: f.gemeenteId,
      helpDueDate: '2027-01-01',
      requestedBy: f.users.worker1.id,
    });
    const tasks: (() => Promise<unknown>)[] = [];
    const desk = createCaller({
      ...contextFor(database, f.users.support, { now: at(TUESDAY, '11:00') }),
      reminders,
      afterResponse: (task) => tasks.push(task),
    });
    // A refused step queues nothing.
    expect(
      await code(desk.verwijzingen.step({ verwijzingId, step: 'starten', answer: '', on: TUESDAY })),
    ).toBe('BAD_REQUEST');
    expect(tasks).toHaveLength(0);
    await desk.verwijzingen.step({
      verwijzingId,
      step: 'afwijzen',
      answer: 'Gemeente wijst af: andere route',
    });
    expect(tasks).toHaveLength(1);
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(0);
    for (const task of tasks) await task();
    const [message] = standIn.to(worker1Phone.subscription);
    if (!message) throw new Error('no notice');
    expect(decryptPush(message.body, worker1Phone.subscription)).toBe(REMINDER_PAYLOAD);
    // A step that never committed (a rolled-back request) sends nothing.
    expect(await reminders.referralAnswered(f.orgA, randomUUID())).toEqual({ sent: 0, gone: 0, failed: 0 });
    expect(standIn.to(worker1Phone.subscription)).toHaveLength(1);
  });
});

describe('a device row, for completeness of the join', () => {
  it('keeps the subscription keyed by its device', async () => {
    const rows = await world.database.db.select({ id: devices.id }).from(devices);
    expect(rows.length).toBeGreaterThan(0);
  });
});
