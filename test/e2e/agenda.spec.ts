/**
 * Vandaag / Deze week on the phone, in Chromium at 390×844 against the real
 * server with the demo (seeded relative to today): the agenda after the first
 * sync, an overdue item one tap from its action, "gezien" that stays after a
 * reload and the PIN, the overdue count on the tab — offline too.
 */
import { expect, type Page, test } from '@playwright/test';
import { serviceWorkerReady, unlock, workerOnNewDevice } from './helpers';

const tab = (page: Page) => page.getByTestId('tab-agenda');
const count = (page: Page) => page.getByTestId('agenda-overdue-count');
const overdue = (page: Page) => page.locator('[data-testid="agenda-item"][data-when="overdue"]');

async function overdueCount(page: Page): Promise<number> {
  await expect(overdue(page).first()).toBeVisible();
  return overdue(page).count();
}

async function openAgenda(page: Page) {
  await tab(page).click();
  const heading = page.getByRole('heading', { name: 'Vandaag', level: 1 });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(tab(page)).toHaveAttribute('aria-current', 'page');
}

test('the agenda after the first sync: an overdue item opens its action, gezien stays after a reload, offline too', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'mohamed.elamrani');
  await serviceWorkerReady(page);
  // The tab carries the number of overdue items (the demo always has some for this worker).
  await expect(count(page)).toBeVisible();
  await openAgenda(page);
  await expect(page.getByTestId('agenda-stand')).toContainText('Stand van de laatste synchronisatie');
  const total = await overdueCount(page);
  expect(total).toBeGreaterThan(0);
  await expect(count(page)).toContainText(`${total} te laat`);

  // Overdue first, then the soonest.
  const whens = await page
    .getByTestId('agenda-item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-when')));
  expect(whens.indexOf('week') === -1 || whens.lastIndexOf('overdue') < whens.indexOf('week')).toBe(true);

  // One tap on an overdue item opens its action.
  const first = overdue(page).first();
  const key = (await first.getAttribute('data-key')) as string;
  const href = (await first.getByRole('link').getAttribute('href')) as string;
  expect(href).toMatch(/^\/(dossier\/|wachtrij)/);
  await first.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[/]/g, '\\/')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // A tap on a reminder while the app is open: the service worker posts OPEN_AGENDA (sw.ts), the
  // app routes itself to Vandaag.
  await page.evaluate(() =>
    navigator.serviceWorker.dispatchEvent(
      new MessageEvent('message', { data: { type: 'OPEN_AGENDA', route: '/vandaag' } }),
    ),
  );
  await expect(page.getByRole('heading', { name: 'Vandaag', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[/]/g, '\\/')}$`));
  await openAgenda(page);

  // Gezien: the item goes quiet, the count drops; undo brings it back; gezien again.
  const item = page.locator(`[data-testid="agenda-item"][data-key="${key}"]`);
  await item.getByRole('button', { name: /^Markeer als gezien/ }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'gemarkeerd als gezien' })).toBeVisible();
  await expect(count(page)).toContainText(`${total - 1} te laat`);
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(item).toHaveCount(1);
  await expect(count(page)).toContainText(`${total} te laat`);
  await item.getByRole('button', { name: /^Markeer als gezien/ }).click();
  await expect(item).toHaveCount(0);

  // A new start of the app: the PIN opens the store, the mark is still there.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Vandaag', level: 1 })).toBeVisible();
  await expect(page.getByTestId('agenda-item').first()).toBeVisible();
  await expect(item).toHaveCount(0);
  if (total > 1) await expect(count(page)).toContainText(`${total - 1} te laat`);
  else await expect(count(page)).toHaveCount(0);
  // Shown again on request, with a way back.
  await page.getByRole('button', { name: 'Toon gezien' }).click();
  await expect(item).toHaveCount(1);
  await page.getByRole('button', { name: 'Verberg gezien' }).click();

  // Offline: the app starts from the service worker, the agenda comes from the device.
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Vandaag', level: 1 })).toBeVisible();
  await expect(page.getByText('U bent offline: de lijst komt van dit toestel')).toBeVisible();
  await expect(item).toHaveCount(0);
  if (total > 1) {
    const next = overdue(page).first();
    const nextKey = (await next.getAttribute('data-key')) as string;
    await next.getByRole('button', { name: /^Markeer als gezien/ }).click();
    await expect(page.locator(`[data-testid="agenda-item"][data-key="${nextKey}"]`)).toHaveCount(0);
    if (total > 2) await expect(count(page)).toContainText(`${total - 2} te laat`);
    else await expect(count(page)).toHaveCount(0);
  }
  // The caseload tab and back, offline.
  await page
    .getByRole('navigation', { name: 'Hoofdonderdelen' })
    .getByRole('link', { name: 'Caseload' })
    .click();
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await openAgenda(page);
  await context.setOffline(false);
});
