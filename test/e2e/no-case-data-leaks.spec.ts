/**
 * After a full working session — a jeugdbeschermer signs in, sets a PIN,
 * opens her caseload and a child's file, logs a contact and syncs; a team
 * lead opens the same file; the desk exports its queue — neither the service
 * worker's caches nor the server's log hold any case data: no child's name,
 * no report text, no case id, no password or session token.
 *
 * This spec starts its own server (the built app, a fresh embedded database
 * with demo data, request logging at 'info') so that it can read every line
 * the server wrote.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { expectAllSynced, logIn, PASSWORD, serviceWorkerReady, setUpPin } from './helpers';

const PORT = e2ePort(6);
const BASE = `http://localhost:${PORT}`;
let server: ChildProcess;
let serverLog = '';

test.use({ baseURL: BASE });

const healthy = () =>
  fetch(`${BASE}/healthz`).then(
    (r) => r.status,
    () => 0,
  );

test.beforeAll(async () => {
  // Our own server, or this test would read the wrong log.
  expect(await healthy(), `port ${PORT} is taken`).toBe(0);
  // One process (no npx wrapper), so that stopping it stops the server.
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: '',
      PGLITE_DIR: 'memory://',
      SEED_DEMO: 'yes',
      LOG_LEVEL: 'info',
      PUBLIC_ORIGIN: BASE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => {
    serverLog += String(chunk);
  });
  server.stderr?.on('data', (chunk) => {
    serverLog += String(chunk);
  });
  await expect.poll(healthy, { timeout: 120_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

/** Every entry of every Cache Storage cache the page's origin has, with its body as text. */
function cachedEntries(page: Page) {
  return page.evaluate(async () => {
    const entries: { cache: string; url: string; body: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        entries.push({ cache: name, url: request.url, body: response ? await response.text() : '' });
      }
    }
    return entries;
  });
}

test('a full session leaves no case data in the service-worker caches or the server log', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const phone = await browser.newContext();
  const page = await phone.newPage();
  await logIn(page, 'lotte.bakker');
  await setUpPin(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expectAllSynced(page);
  await serviceWorkerReady(page);

  // What counts as case data: the names on the caseload, the report typed now, the case id in the store.
  const names = (await page.getByTestId('caseload').locator('.case-card-name').allTextContents()).map((n) =>
    n.trim(),
  );
  expect(names.length).toBeGreaterThan(3);
  const card = page.getByTestId('caseload').locator('.case-card').first();
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name: names[0], level: 1 })).toBeVisible();
  const report = `Huisbezoek-${Date.now()}: moeder vertelt over de ruzie met de buren`;
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
  await expectAllSynced(page);
  // Reload: the service worker serves the shell from its cache, the data comes from IndexedDB.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();

  // The team lead and the desk use the same server: their answers carry case data too.
  const office = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const lead = await office.newPage();
  await logIn(lead, 'ingrid.visser');
  await expect(lead.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await lead.getByRole('button', { name: 'Uitloggen' }).click();
  // Logout answers with Clear-Site-Data; the browser clears before it loads anything else, so the
  // next sign-in starts once the app shows the login screen again.
  await expect(lead.getByLabel('Gebruikersnaam')).toBeVisible();
  await logIn(lead, 'noor.jansen');
  await expect(lead.getByRole('heading', { name: /Verwijs/ }).first()).toBeVisible();

  const cached = await cachedEntries(page);
  expect(cached.length).toBeGreaterThan(5);
  // Only the app shell: no API answer is ever cached.
  expect(cached.filter((e) => new URL(e.url).pathname.startsWith('/trpc'))).toEqual([]);
  const secrets = [...names, report, PASSWORD];
  for (const entry of cached) {
    for (const secret of secrets) {
      expect(entry.body.includes(secret), `${secret} in cache ${entry.cache} ${entry.url}`).toBe(false);
    }
  }

  // The server wrote its request log at 'info' the whole time.
  expect(serverLog).toContain('/trpc/sync.push');
  const sessionCookie = (await phone.cookies()).find((c) => c.name.includes('sessie'))?.value;
  for (const secret of [...secrets, sessionCookie ?? 'no-cookie']) {
    expect(serverLog.includes(secret), `${secret.slice(0, 40)} in the server log`).toBe(false);
  }
  // No case id either: queries travel as POST bodies, never in a logged URL.
  expect(serverLog).not.toMatch(/\/trpc\/[^\s"]*\?[^\s"]*input=/);
  await phone.close();
  await office.close();
});
