/**
 * Two office screens as they are really used, at phone width:
 *  - the team lead's intake (issue 15 §4): the columns on screen, a template
 *    made in the browser, an Excel file with blank rows at the bottom, a
 *    ruling in the future refused in the preview and in the form, and the
 *    same file chosen again after fixing it is read again. Nothing is
 *    imported, so the other specs' caseloads stay as they were.
 *  - the shared sociale kaart (issue 16 point 12): two people edit one
 *    provider at once; the second sees both versions and who changed it, and
 *    each card says who changed it last.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { INTAKE_COLUMNS, intakeTemplateCsv } from '../../shared/rules/intake-csv';
import { logIn } from './helpers';

/** A day as the CSV wants it, `days` from today (Amsterdam and UTC agree on the date at test hours). */
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const HEADER = INTAKE_COLUMNS.join(';');
const row = (n: string, ruling: string) =>
  `E2E-T${n};E2E/T/${n};Kind;Sjabloon${n};2014-03-02;0503;E2E-T${n};ots;${ruling};Rechtbank Den Haag;;;nee;nee`;

async function openIntake(page: Page) {
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await page.getByRole('link', { name: 'Instroom', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instroom', level: 1 })).toBeVisible();
}

test('the team lead sees the columns, downloads the template, and previews an Excel file as Excel saves it', async ({
  page,
}) => {
  await openIntake(page);
  const columns = page.getByLabel('Kolommen en wat erin hoort');
  await expect(columns).toBeVisible();
  await expect(columns.locator('dt')).toHaveText(INTAKE_COLUMNS.map((c) => new RegExp(`^${c} `)));
  await expect(columns.locator('div', { hasText: 'uitspraakdatum' })).toContainText('niet in de toekomst');
  await expect(page.getByText('README')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Sjabloon downloaden' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('instroom-sjabloon.csv');
  const template = await readFile((await file.path()) as string, 'utf8');
  expect(template).toBe(intakeTemplateCsv());
  expect(template.split('\r\n').filter(Boolean)).toHaveLength(2);

  // Saved by Excel: BOM, CRLF, quoted fields, every row padded, blank rows below the data.
  const stamp = String(Date.now()).slice(-6);
  const excel = `\uFEFF${[
    `${HEADER};;`,
    `${row(`${stamp}1`, isoDay(-1))};;`,
    `"E2E-T${stamp}2";"E2E/T/${stamp}2";"Sara";"Sjabloon; Excel";01-05-2015;"Delft";"E2E-T${stamp}1";"vots";${isoDay(-1)};"Rechtbank Den Haag";;;"nee";"nee";;`,
    ';;;;;;;;;;;;;;;;',
    ';;;;;;;;;;;;;;;;',
    '',
  ].join('\r\n')}`;
  await page
    .getByLabel('CSV-bestand')
    .setInputFiles({ name: 'instroom.csv', mimeType: 'text/csv', buffer: Buffer.from(excel) });
  await expect(page.getByText('2 nieuw, 0 al bekend')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Voorbeeld van de import' })).toContainText(
    'Sara Sjabloon; Excel',
  );
});

test('a ruling in the future is refused in the preview and in the form; the same file chosen again is read again', async ({
  page,
}) => {
  await openIntake(page);
  const stamp = String(Date.now()).slice(-6);
  const path = join(tmpdir(), `instroom-${stamp}.csv`);
  const input = page.getByLabel('CSV-bestand');

  await writeFile(path, [HEADER, row(stamp, isoDay(3))].join('\r\n'));
  await input.setInputFiles(path);
  const errors = page.getByRole('table', { name: 'Fouten per regel' });
  await expect(errors).toContainText('ligt in de toekomst');
  await expect(page.getByRole('button', { name: 'Importeren' })).toHaveCount(0);
  // The input is emptied after reading, so the browser reports the same file chosen again as a change.
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('intake-chosen')).toContainText(`instroom-${stamp}.csv`);

  // Fixed in Excel and saved under the same name: chosen again, read again.
  await writeFile(path, [HEADER, row(stamp, isoDay(-1))].join('\r\n'));
  await input.setInputFiles(path);
  await expect(page.getByText('1 nieuw, 0 al bekend')).toBeVisible();
  await expect(errors).toHaveCount(0);

  // The form: the same rule, in Dutch, and nothing registered.
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Registreren' }) });
  await form.getByLabel('Cliëntnummer').fill(`E2E-F${stamp}`);
  await form.getByLabel('Zaaknummer (rechtbank)').fill(`E2E/F/${stamp}`);
  await form.getByLabel('Voornaam').fill('Toekomst');
  await form.getByLabel('Achternaam').fill(`Formulier${stamp}`);
  await form.getByLabel('Geboortedatum').fill('2014-03-02');
  await form.getByLabel('Gemeente').selectOption('0503');
  await form.getByLabel('Gezinsreferentie').fill(`E2E-F${stamp}`);
  await form.getByLabel('Datum uitspraak').fill(isoDay(3));
  await form.getByLabel('Rechtbank', { exact: true }).fill('Rechtbank Den Haag');
  await form.getByRole('button', { name: 'Registreren' }).click();
  await expect(form.getByRole('alert')).toContainText('Uitspraakdatum');
  await expect(form.getByRole('alert')).toContainText('ligt in de toekomst');
  await expect(page.getByText(`Toekomst Formulier${stamp}`)).toHaveCount(0);
});

test('two people edit one provider of the shared kaart: the second sees both versions and who changed it', async ({
  page,
  browser,
}) => {
  await logIn(page, 'karin.bos');
  await expect(page.getByRole('heading', { name: 'Sociale kaart', level: 1 })).toBeVisible();
  const card = page.getByTestId('kaart-aanbieders').locator('li.kaart-card').first();
  const name = ((await card.locator('h3').textContent()) ?? '').replace('Inactief', '').trim();
  await card.getByRole('button', { name: `${name} wijzigen` }).click();
  const form = page.locator('form.kaart-form');
  await expect(form.getByRole('heading', { name: `${name} wijzigen` })).toBeVisible();
  const karinsRoute = await form.getByLabel('Contactroute voor aanmelden').inputValue();

  // Meanwhile support staff change the same provider.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const desk = await other.newPage();
  await logIn(desk, 'noor.jansen');
  // Signed in (the desk's menu is there) before going on: a navigation now would cut the sign-in off.
  await desk
    .getByRole('navigation', { name: 'Verwijsbalie' })
    .getByRole('link', { name: 'Sociale kaart' })
    .click();
  await expect(desk.getByRole('heading', { name: 'Sociale kaart', level: 1 })).toBeVisible();
  const theirCard = desk.getByTestId('kaart-aanbieders').locator('li.kaart-card', { hasText: name }).first();
  await theirCard.getByRole('button', { name: `${name} wijzigen` }).click();
  const stamp = String(Date.now()).slice(-6);
  await desk.getByLabel('Contactroute voor aanmelden').fill(`Bel 070-${stamp}`);
  await desk.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(desk.getByText(`${name} is opgeslagen.`)).toBeVisible();
  await expect(theirCard).toContainText('Laatst gewijzigd door Noor Jansen');
  await other.close();

  // Karin saves her change, made on the version she opened: refused, with both versions side by side.
  await form.getByLabel('Verwachte wachttijd (weken)').fill('17');
  await form.getByRole('button', { name: 'Opslaan', exact: true }).click();
  const notice = form.getByRole('alert');
  await expect(notice.getByRole('heading')).toHaveText(
    'Iemand anders heeft deze aanbieder intussen gewijzigd',
  );
  await expect(notice).toContainText('Noor Jansen');
  await expect(notice).toBeFocused();
  await expect(notice.getByRole('row', { name: /Contactroute/ })).toContainText(`Bel 070-${stamp}`);
  if (karinsRoute) await expect(notice.getByRole('row', { name: /Contactroute/ })).toContainText(karinsRoute);
  await expect(notice.getByRole('row', { name: /Wachttijd/ })).toContainText('Wachttijd 17 weken');

  await notice.getByRole('button', { name: 'Huidige versie overnemen' }).click();
  await expect(form.getByLabel('Contactroute voor aanmelden')).toHaveValue(`Bel 070-${stamp}`);
  await form.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByText(`${name} is opgeslagen.`)).toBeVisible();
  await expect(card).toContainText('Laatst gewijzigd door Karin Bos');
  await expect(card).toContainText(`Bel 070-${stamp}`);
});
