/**
 * The referral desk on a phone (390×844), as a new support worker walks it:
 * a step with nothing filled in is refused in view; a number in the reports
 * leads to the children's requests with how late they are; the tables fit
 * the screen; a request described in the worker's own words has a named row;
 * the desk's tabs stay on every support screen.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { expectAllSynced, logIn, openNthCase, workerOnNewDevice } from './helpers';

const deskNav = (page: Page) => page.getByRole('navigation', { name: 'Verwijsbalie' });

async function deskOpens(page: Page) {
  await logIn(page, 'pieter.mulder');
  await expect(page.getByRole('heading', { name: 'Verwijsbalie', level: 1 })).toBeVisible();
}

async function toReports(page: Page) {
  await deskNav(page).getByRole('link', { name: 'Rapportages' }).click();
  await expect(page.getByRole('heading', { name: 'Rapportages', level: 1 })).toBeVisible();
  await expect(page.getByTestId('help-report')).toBeVisible();
  await expect(page.getByTestId('waiting-category').getByRole('table').first()).toBeVisible();
}

test('a step with nothing filled in is refused in view: a summary that takes the focus, the message at the field', async ({
  page,
}) => {
  await deskOpens(page);
  // A request just submitted: the next step offered is "Afstemmen met gemeente".
  await page.getByLabel('Status').selectOption('ingediend');
  const first = page.getByTestId('desk').locator('li').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  const history = page.getByTestId('desk-history').locator('li');
  const before = await history.count();

  await page.getByRole('button', { name: 'Afstemmen met gemeente', exact: true }).click();
  await page.getByRole('button', { name: 'Afstemmen met gemeente: vastleggen' }).click();

  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  const answer = page.getByLabel(/Antwoord of toelichting/);
  await expect(answer).toHaveAttribute('aria-invalid', 'true');
  const message = 'Vul in wat met de gemeente is afgestemd of gevraagd.';
  await expect(answer).toHaveAccessibleDescription(new RegExp(message.replace('.', '\\.')));
  await summary.getByRole('link', { name: message }).click();
  await expect(answer).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd:' })).toHaveCount(0);
  await expect(history).toHaveCount(before);

  // With the answer it is recorded, and the history shows it.
  await answer.fill('Per e-mail aan de gemeente gevraagd of zij instemt.');
  await page.getByRole('button', { name: 'Afstemmen met gemeente: vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd:' })).toBeVisible();
  await expect(page.getByTestId('desk-history')).toContainText('Per e-mail aan de gemeente gevraagd');

  // The things recorded beside the steps refuse empty text the same way: bridging help without who or what.
  await page.getByRole('button', { name: 'Overbrugging vastleggen' }).click();
  await page.getByRole('button', { name: 'Overbrugging opslaan' }).click();
  const bridging = page.locator('.error-summary');
  await expect(bridging).toBeFocused();
  await expect(bridging.getByRole('link')).toHaveText([
    'Vul in wie de overbrugging biedt.',
    'Vul in welke hulp de overbrugging is.',
  ]);
  await expect(page.getByLabel('Welke hulp', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('a number in the report opens the children in view, each with its days past the norm and a link to its request', async ({
  page,
}) => {
  await deskOpens(page);
  await toReports(page);
  const count = page
    .getByTestId('help-report')
    .getByRole('button', { name: /^Toon \d+ kind(eren)? in alle regio’s$/ });
  await count.click();
  await expect(count).toHaveAttribute('aria-expanded', 'true');

  const title = page.getByRole('heading', { name: /^Kinderen zonder passende hulp in alle regio’s op / });
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();

  const child = page.getByTestId('help-report-children').locator('li').first();
  await expect(child).toContainText(/Hulp uiterlijk .+ \(verlopen, \d+ dagen? te laat\)/);
  const name = ((await child.locator('strong').textContent()) ?? '').trim();
  expect(name).not.toBe('');
  await child
    .getByRole('link', { name: /^Aanvraag openen: / })
    .first()
    .click();
  await expect(page).toHaveURL(/\/verwijsdesk\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
});

test('the reports fit the phone: no table wider than the screen, no scroll region a keyboard cannot reach', async ({
  page,
}) => {
  await deskOpens(page);
  await toReports(page);
  const tables = page.locator('main table');
  expect(await tables.count()).toBeGreaterThanOrEqual(5);
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main table')]
      .filter((t) => t.getBoundingClientRect().right > width + 0.5 || t.scrollWidth > t.clientWidth + 1)
      .map((t) => t.querySelector('caption')?.textContent ?? t.outerHTML.slice(0, 80));
    return { page: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow).toEqual({ page: 0, wide: [] });
  // Started help and children still waiting, each its own table with a caption that says which.
  await expect(page.getByRole('table', { name: 'Per productcategorie: Hulp gestart' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Per aanbieder: Wacht nog' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
  expect(axe.violations).toEqual([]);
});

test('the desk tabs stay on every support screen, the current one marked', async ({ page }) => {
  await deskOpens(page);
  const screens = [
    { tab: 'Rapportages', heading: 'Rapportages' },
    { tab: 'Instroom', heading: 'Instroom' },
    { tab: 'Sociale kaart', heading: 'Sociale kaart' },
    { tab: 'Wachtrij', heading: 'Verwijsbalie' },
  ];
  for (const screen of screens) {
    await deskNav(page).getByRole('link', { name: screen.tab, exact: true }).click();
    await expect(page.getByRole('heading', { name: screen.heading, level: 1 })).toBeVisible();
    const links = deskNav(page).getByRole('link');
    await expect(links).toHaveText(['Wachtrij', 'Rapportages', 'Instroom', 'Sociale kaart']);
    await expect(deskNav(page).locator('[aria-current]')).toHaveCount(1);
    await expect(deskNav(page).getByRole('link', { name: screen.tab, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('link', { name: '← Verwijsbalie' })).toHaveCount(0);
  }
  // On a request the tabs stay, with Wachtrij marked as the section it belongs to.
  await page.getByTestId('desk').locator('li').first().click();
  await expect(page.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  await expect(deskNav(page).getByRole('link', { name: 'Wachtrij' })).toHaveAttribute('aria-current', 'true');
});

test('waiting times name the row of help described in the worker’s own words', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await workerOnNewDevice(page, 'kevin.tromp');
  await openNthCase(page, 0);
  await page.getByRole('link', { name: 'Hulp aanvragen' }).click();
  await page.getByLabel('Welke hulp').selectOption({ label: 'Niets passends: zelf omschrijven' });
  await page.getByLabel('Omschrijving van de hulp').fill('Maatje uit de buurt voor na school');
  await expect(page.getByLabel('Productcategorie (als u die weet)')).toHaveValue('');
  await page.getByLabel('Waarom is deze hulp nodig?').fill('Na school alleen thuis, zoekt houvast.');
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
  await expect(page.getByTestId('verwijzing-status')).toContainText('Ingediend');
  await expectAllSynced(page);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const desk = await context.newPage();
  await deskOpens(desk);
  await toReports(desk);
  const byCategory = desk.getByTestId('waiting-category');
  const rows = byCategory.getByRole('table', { name: 'Per productcategorie: Wacht nog' }).locator('tbody th');
  await expect(rows.filter({ hasText: 'Eigen omschrijving (geen productcategorie)' })).toHaveCount(1);
  for (const label of await rows.allTextContents()) expect(label.trim()).not.toBe('');
  await context.close();
});
