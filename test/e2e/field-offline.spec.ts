/**
 * The field worker's day without signal, end to end in Chromium at phone
 * size: the real built app (service worker, encrypted IndexedDB) against the
 * real server. Each test uses its own demo worker, so they do not disturb
 * each other on the shared server.
 */
import { expect, type Page, test } from '@playwright/test';
import {
  caseCard,
  expectAllSynced,
  logIn,
  openNthCase,
  PIN,
  serviceWorkerReady,
  setUpPin,
  syncStatus,
  teamLeadOpens,
  unlock,
  workerOnNewDevice,
} from './helpers';

async function logContact(page: Page, report: string) {
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
}

test('offline: log a contact and edit the koers, reopen the app without network, sync later; the team lead sees it', async ({
  page,
  context,
  browser,
}) => {
  await workerOnNewDevice(page, 'sanne.devries');
  await serviceWorkerReady(page);
  const report = `Huisbezoek zonder bereik ${Date.now()}: moeder en kinderen thuis, afspraken over school.`;

  await context.setOffline(true);
  await expect(syncStatus(page)).toHaveText(/Offline/);
  const { caseId, name } = await openNthCase(page);
  await logContact(page, report);
  await expect(page.getByTestId('timeline').locator('.timeline-contact', { hasText: report })).toContainText(
    'nog niet gesynchroniseerd',
  );

  // The koers: start a revision if it is vastgesteld, then add a zorgpunt.
  await page.getByRole('link', { name: /Koers/ }).first().click();
  // The koers screen loads when first opened (from the service worker's cache, offline).
  await expect(page.getByRole('heading', { name: /^Koers voor/ })).toBeVisible();
  const revise = page.getByRole('button', { name: 'Herzien (nieuwe versie)' });
  const start = page.getByRole('button', { name: 'Koers starten' });
  if (await revise.isVisible()) await revise.click();
  else if (await start.isVisible()) await start.click();
  const zorgpunten = page.getByLabel('Zorgpunten');
  await expect(zorgpunten).toBeEditable();
  const zorgpunt = `Slaapritme van de jongste ${Date.now()}`;
  await zorgpunten.fill(`${await zorgpunten.inputValue()}\n${zorgpunt}`.trim());
  await page.getByRole('button', { name: /^Opslaan/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen op dit toestel.' })).toBeVisible();
  await expect(syncStatus(page)).toHaveText(/Offline · \d+ wacht/);

  // Reopen with no network at all: the service worker serves the app, the PIN opens the store.
  await page.reload();
  await unlock(page);
  // The app opens where it was (the koers), with the edit; the contact is in the case file.
  await expect(page.getByLabel('Zorgpunten')).toHaveValue(new RegExp(zorgpunt));
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(page.getByTestId('timeline')).toContainText(report);
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expect(caseCard(page.getByTestId('caseload'), caseId)).toContainText('wacht');

  // Back online: it syncs by itself.
  await context.setOffline(false);
  await expectAllSynced(page);

  const { lead, page: leadPage } = await teamLeadOpens(browser, caseId, name);
  await expect(leadPage.getByText(report)).toBeVisible();
  await lead.close();
});

test('a change to a case that was reassigned meanwhile is refused with a reason, kept in the wachtrij, and the case leaves the device', async ({
  page,
  context,
  browser,
}) => {
  await workerOnNewDevice(page, 'mohamed.elamrani');
  const report = `Telefoongesprek met vader ${Date.now()}`;
  await context.setOffline(true);
  const { caseId, name } = await openNthCase(page);
  await logContact(page, report);

  // Meanwhile the team lead moves the case to a colleague.
  const { lead, page: leadPage } = await teamLeadOpens(browser, caseId, name);
  const joris = await leadPage
    .locator('#reassign-to option', { hasText: 'Joris van Dam' })
    .getAttribute('value');
  await leadPage.getByLabel('Overdragen aan').selectOption(joris ?? '');
  await leadPage.getByRole('button', { name: 'Dossier overdragen' }).click();
  await expect(leadPage.getByRole('status').filter({ hasText: 'Overgedragen' })).toBeVisible();
  await lead.close();

  await context.setOffline(false);
  await expect(syncStatus(page)).toHaveText('1 wijziging geweigerd', { timeout: 30_000 });
  await syncStatus(page).click();
  const refused = page.getByTestId('outbox-refused').locator('li');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Reden: U heeft (nu) geen toegang tot dit dossier');
  await expect(refused).toContainText('Dossier niet meer op dit toestel');
  await refused.getByText('Inhoud tonen').click();
  await expect(refused).toContainText(report);

  await page.goto('/');
  await unlock(page);
  // The caseload is drawn (the other cases are there), without the case that moved.
  await expect(page.getByTestId('caseload').locator('.case-card').first()).toBeVisible();
  await expect(caseCard(page.getByTestId('caseload'), caseId)).toHaveCount(0);

  // Throwing it away asks first.
  await syncStatus(page).click();
  await page.getByTestId('outbox-refused').getByRole('button', { name: 'Weggooien' }).click();
  await expect(page.getByRole('dialog')).toContainText('definitief weg');
  await page.getByRole('button', { name: 'Ja, weggooien' }).click();
  await expect(page.getByText('Alles is verwerkt. Er wacht niets.')).toBeVisible();
  await expectAllSynced(page);
});

test('wrong PINs lock the store until a password login; logging out with unsynced work warns first', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'bas.meijer');
  await context.setOffline(true);
  await openNthCase(page);
  await logContact(page, `Kort contact ${Date.now()}`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Er staat 1 wijziging op dit toestel die nog niet op de server staat.');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await context.setOffline(false);
  await expectAllSynced(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();

  // Logging out cleared the device: back in with the password, a new PIN; after a restart the PIN
  // opens the store, and five wrong ones shut it.
  await logIn(page, 'bas.meijer');
  await setUpPin(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await page.reload();
  for (let left = 4; left >= 1; left--) {
    await page.getByLabel('Pincode', { exact: true }).fill('864209');
    await page.getByRole('button', { name: 'Ontgrendelen' }).click();
    await expect(page.getByRole('alert')).toContainText(`Onjuiste pincode. Nog ${left} poging`);
  }
  await page.getByLabel('Pincode', { exact: true }).fill('864209');
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('alert')).toContainText('Te vaak een onjuiste pincode');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Toestel vergrendeld' })).toBeVisible();
  await page.getByRole('button', { name: 'Naar inloggen' }).click();
  await logIn(page, 'bas.meijer');
  await unlock(page, PIN);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
});

test('the app locks itself after five idle minutes', async ({ page }) => {
  await page.clock.install();
  await workerOnNewDevice(page, 'kevin.tromp');
  await page.clock.fastForward('05:30');
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
});

test('another worker on the same device gets an empty device once the first one has synced', async ({
  page,
}) => {
  await workerOnNewDevice(page, 'fatima.yilmaz');
  const first = await page.getByTestId('caseload').locator('.case-card-name').allTextContents();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
  await logIn(page, 'eva.smit');
  await expect(page.getByRole('heading', { name: 'Kies een pincode' })).toBeVisible();
  await page.getByLabel('Nieuwe pincode').fill('739164');
  await page.getByLabel('Herhaal de pincode').fill('739164');
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
  await expectAllSynced(page);
  // The first worker's data left with the wipe: the new caseload is the second worker's own.
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  const second = await page.getByTestId('caseload').locator('.case-card-name').allTextContents();
  expect(second).not.toEqual(first);
});

test('a contact report being written survives closing the app', async ({ page, context }) => {
  await workerOnNewDevice(page, 'joris.vandam');
  // Reopening offline needs the installed app: wait until the service worker has finished installing.
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await openNthCase(page);
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByRole('radio', { name: 'Telefonisch' }).check({ force: true });
  const text = `Half geschreven verslag ${Date.now()}`;
  await page.getByLabel('Verslag').fill(text);
  // The draft is saved a moment after typing stops; then the app is closed and opened again.
  await page.waitForTimeout(800);
  const url = page.url();
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await unlock(again);
  await expect(again.getByLabel('Verslag')).toHaveValue(text);
  await expect(again.getByRole('radio', { name: 'Telefonisch' })).toBeChecked();
  // With a next appointment; saving turns the draft into a contact; the form starts empty next time.
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await again.getByRole('button', { name: 'Volgende afspraak toevoegen (niet verplicht)' }).click();
  await again.getByLabel('Volgende afspraak (niet verplicht)').fill(inAWeek);
  await again.getByRole('button', { name: 'Opslaan' }).click();
  await expect(again.getByTestId('timeline')).toContainText(text);
  await expect(again.getByTestId('timeline')).toContainText('Volgende afspraak:');
  await again.getByRole('link', { name: 'Contact vastleggen' }).click();
  await expect(again.getByLabel('Verslag')).toHaveValue('');
  // The caseload shows the appointment on the child's card.
  await again.goto('/');
  await unlock(again);
  await expect(again.getByTestId('caseload')).toContainText('volgende afspraak');
});
