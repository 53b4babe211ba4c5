/** Steps the e2e tests share: signing in, the PIN, the sync state, the demo's caseloads and days. */
import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { buildDemoData } from '../../server/seed/demo';
import { demoCaseloads } from '../../server/seed/demo-caseloads';
import { dutchToday, type IsoDate, plusDays } from '../../shared/rules/dates';
import { extensionsDueThisWeek } from '../helpers/demo-extension';

export const PASSWORD = 'Welkom-demo-2026';
/** Six digits and none of the easily guessed ones (shared/rules/pin.ts). */
export const PIN = '582931';

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

/** A day relative to today as the server counts it (the Dutch calendar day), as yyyy-mm-dd. */
export const dutchDay = (days: number): IsoDate => plusDays(dutchToday(), days);

/** A day as the app writes it ("1 mrt 2027"). */
export const shownDay = (day: IsoDate) =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${day}T12:00:00`),
  );

/**
 * How many children a demo worker carries as the server seeded them today. The demo's structure is
 * the same on every day (test/seed/demo-invariants.test.ts), so this holds whatever the date.
 */
export function demoCaseloadSize(username: string): number {
  const today = dutchToday();
  const found = demoCaseloads(buildDemoData(today), today).find((l) => l.user.username === username);
  if (!found) throw new Error(`no demo worker ${username}`);
  return found.caseload.children;
}

/** A case card by its case, never by a child's name (two children may share one). */
export const caseCard = (list: Locator, caseId: string) =>
  list.locator(`.case-card[data-case-id="${caseId}"]`);

/** Opens the case of the n-th card of a caseload; answers the case and the child's name. */
export async function openNthCase(page: Page, nth = 0): Promise<{ caseId: string; name: string }> {
  const card = page.getByTestId('caseload').locator('.case-card').nth(nth);
  const caseId = (await card.getAttribute('data-case-id')) ?? '';
  const name = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  expect(caseId).not.toBe('');
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return { caseId, name };
}

/**
 * A demo case whose extension request is due at the court this week (the demo always has one,
 * test/seed/demo-invariants.test.ts), with the worker who carries it and the measure's id (the key
 * of the agenda's "verzoek verlenging" item).
 */
export function demoExtensionDue(): {
  username: string;
  /** The team lead of the worker's team. */
  lead: string;
  caseId: string;
  measureId: string;
  child: string;
} {
  const today = dutchToday();
  const data = buildDemoData(today);
  for (const m of extensionsDueThisWeek(data, today)) {
    const c = data.cases.find((x) => x.id === m.caseId);
    const carrier = data.caseAssignments.find((a) => a.caseId === m.caseId && !a.untilDate);
    const user = data.users.find((u) => u.id === carrier?.userId);
    const child = data.jeugdigen.find((j) => j.id === c?.jeugdigeId);
    const lead = data.users.find((u) => u.role === 'teamleider' && u.teamId === user?.teamId);
    if (c && user && child && lead)
      return {
        username: user.username,
        lead: lead.username,
        caseId: c.id as string,
        measureId: m.id as string,
        child: `${child.firstName} ${child.lastName}`,
      };
  }
  throw new Error('the demo has no extension request due this week');
}

/** Waits until the installed app's service worker is active: what reopening the app offline needs. */
export async function serviceWorkerReady(page: Page) {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
    .toBe('activated');
}

/** The team lead, in a browser of their own, opens a case of the team by its id; answers both. */
export async function teamLeadOpens(browser: Browser, caseId: string, childName: string) {
  const lead = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const page = await lead.newPage();
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await caseCard(page.getByTestId('team-cases'), caseId).getByRole('button').click();
  await expect(page.getByRole('heading', { name: childName, level: 1 })).toBeVisible();
  return { lead, page };
}
