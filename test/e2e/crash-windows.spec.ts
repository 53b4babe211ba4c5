/**
 * Crash windows: a contact written in a family's home survives a page killed
 * (a) after the local commit and before the push, (b) after the server
 * committed the push and before its answer arrived, (c) in the middle of a
 * pull, and (d) a server process killed (SIGKILL) in the middle of a push.
 * After reopening the page / restarting the server, every change is present
 * exactly once: on the server (read from its database) and on the phone.
 *
 * The phone is a persistent browser profile, so IndexedDB and the service
 * worker survive the killed page, as on a real phone. The server is this
 * spec's own process on a data directory, with the test-only fault points
 * (server/sync/fault-injection.ts) that hold a request at the crash window.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { expectAllSynced, logIn, setUpPin, unlock, workerOnNewDevice } from './helpers';
import { crashPage, deviceRecords, persistentPhone, ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(8));
let phone: { context: BrowserContext; dispose: () => Promise<void> } | null = null;

test.use({ baseURL: server.base });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await server.start();
});

test.afterEach(async () => {
  server.faults(null);
  await phone?.dispose();
  phone = null;
});

test.afterAll(async () => {
  await server.dispose();
});

/** Opens the first case of the caseload; returns its path (children of one family may share a name). */
async function openCase(page: Page): Promise<string> {
  const card = page.getByTestId('caseload').locator('.case-card').first();
  const name = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Goes to a screen of the app without loading the page again (which would lock it). */
async function navigate(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function logContact(page: Page, report: string) {
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
}

/** A fresh phone of `username` with its caseload on it, in a profile that survives a killed page. */
async function phoneOf(username: string): Promise<Page> {
  phone = await persistentPhone(server.base);
  const page = await phone.context.newPage();
  await workerOnNewDevice(page, username);
  return page;
}

/** Opens the app again in a new page of the same profile, unlocks it and waits for the sync. */
async function reopen(): Promise<Page> {
  const page = await (phone as { context: BrowserContext }).context.newPage();
  await page.goto('/');
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expectAllSynced(page);
  return page;
}

/** On the phone: the case's timeline shows the contact once, synced; on the server: one row, one result. */
async function presentOnce(page: Page, casePath: string, report: string) {
  await navigate(page, casePath);
  const items = page.getByTestId('timeline').locator('.timeline-contact', { hasText: report });
  await expect(items).toHaveCount(1);
  await expect(items).not.toContainText('nog niet gesynchroniseerd');
  expect(await server.copiesOf(report)).toEqual({ contacts: 1, results: 1 });
}

test('(a) a page killed after the local commit and before the push loses nothing: reopened, it pushes once', async () => {
  test.setTimeout(120_000);
  const page = await phoneOf('lotte.bakker');
  await phone?.context.setOffline(true);
  const casePath = await openCase(page);
  const report = `Huisbezoek, daarna viel de batterij uit ${Date.now()}`;
  await logContact(page, report);
  // Committed on the device, never sent: the renderer dies now.
  await crashPage(page);
  expect(await server.copiesOf(report)).toEqual({ contacts: 0, results: 0 });

  await phone?.context.setOffline(false);
  await presentOnce(await reopen(), casePath, report);
});

test('(b) a page killed after the server committed the push and before the answer: the resend counts once', async () => {
  test.setTimeout(120_000);
  const page = await phoneOf('joris.vandam');
  const casePath = await openCase(page);
  // The answer to the push is held back after the commit, long enough to kill the page meanwhile.
  server.faults({ delays: { 'push-after-commit': 20_000 } });
  const report = `Gesprek op school, antwoord kwam nooit aan ${Date.now()}`;
  await logContact(page, report);
  await server.waitUntilReached('push-after-commit');
  await crashPage(page);
  server.faults(null);

  await presentOnce(await reopen(), casePath, report);
});

test('(c) a page killed in the middle of a pull: reopened, the store is complete and equal to a fresh device', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const PAGE_ROWS = 40;
  // The first sync comes in many small pages, each held back a moment.
  server.faults({ pullPageRows: PAGE_ROWS, delays: { 'pull-page': 150 } });
  phone = await persistentPhone(server.base);
  const page = await phone.context.newPage();
  await logIn(page, 'fatima.yilmaz');
  await setUpPin(page);
  await server.waitUntilReached('pull-page', 4);
  await crashPage(page);
  const pagesAtCrash = server.reached('pull-page');
  server.faults(null);

  const reopened = await reopen();
  const resumed = await deviceRecords(reopened);

  // A device that synced without interruption holds exactly the same rows, at the same versions.
  const other = await browser.newContext({ baseURL: server.base });
  const fresh = await other.newPage();
  await workerOnNewDevice(fresh, 'fatima.yilmaz');
  const expected = await deviceRecords(fresh);
  await other.close();
  // Rows, not records: the device keeps them in bundles (`key@version#rows`).
  const rows = expected.reduce((sum, bundle) => sum + Number(bundle.split('#')[1]), 0);
  expect(rows).toBeGreaterThan(100);
  expect(resumed).toEqual(expected);
  // The page died with pages on the device and more to come: the whole caseload needs more pages.
  expect(pagesAtCrash).toBeGreaterThanOrEqual(4);
  expect(pagesAtCrash).toBeLessThan(rows / PAGE_ROWS);

  // And the reopened phone works on: a contact logged now lands once.
  const casePath = await openCase(reopened);
  const report = `Na de onderbroken synchronisatie ${Date.now()}`;
  await logContact(reopened, report);
  await reopened.getByRole('link', { name: /Terug/ }).click();
  await expectAllSynced(reopened);
  await presentOnce(reopened, casePath, report);
});

test('(d) a server killed (SIGKILL) in the middle of a push: restarted on the same data, the retry lands once', async () => {
  test.setTimeout(180_000);
  const page = await phoneOf('bas.meijer');
  const casePath = await openCase(page);
  // The push is held inside its transaction, before the commit: the server dies there.
  server.faults({ delays: { 'push-before-commit': 60_000 } });
  const report = `Huisbezoek terwijl de server omviel ${Date.now()}`;
  await logContact(page, report);
  await server.waitUntilReached('push-before-commit');
  await server.stop('SIGKILL');
  server.faults(null);
  // Nothing of the killed transaction is in the database.
  expect(await server.copiesOf(report)).toEqual({ contacts: 0, results: 0 });

  // copiesOf started the server again on the same data and port: the phone's next try lands.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByRole('link', { name: /Terug/ }).click();
  await expectAllSynced(page);
  await presentOnce(page, casePath, report);
});
