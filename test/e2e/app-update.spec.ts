/**
 * A new version of the app (a new service worker) never costs a pending
 * change: the update waits until the outbox is empty ("Bijwerken na
 * synchronisatie"), reloads only after a successful push, and the change is on
 * the server exactly once. Two builds: A (dist/client, as `npm run test:e2e`
 * built it) and B (the same code built with VITE_APP_BUILD=2, a few seconds);
 * this spec's own server serves A, then is restarted on the same data and port
 * serving B, as a deploy would.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { expectAllSynced, serviceWorkerReady, unlock, workerOnNewDevice } from './helpers';
import { ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(9));
let builds = '';
let buildB = '';

test.use({ baseURL: server.base });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  builds = mkdtempSync(join(tmpdir(), 'jb-builds-'));
  const buildA = join(builds, 'a');
  buildB = join(builds, 'b');
  server.staticDir = buildA;
  cpSync('dist/client', buildA, { recursive: true });
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'warn'],
    { env: { ...process.env, VITE_APP_BUILD: '2' }, stdio: 'ignore' },
  );
  await server.start();
});

test.afterAll(async () => {
  await server.dispose();
  if (builds) rmSync(builds, { recursive: true, force: true });
});

/** The build of the service worker that controls the page (sw.ts answers GET_BUILD). */
function controllingBuild(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return resolve(null);
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => resolve(String(e.data));
        controller.postMessage({ type: 'GET_BUILD' }, [channel.port2]);
      }),
  );
}

test('a new version waits for the pending change to reach the server, then activates; the change is there once', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: server.base });
  const page = await context.newPage();
  await workerOnNewDevice(page, 'eva.smit');
  // Opened again, as every day: now build A's service worker controls the page.
  await serviceWorkerReady(page);
  await page.reload();
  await unlock(page);
  await expectAllSynced(page);
  expect(await controllingBuild(page)).toBe('dev');

  // The server cannot be reached for pushes for now: a change made now waits in the outbox.
  let refusedPushes = 0;
  await context.route('**/trpc/sync.push**', (route) => {
    refusedPushes += 1;
    return route.abort('internetdisconnected');
  });
  const card = page.getByTestId('caseload').locator('.case-card').first();
  const name = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const casePath = new URL(page.url()).pathname;
  const report = `Huisbezoek vlak voor de nieuwe versie ${Date.now()}`;
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
  await expect.poll(() => refusedPushes).toBeGreaterThan(0);

  // Deploy: the same server, now serving build B; the phone looks for a new service worker.
  await server.stop();
  server.staticDir = buildB;
  await server.start();
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  const banner = page.getByTestId('update-banner');
  await expect(banner).toContainText('Nieuwe versie beschikbaar', { timeout: 30_000 });

  // "Vernieuwen" with a change still waiting: it syncs first (that fails here), and does not reload.
  await page.evaluate(() => {
    (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
  });
  const triesBefore = refusedPushes;
  await banner.getByRole('button', { name: 'Vernieuwen' }).click();
  await expect(banner).toHaveText('Bijwerken na synchronisatie');
  await expect.poll(() => refusedPushes).toBeGreaterThan(triesBefore);
  expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(
    true,
  );
  expect(await controllingBuild(page)).toBe('dev');

  // The connection is back: the push goes through, and only then the page reloads into build B.
  const events: string[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().includes('/trpc/sync.push')) events.push('push');
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) events.push('reload');
  });
  await context.unroute('**/trpc/sync.push**');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible({ timeout: 30_000 });
  expect(events.indexOf('push')).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('push')).toBeLessThan(events.indexOf('reload'));
  await expect.poll(() => controllingBuild(page)).toBe('2');

  // The new version opens the same store: the change is there, synced, once; and once on the server.
  await unlock(page);
  await expectAllSynced(page);
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, casePath);
  const items = page.getByTestId('timeline').locator('.timeline-contact', { hasText: report });
  await expect(items).toHaveCount(1);
  await expect(items).not.toContainText('nog niet gesynchroniseerd');
  await context.close();
  expect(await server.copiesOf(report)).toEqual({ contacts: 1, results: 1 });
});
