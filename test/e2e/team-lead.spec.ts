/**
 * The team lead end to end: intake, and moving cases between workers with the
 * "what if" view; the first worker's phone loses the cases at its next sync,
 * the second's gains them. Runs last (file order), as it changes caseloads.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { dutchDay, expectAllSynced, logIn, syncStatus, workerOnNewDevice } from './helpers';

async function phoneSyncs(page: Page) {
  const before = await syncStatus(page).getAttribute('data-synced-at');
  await syncStatus(page).click();
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  // A sync that ended after the click, not the state from before it.
  await expect(syncStatus(page)).not.toHaveAttribute('data-synced-at', before ?? '', { timeout: 30_000 });
  await expectAllSynced(page);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
}

const caseloadNames = (page: Page) =>
  page.getByTestId('caseload').locator('.case-card-name').allTextContents();
/** The cases on a phone, by id: two children may share a name. */
const caseloadIds = (page: Page) =>
  page
    .getByTestId('caseload')
    .locator('.case-card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-case-id') ?? ''));

async function phoneOf(browser: Browser, username: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const page = await context.newPage();
  await workerOnNewDevice(page, username);
  return { context, page };
}

async function importIntake(page: Page, stamp: string) {
  await page.getByRole('link', { name: 'Instroom', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instroom', level: 1 })).toBeVisible();
  const csv = [
    'clientnummer;zaaknummer;voornaam;achternaam;geboortedatum;gemeente;gezinsreferentie;maatregel;uitspraakdatum;rechtbank',
    `E2E-${stamp}-1;E2E/${stamp}/1;Bram;Import${stamp};2014-03-02;0503;E2E-${stamp};ots;${dutchDay(-1)};Rechtbank Den Haag`,
    `E2E-${stamp}-2;E2E/${stamp}/2;Sara;Import${stamp};2017-09-12;Delft;E2E-${stamp};ots;${dutchDay(-1)};Rechtbank Den Haag`,
  ].join('\n');
  await page
    .getByLabel('CSV-bestand')
    .setInputFiles({ name: 'instroom.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('2 nieuw, 0 al bekend')).toBeVisible();
  await page.getByRole('button', { name: 'Importeren' }).click();
  await expect(page.getByText('2 nieuwe maatregelen geïmporteerd')).toBeVisible();
}

async function assignTo(page: Page, child: string, worker: string) {
  const select = page.getByLabel(`Vaste jeugdbeschermer voor ${child}`);
  await expect(select.locator('option', { hasText: 'Suggestie:' })).toHaveCount(1);
  const value = await select.locator('option', { hasText: worker }).getAttribute('value');
  await select.selectOption(value ?? '');
  await select.locator('xpath=ancestor::form').getByRole('button', { name: 'Toewijzen' }).click();
  await expect(page.getByText(`${child} is toegewezen aan ${worker}`)).toBeVisible();
}

test('the team lead imports intake and assigns a child, moves two cases with the what-if view; one phone loses them, the other gains them', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const from = await phoneOf(browser, 'joris.vandam');
  const to = await phoneOf(browser, 'lotte.bakker');
  const fromBefore = await caseloadIds(from.page);

  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  const stamp = String(Date.now()).slice(-6);
  await importIntake(page, stamp);
  const imported = `Bram Import${stamp}`;
  await assignTo(page, imported, 'Lotte Bakker');
  await page.getByRole('link', { name: 'Team', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  const joris = page.getByTestId('team').locator('li.worker-balance', { hasText: 'Joris van Dam' });
  await joris.getByText('Uitleg en dossiers').click();
  const picks = joris.locator('.balance-cases label');
  const moved: string[] = [];
  for (const i of [0, 1]) {
    await picks.nth(i).locator('input').check();
    moved.push((await picks.nth(i).locator('input').getAttribute('value')) ?? '');
  }
  for (const caseId of moved) expect(fromBefore).toContain(caseId);
  await page.getByLabel('Naar', { exact: true }).selectOption({ label: 'Lotte Bakker' });
  const whatIf = page.getByTestId('what-if');
  await expect(whatIf).toContainText('Joris van Dam: van');
  await expect(whatIf).toContainText('Lotte Bakker: van');
  await page.getByRole('button', { name: 'Verplaatsen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 dossiers verplaatst' })).toBeVisible();

  // The caseload screen first shows what it held and reads the store again after the sync: poll.
  await phoneSyncs(from.page);
  await expect.poll(() => caseloadIds(from.page)).toHaveLength(fromBefore.length - 2);
  const fromAfter = await caseloadIds(from.page);
  for (const caseId of moved) expect(fromAfter).not.toContain(caseId);
  await phoneSyncs(to.page);
  await expect.poll(() => caseloadIds(to.page)).toEqual(expect.arrayContaining(moved));
  await expect.poll(() => caseloadNames(to.page)).toContain(imported);
  await from.context.close();
  await to.context.close();
});
