/**
 * Reminders that leak nothing, end to end (issue 20 §2). The server runs as in
 * production (its own process, VAPID keys from configuration) and sends
 * through the real web-push library to a stand-in push service: an HTTP
 * server in this test, since Google's, Apple's and Mozilla's services are
 * outside our system. The test holds the subscription's keys (p256dh, auth) as
 * a phone would, so it decrypts what the push service received and checks it
 * carries nothing identifying. Then Chromium's service worker gets that
 * message through CDP (ServiceWorker.deliverPushMessage) and must show the
 * fixed text, read back with registration.getNotifications().
 *
 * Headless Chromium has no push service of its own, so the browser's
 * pushManager.subscribe() cannot make a real subscription here: the test hands
 * the stand-in's subscription to the server through the API, as this very
 * device (its session, bound to the registered phone) — the same call the
 * Herinneringen screen makes after pushManager.subscribe().
 */
import { type BrowserContext, type CDPSession, expect, type Page, test } from '@playwright/test';
import webpush from 'web-push';
import { e2ePort } from '../../playwright.config';
import { REMINDER_TAG, REMINDER_TEXT } from '../../shared/rules/reminder-message';
import { decryptPush, PushStandIn } from '../helpers/push-stand-in';
import { logIn, serviceWorkerReady, workerOnNewDevice } from './helpers';
import { ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(31));
const standIn = new PushStandIn();
const WORKER = 'mohamed.elamrani';
const WORKER_NAME = 'Mohamed El Amrani';

test.beforeAll(async () => {
  // A server of its own: migrations and the demo seed take longer than a test's minute on a busy machine.
  test.setTimeout(180_000);
  await standIn.start();
  const keys = webpush.generateVAPIDKeys();
  server.env = {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:functioneel-beheer@gi.example',
    PUSH_ALLOW_HTTP_ENDPOINTS: 'yes',
    LOG_LEVEL: 'info',
  };
  await server.start();
});
test.afterAll(async () => {
  await server.dispose();
  await standIn.stop();
});

/** A tRPC call from inside the page, with its session cookie (queries go as POST, as the app sends them). */
async function api<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ([p, body]) => {
      const response = await fetch(`/trpc/${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    [path, input] as const,
  );
  expect(answer.status, `${path}: ${JSON.stringify(answer.json)}`).toBe(200);
  return (answer.json as { result: { data: T } }).result.data;
}

async function phone(context: BrowserContext) {
  await context.grantPermissions(['notifications'], { origin: server.base });
  return context.newPage();
}

/** The service worker's registration id, as CDP names it. */
async function registrationId(cdp: CDPSession): Promise<string> {
  const seen: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => seen.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => seen.find((r) => r.scopeURL === `${server.base}/` && !r.isDeleted)).toBeTruthy();
  return seen.find((r) => r.scopeURL === `${server.base}/` && !r.isDeleted)?.registrationId ?? '';
}

const notifications = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });

interface QueueRow {
  id: string;
  caseId: string;
  status: string;
}

test('the desk answers a referral: the worker’s phone shows one fixed text; a revoked phone gets nothing', async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: server.base,
    viewport: { width: 390, height: 844 },
    locale: 'nl-NL',
  });
  const page = await phone(context);
  await workerOnNewDevice(page, WORKER);
  await serviceWorkerReady(page);
  const caseIds = await page
    .getByTestId('caseload')
    .locator('.case-card')
    .evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.caseId ?? ''));

  // Herinneringen (from Vandaag): the explanation that the message names nothing, and the digest time.
  await page.getByTestId('tab-agenda').click();
  await page.getByRole('link', { name: 'Herinneringen' }).click();
  await expect(page.getByRole('heading', { name: 'Herinneringen', level: 1 })).toBeVisible();
  await expect(page.getByTestId('reminders-privacy')).toContainText('Er staan zaken voor u klaar');
  await expect(page.getByTestId('reminders-privacy')).toContainText('geen namen');
  await page.getByLabel('Tijd').fill('07:30');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Opgeslagen: het overzicht komt om 07:30.')).toBeVisible();

  // The subscription of this device, on the stand-in (see the comment at the top).
  const subscription = standIn.subscription();
  await api(page, 'reminders.subscribe', { endpoint: subscription.endpoint, keys: subscription.keys });
  expect(await api<{ subscribed: boolean }>(page, 'reminders.settings')).toMatchObject({ subscribed: true });

  // The desk offers an alternative on the worker's referral that waits on a list.
  const desk = await (await browser.newContext({ baseURL: server.base })).newPage();
  await logIn(desk, 'noor.jansen');
  await expect(desk.getByRole('heading', { name: 'Verwijsbalie', level: 1 })).toBeVisible();
  const queue = (await api<QueueRow[]>(desk, 'verwijzingen.queue', {})).filter((r) =>
    caseIds.includes(r.caseId),
  );
  const waiting = queue.find((r) => r.status === 'wachtlijst');
  if (!waiting) throw new Error(`demo: no referral of ${WORKER} on a waiting list`);
  const offer = (text: string) =>
    api(desk, 'verwijzingen.offerAlternative', {
      verwijzingId: waiting.id,
      offer: text,
      aanbiederId: null,
      expectedStartOn: null,
    });
  await offer('Gezinscoach bij een andere aanbieder, start over twee weken');

  // What the push service received: encrypted, and once decrypted one fixed text.
  await expect.poll(() => standIn.to(subscription).length, { timeout: 15_000 }).toBe(1);
  const [message] = standIn.to(subscription);
  if (!message) throw new Error('no message');
  const text = decryptPush(message.body, subscription);
  expect(JSON.parse(text)).toEqual({ title: REMINDER_TEXT, tag: REMINDER_TAG });
  for (const secret of [WORKER_NAME, 'Mohamed', waiting.caseId, waiting.id, 'Gezinscoach']) {
    expect(text).not.toContain(secret);
  }
  // Nothing of the address or the text in the server's log.
  expect(server.output).not.toContain(new URL(subscription.endpoint).pathname);
  expect(server.output).not.toContain(REMINDER_TEXT);

  // The phone's service worker gets the message (CDP stands in for the push service's delivery).
  const cdp = await context.newCDPSession(page);
  const id = await registrationId(cdp);
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.base, registrationId: id, data: text });
  // Chromium starts the worker for the message: on a busy machine that takes seconds, not one.
  await expect
    .poll(() => notifications(page), { timeout: 20_000 })
    .toEqual([{ title: REMINDER_TEXT, body: '', tag: REMINDER_TAG }]);
  // Whatever a message carries, the worker's lock screen shows the fixed text only (the first
  // notification closed, so the one that shows is the second message's).
  await page.evaluate(async () => {
    for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close();
  });
  await expect.poll(() => notifications(page)).toEqual([]);
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: server.base,
    registrationId: id,
    data: JSON.stringify({ title: `${WORKER_NAME}: dossier van een kind`, body: 'namen' }),
  });
  await expect
    .poll(() => notifications(page), { timeout: 20_000 })
    .toEqual([{ title: REMINDER_TEXT, body: '', tag: REMINDER_TAG }]);

  // The team lead revokes the phone; the desk answers again; nothing reaches the phone.
  const lead = await (await browser.newContext({ baseURL: server.base })).newPage();
  await logIn(lead, 'ingrid.visser');
  await expect(lead.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  const list = await api<{ deviceId: string; userName: string; status: string }[]>(lead, 'devices.list');
  const own = list.find((d) => d.userName === WORKER_NAME && d.status === 'actief');
  if (!own) throw new Error('no device');
  await api(lead, 'devices.revoke', { deviceId: own.deviceId, reason: 'Telefoon verloren' });
  await offer('Toch een andere aanbieder: start volgende week');
  // Sent off the request path: give it the time a send takes, then check nothing came.
  await page.waitForTimeout(2000);
  expect(standIn.to(subscription)).toHaveLength(1);
  await context.close();
});
