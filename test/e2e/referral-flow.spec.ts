/**
 * One referral process end to end: a jeugdbeschermer asks for help on the
 * phone without signal; it syncs when the phone is online; the referral desk
 * sees it with the child's gemeente and region, registers it with a provider,
 * puts it on the waiting list with bridging help, and escalates it to the
 * regional expertteam; the phone shows each change (status, expected start,
 * bridging, escalation, history) with a notice. Own demo users: a worker of
 * Haaglanden (afstemming per e-mail) and a support worker.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  dutchDay,
  expectAllSynced,
  logIn,
  serviceWorkerReady,
  shownDay,
  syncStatus,
  workerOnNewDevice,
} from './helpers';

/** The phone syncs now (as it does by itself on its triggers) and comes back to the screen it was on. */
async function phoneSyncs(page: Page) {
  const before = await syncStatus(page).getAttribute('data-synced-at');
  await syncStatus(page).click();
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  // A sync that ended after the click, not the state from before it.
  await expect(syncStatus(page)).not.toHaveAttribute('data-synced-at', before ?? '', { timeout: 30_000 });
  await expectAllSynced(page);
  await page.goBack();
}

async function deskOpens(browser: Browser, childName: string, product: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
  const desk = await context.newPage();
  await logIn(desk, 'pieter.mulder');
  await expect(desk.getByRole('heading', { name: 'Verwijsbalie', level: 1 })).toBeVisible();
  await desk
    .getByTestId('desk')
    .locator('li', { hasText: childName })
    .filter({ hasText: product })
    .first()
    .click();
  await expect(desk.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  return { context, desk };
}

async function takeStep(desk: Page, step: string, fill: (form: Page) => Promise<void> = async () => {}) {
  await desk.getByRole('button', { name: step, exact: true }).click();
  await fill(desk);
  await desk.getByRole('button', { name: `${step}: vastleggen` }).click();
  await expect(desk.getByRole('status').filter({ hasText: 'Vastgelegd:' })).toBeVisible();
}

test('offline request → sync → desk registers, waiting list with bridging, escalation → the phone shows each change', async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  await workerOnNewDevice(page, 'lotte.bakker');
  await serviceWorkerReady(page);

  // In the living room, without signal.
  await context.setOffline(true);
  await expect(syncStatus(page)).toHaveText(/Offline/);
  const card = page.getByTestId('caseload').locator('.case-card').first();
  const childName = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  const firstName = childName.split(' ')[0] ?? childName;
  await card.getByRole('button').click();
  await page.getByRole('link', { name: 'Hulp aanvragen' }).click();
  const arrangement = page.getByTestId('arrangement');
  await expect(arrangement).toContainText('(Haaglanden)');
  await expect(arrangement).toContainText('afstemming per e-mail, antwoord binnen 5 werkdagen');
  const gemeente =
    ((await arrangement.textContent()) ?? '').match(/Gemeente (.+?) \(Haaglanden\)/)?.[1] ?? '';
  expect(gemeente).not.toBe('');

  const product = page.getByLabel('Welke hulp');
  await product.selectOption({ index: 1 });
  const productName = ((await product.locator('option:checked').textContent()) ?? '').replace(/ \(.*\)$/, '');
  const need = `Ouders lopen vast bij grenzen stellen ${Date.now()}`;
  await page.getByLabel('Waarom is deze hulp nodig?').fill(need);
  await page.getByText('Urgent', { exact: true }).click();
  await page.getByLabel('Waarom is het urgent? (verplicht)').fill('Escalaties thuis nemen toe.');
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
  const status = page.getByTestId('verwijzing-status');
  await expect(status).toContainText('Ingediend');
  await expect(status).toContainText('nog niet gesynchroniseerd');
  await expect(syncStatus(page)).toHaveText(/Offline · 1 wacht/);

  // Online again: the intent becomes a request at the desk.
  await context.setOffline(false);
  await expectAllSynced(page);
  await expect(status).not.toContainText('nog niet gesynchroniseerd');
  await expect(page.getByTestId('verwijzing-history')).toContainText('Ingediend');

  const { context: deskContext, desk } = await deskOpens(browser, firstName, productName);
  await expect(desk.getByTestId('desk-arrangement')).toContainText(`Gemeente ${gemeente} (Haaglanden)`);
  await expect(desk.getByText(need)).toBeVisible();

  // Aangemeld bij a provider.
  let provider = '';
  await takeStep(desk, 'Aanmelden bij aanbieder', async (d) => {
    const select = d.getByLabel('Aanbieder', { exact: true });
    await select.selectOption({ index: 1 });
    provider = ((await select.locator('option:checked').textContent()) ?? '').replace(/ \(.*$/, '');
  });
  await phoneSyncs(page);
  await expect(status).toContainText('Aangemeld bij aanbieder');
  await expect(status).toContainText(provider);
  await expect(page.getByTestId('referral-notices')).toContainText(
    `${firstName} — ${productName}: nu Aangemeld bij aanbieder`,
  );

  // On the waiting list, with the expected start (in about three months).
  const expectedStart = dutchDay(95);
  await takeStep(desk, 'Op wachtlijst', async (d) => {
    await d.getByLabel('Verwachte start').fill(expectedStart);
    await d.getByLabel(/Antwoord of toelichting/).fill('Wachttijd ongeveer 14 weken.');
  });
  // Bridging help from the lokale team meanwhile.
  await desk.getByRole('button', { name: 'Overbrugging vastleggen' }).click();
  await desk.getByLabel('Wie biedt de overbrugging (bijv. het lokale team)').fill('Lokaal team Delft');
  await desk.getByLabel('Welke hulp', { exact: true }).fill('Wekelijkse gezinscoach');
  await desk.getByLabel('Gestart op').fill(dutchDay(-3));
  await desk.getByRole('button', { name: 'Overbrugging opslaan' }).click();
  await expect(desk.getByText('Wekelijkse gezinscoach door Lokaal team Delft')).toBeVisible();
  await phoneSyncs(page);
  await expect(status).toContainText('Wachtlijst');
  await expect(page.getByTestId('expected-start')).toHaveText(shownDay(expectedStart));
  await expect(page.getByTestId('bridging')).toContainText('Wekelijkse gezinscoach — Lokaal team Delft');

  // Stuck: escalated to the regional expertteam with the generated summary.
  await takeStep(desk, 'Opschalen', async (d) => {
    await expect(d.getByLabel(/Samenvatting/)).toHaveValue(/Ouders lopen vast bij grenzen stellen/);
  });
  await expect(desk.getByText('Bij het expertteam').first()).toBeVisible();
  await phoneSyncs(page);
  await expect(status).toContainText('Opgeschaald');
  await expect(status).toContainText('Bij het regionale expertteam');
  const history = page.getByTestId('verwijzing-history');
  for (const step of [
    'Ingediend',
    'Aangemeld bij aanbieder',
    'Op de wachtlijst',
    'Overbruggingshulp',
    'Opgeschaald',
  ]) {
    await expect(history).toContainText(step);
  }
  await expect(history).toContainText('Pieter Mulder');

  // The notice goes once it is seen.
  await page.getByTestId('referral-notices').getByRole('button', { name: 'Gezien' }).click();
  await expect(page.getByTestId('referral-notices')).toHaveCount(0);
  await deskContext.close();
});
