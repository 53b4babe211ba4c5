/**
 * The beheerder's screens as a new user meets them (issue 19, Beheerder), at
 * 390×844: a phone named by its user at set-up shows by that name in
 * Toestellen and the access log; the log says in Dutch what happened, never a
 * procedure name or a User-Agent; it is searched per user and per period and
 * exported; bad input gets a Dutch message beside its field, never raw JSON;
 * "Gebruiker uitschakelen" is named by its visible text (axe).
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectAllSynced, logIn, PIN } from './helpers';

const WORKER = 'mohamed.elamrani';
const WORKER_NAME = 'Mohamed El Amrani';

async function newPhone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  return { context, page: await context.newPage() };
}

/** The beheerder on the access log, signed in just now (so no step-up is asked yet). */
async function adminOnAccessLog(page: Page) {
  await logIn(page, 'karin.bos');
  await expect(page.getByRole('heading', { name: 'Sociale kaart', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Toegangslog' }).click();
  await expect(page.getByRole('heading', { name: 'Toegangslog', level: 1 })).toBeVisible();
}

test('a phone named at set-up shows by that name in Toestellen and the access log, which speaks Dutch and is searched per user, per period and exported', async ({
  browser,
  page,
}) => {
  const stamp = String(Date.now()).slice(-5);
  const phoneName = `Werktelefoon ${stamp}`;

  // The worker sets up a new phone: a name is proposed, an overlong one is refused beside the field.
  const phone = await newPhone(browser);
  await logIn(phone.page, WORKER);
  const nameField = phone.page.getByLabel('Naam van dit toestel');
  await expect(nameField).toHaveValue('Telefoon van Mohamed');
  await phone.page.getByLabel('Nieuwe pincode').fill(PIN);
  await phone.page.getByLabel('Herhaal de pincode').fill(PIN);
  await nameField.fill('x'.repeat(61));
  await expect(phone.page.getByText('1 teken te veel: maak de tekst korter (maximaal 60).')).toBeVisible();
  await phone.page.getByRole('button', { name: 'Pincode instellen' }).click();
  await expect(nameField).toHaveAccessibleDescription(/1 teken te veel/);
  await expect(nameField).toBeFocused();
  await expect(phone.page.getByRole('heading', { name: 'Kies een pincode' })).toBeVisible();
  await nameField.fill(phoneName);
  await phone.page.getByRole('button', { name: 'Pincode instellen' }).click();
  await expect(phone.page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expectAllSynced(phone.page);

  await adminOnAccessLog(page);

  // A one-character search: a Dutch message beside the field, no raw validator output anywhere.
  const search = page.getByRole('searchbox', { name: /^Zoek een kind/ });
  await search.fill('a');
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(search).toHaveAccessibleDescription(/Typ minstens 2 tekens/);
  await expect(page.locator('main')).not.toContainText('too_small');
  await expect(page.locator('main')).not.toContainText('[{');

  // A period that ends before it starts: the summary takes the focus, the message sits beside the field.
  await page.getByLabel('Van (datum)').fill('2026-10-05');
  await page.getByLabel('Tot en met (datum)').fill('2026-10-01');
  await page.getByRole('button', { name: 'Log tonen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('De einddatum ligt vóór de begindatum');
  await expect(page.getByLabel('Tot en met (datum)')).toHaveAccessibleDescription(
    /De einddatum ligt vóór de begindatum/,
  );
  await page.getByLabel('Van (datum)').fill('');
  await page.getByLabel('Tot en met (datum)').fill('');

  // Per user: what the phone did, in Dutch, on the phone by its name.
  await page.getByLabel('Gebruiker').selectOption({ label: WORKER_NAME });
  await page.getByRole('button', { name: 'Log tonen' }).click();
  const lines = page.locator('ol.access-log > li');
  const synced = lines.filter({ hasText: 'Gesynchroniseerd naar telefoon' }).first();
  await expect(synced).toBeVisible();
  await expect(synced).toContainText(phoneName);
  await expect(synced).toContainText(WORKER_NAME);
  const shown = (await page.locator('ol.access-log').textContent()) ?? '';
  expect(shown).not.toMatch(/sync\.pull|accessLog\.|toestel\.dossier|Mozilla|client [0-9a-f]{8}-/);

  // Per period: today only, for that user; then exported, as a file.
  const today = await page.evaluate(() =>
    new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }),
  );
  await page.getByLabel('Van (datum)').fill(today);
  await page.getByLabel('Tot en met (datum)').fill(today);
  await page.getByRole('button', { name: 'Log tonen' }).click();
  await expect(lines.filter({ hasText: 'Gesynchroniseerd naar telefoon' }).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporteren (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`toegangslog-${today}-tot-${today}.csv`);
  const csv = await readFile((await file.path()) as string, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFTijdstip;Ontvangen;Kind;Gebruiker;Rol;Namens;Wat;Resultaat;Toestel;Toelichting',
  );
  expect(csv).toContain(`Gesynchroniseerd naar telefoon;toegestaan;${phoneName}`);
  await expect(page.getByText(/regels? geëxporteerd/)).toBeVisible();

  // Toestellen: the phone by its name; every button named by what it shows (axe).
  await page.getByRole('link', { name: 'Toestellen' }).click();
  await expect(page.getByRole('heading', { name: 'Toestellen', level: 1 })).toBeVisible();
  const item = page.getByRole('listitem', { name: `${WORKER_NAME}, ${phoneName}` });
  await expect(item).toContainText(phoneName);
  await expect(item.getByRole('button', { name: `Gebruiker uitschakelen: ${WORKER_NAME}` })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withRules(['label-content-name-mismatch']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await phone.context.close();
});
