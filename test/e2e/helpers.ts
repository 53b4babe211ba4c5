/** Steps the e2e tests share: signing in, the PIN, the sync state. */
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'Welkom-demo-2026';
export const PIN = '24680';

export async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** First login of a jeugdbeschermer on this device: choose a PIN; the first sync follows. */
export async function setUpPin(page: Page, pin = PIN) {
  await page.getByLabel('Nieuwe pincode').fill(pin);
  await page.getByLabel('Herhaal de pincode').fill(pin);
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
}

export async function unlock(page: Page, pin = PIN) {
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();
  await page.getByLabel('Pincode', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
}

export const syncStatus = (page: Page) => page.getByTestId('sync-status');

export async function expectAllSynced(page: Page) {
  await expect(syncStatus(page)).toHaveText('Alles gesynchroniseerd', { timeout: 30_000 });
}

/** A worker signs in on a fresh device and waits until the caseload is on it. */
export async function workerOnNewDevice(page: Page, username: string) {
  await logIn(page, username);
  await setUpPin(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  await expectAllSynced(page);
}
