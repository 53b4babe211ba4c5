/**
 * Registered devices end to end: a team lead revokes a phone that holds an
 * unsynced contact; at its next sync the phone pushes the contact and then
 * deletes its IndexedDB, caches and service worker. And logging out happens
 * only with an empty outbox, answered with Clear-Site-Data.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  caseCard,
  logIn,
  openNthCase,
  serviceWorkerReady,
  syncStatus,
  unlock,
  workerOnNewDevice,
} from './helpers';

const WORKER = 'mohamed.elamrani';
const WORKER_NAME = 'Mohamed El Amrani';

async function newPhone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  return { context, page: await context.newPage() };
}

/** What this origin holds in the browser: IndexedDB databases, Cache Storage, service workers. */
const storage = (page: Page) =>
  page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  }));

/** Opens a case: the first card, or the card of the given case (never by name: two children may share one). */
async function openCase(page: Page, caseId?: string): Promise<{ caseId: string; name: string }> {
  if (!caseId) return openNthCase(page);
  const card = caseCard(page.getByTestId('caseload'), caseId);
  const name = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return { caseId, name };
}

async function logContact(page: Page, report: string) {
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
}

test('a revoked phone pushes its unsynced contact first, then deletes its databases, caches and service worker', async ({
  browser,
}) => {
  const phone = await newPhone(browser);
  const { page } = phone;
  await workerOnNewDevice(page, WORKER);
  await serviceWorkerReady(page);
  const before = await storage(page);
  expect(before.databases).toContain('jeugdbescherming');
  expect(before.caches.length).toBeGreaterThan(0);
  expect(before.serviceWorkers).toBe(1);

  // In a family's living room, without signal.
  await phone.context.setOffline(true);
  const child = await openCase(page);
  const report = `Huisbezoek vlak voor het intrekken ${Date.now()}`;
  await logContact(page, report);

  // Meanwhile the team lead revokes the phone.
  const office = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const lead = await office.newPage();
  await logIn(lead, 'ingrid.visser');
  await expect(lead.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await lead.getByRole('link', { name: 'Toestellen' }).click();
  await expect(lead.getByRole('heading', { name: 'Toestellen', level: 1 })).toBeVisible();
  // Newest first: the phone just set up.
  await lead
    .getByRole('button', { name: new RegExp(`^Toestel van ${WORKER_NAME} intrekken`) })
    .first()
    .click();
  const dialog = lead.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Toestel intrekken', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Geef een reden');
  await dialog.getByLabel('Reden').fill('Telefoon kwijtgeraakt in de trein');
  await dialog.getByRole('button', { name: 'Toestel intrekken', exact: true }).click();
  await expect(
    lead.getByRole('status').filter({ hasText: `Het toestel van ${WORKER_NAME} is ingetrokken.` }),
  ).toBeVisible();

  // Back online: the phone syncs, hears it is revoked, and wipes itself.
  await phone.context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'Dit toestel is ingetrokken' })).toBeVisible({
    timeout: 30_000,
  });
  await expect.poll(() => storage(page)).toEqual({ databases: [], caches: [], serviceWorkers: 0 });

  // The contact made it to the server first: the worker finds it on a new phone.
  const next = await newPhone(browser);
  await workerOnNewDevice(next.page, WORKER);
  await openCase(next.page, child.caseId);
  await expect(next.page.getByTestId('timeline')).toContainText(report);

  // The team lead sees the phone revoked and wiped.
  await lead.reload();
  const item = lead.getByRole('listitem').filter({ hasText: 'Telefoon kwijtgeraakt in de trein' });
  await expect(item).toContainText('Ingetrokken');
  await expect(item).toContainText('Gewist');

  await next.context.close();
  await phone.context.close();
  await office.close();
});

test('logging out waits until the outbox is empty; only then does the server answer with Clear-Site-Data', async ({
  browser,
}) => {
  const { context, page } = await newPhone(browser);
  await workerOnNewDevice(page, WORKER);
  await serviceWorkerReady(page);
  const calls: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/trpc/')) calls.push(path);
  });

  await context.setOffline(true);
  const child = await openCase(page);
  const report = `Kort telefonisch contact ${Date.now()}`;
  await logContact(page, report);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Er staat 1 wijziging op dit toestel die nog niet op de server staat.');
  await expect(dialog).toContainText('Uitloggen kan pas als alles op de server staat');
  // Not logged out: it offers to lock instead.
  await dialog.getByRole('button', { name: 'Vergrendelen' }).click();
  // Offline, the PIN opens it again (the server's key share is cached on the phone).
  await unlock(page);
  await expect(page.getByRole('heading', { name: child.name, level: 1 })).toBeVisible();
  expect(calls.filter((c) => c.includes('auth.logout'))).toEqual([]);

  await context.setOffline(false);
  const logout = page.waitForResponse((r) => r.url().includes('/trpc/auth.logout'));
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  const answer = await logout;
  expect((await answer.allHeaders())['clear-site-data']).toBe('"cache", "cookies", "storage"');
  // The contact was pushed before the logout went out.
  const logoutAt = calls.findIndex((c) => c.includes('auth.logout'));
  expect(calls.slice(0, logoutAt).some((c) => c.includes('sync.push'))).toBe(true);
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
  await expect(syncStatus(page)).toHaveCount(0);
  await expect.poll(() => storage(page)).toEqual({ databases: [], caches: [], serviceWorkers: 0 });
  await context.close();
});
