/**
 * axe-core over every screen of every role, at 390×844: the jeugdbeschermer (sign-in, PIN, Mijn
 * caseload, case file, contact and its amendment, koers, help request, a request, a court decision,
 * the extension request, Vandaag, the outbox, unlock), a waarnemer (stand-in cases), the teamleider (team, instroom, wachtlijst,
 * normen, toestellen, a case file), the ondersteuner (verwijsbalie, a request, rapportages, instroom,
 * sociale kaart) and the beheerder (sociale kaart, toegangslog, toestellen, documenten). Every violation of impact
 * serious or critical fails the role's test, named by screen, rule and nodes; all of them are also
 * written to test-results/axe/<role>.json.
 *
 * A server of its own: the waarnemer needs a stand-in, which the other specs must not see.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { buildDemoData } from '../../server/seed/demo';
import { demoCaseloads } from '../../server/seed/demo-caseloads';
import { dutchToday } from '../../shared/rules/dates';
import { dutchDay, expectAllSynced, logIn, setUpPin, unlock } from './helpers';
import { ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(22));

test.use({ baseURL: server.base });
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(async () => {
  await server.dispose();
});

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe on the screen as it stands; answers its serious and critical violations. */
async function audit(page: Page, screen: string, findings: Finding[]) {
  await expect(page.locator('main, .login, .centered').first()).toBeVisible();
  await expect(page.getByText('Bezig met laden…')).toHaveCount(0, { timeout: 15_000 });
  // Every screen names itself in an h1: the page's title for a screen reader, and where the focus
  // goes after a route change (app/route-focus.ts).
  if ((await page.getByRole('heading', { level: 1 }).count()) === 0) {
    findings.push({ screen, rule: 'page-has-heading-one', impact: 'serious', help: 'Geen h1', nodes: [] });
  }
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    findings.push({
      screen,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n')[1]?.trim() ?? ''}` : ''}`,
      ),
    });
  }
}

function report(role: string, screens: string[], findings: Finding[]) {
  mkdirSync('test-results/axe', { recursive: true });
  writeFileSync(`test-results/axe/${role}.json`, JSON.stringify({ screens, findings }, null, 2));
  const text = findings
    .map((f) => `${f.screen}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.nodes.join('\n    ')}`)
    .join('\n');
  expect(findings, `axe, ${role}: serious or critical violations\n${text}`).toEqual([]);
}

/** A route change inside the app, as a link does it (a full load would lock the field app). */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

const demo = () => buildDemoData(dutchToday());

/** A case the worker carries with a request for help, contacts and a measure, when the demo has one. */
function richCase(username: string) {
  const data = demo();
  const load = demoCaseloads(data, dutchToday()).find((l) => l.user.username === username);
  const user = data.users.find((u) => u.username === username);
  const ids = data.caseAssignments
    .filter((a) => a.userId === user?.id && a.role === 'vast' && !a.untilDate)
    .map((a) => a.caseId)
    .filter((id) => data.cases.find((c) => c.id === id)?.status === 'actief');
  expect(load, username).toBeTruthy();
  const score = (caseId: string) =>
    (data.verwijzingen.some((v) => v.caseId === caseId) ? 2 : 0) +
    (data.contacts.some((c) => c.caseId === caseId) ? 1 : 0);
  const caseId = [...ids].sort((a, b) => score(b) - score(a))[0] as string;
  return {
    caseId,
    verwijzingId: data.verwijzingen.find((v) => v.caseId === caseId)?.id as string | undefined,
    contactId: data.contacts.find((c) => c.caseId === caseId && !c.amendsId)?.id as string | undefined,
    maatregelId: data.maatregelen.find((m) => m.caseId === caseId)?.id as string | undefined,
  };
}

const userId = (username: string) => demo().users.find((u) => u.username === username)?.id as string;

async function office(browser: Browser, username: string) {
  const context = await browser.newContext({ baseURL: server.base, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await logIn(page, username);
  await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
  return { context, page };
}

test('jeugdbeschermer: every field screen, from sign-in to unlock', async ({ page }) => {
  const findings: Finding[] = [];
  const screens: string[] = [];
  const check = async (screen: string) => {
    screens.push(screen);
    await audit(page, screen, findings);
  };
  await page.goto('/');
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
  await check('Inloggen');
  await page.getByLabel('Gebruikersnaam').fill('sanne.devries');
  await page.getByLabel('Wachtwoord').fill('Welkom-demo-2026');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByLabel('Nieuwe pincode')).toBeVisible();
  await check('Pincode instellen');
  await setUpPin(page);
  await expectAllSynced(page);
  await check('Mijn caseload');

  const c = richCase('sanne.devries');
  await go(page, `/dossier/${c.caseId}`);
  await expect(page.getByRole('heading', { name: 'Maatregelen en beschikkingen' })).toBeVisible();
  await check('Dossier');
  await go(page, `/dossier/${c.caseId}/contact`);
  await check('Contact vastleggen');
  if (c.contactId) {
    await go(page, `/dossier/${c.caseId}/contact/${c.contactId}`);
    await check('Contact aanvullen');
  }
  await go(page, `/dossier/${c.caseId}/koers`);
  await check('Koers');
  await go(page, `/dossier/${c.caseId}/hulp`);
  await check('Hulp aanvragen');
  if (c.verwijzingId) {
    await go(page, `/dossier/${c.caseId}/hulp/${c.verwijzingId}`);
    await check('Hulpaanvraag');
  }
  if (c.maatregelId) {
    await go(page, `/dossier/${c.caseId}/maatregel/${c.maatregelId}`);
    await check('Beslissing van de rechter');
  }
  await go(page, `/dossier/${c.caseId}/verlenging`);
  await expect(page.getByRole('button', { name: 'Concept downloaden (Word)' })).toBeVisible();
  await check('Verzoek tot verlenging');
  await go(page, '/vandaag');
  await expect(page.getByRole('heading', { name: 'Vandaag', level: 1 })).toBeVisible();
  await expect(page.getByTestId('agenda-today')).toBeVisible();
  await check('Vandaag');
  await go(page, '/wachtrij');
  await check('Wachtrij');
  // A new start of the app: the PIN unlocks the device.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ontgrendelen' })).toBeVisible();
  await check('Ontgrendelen');
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Wachtrij', level: 1 })).toBeVisible();
  report('jeugdbeschermer', screens, findings);
});

test('waarnemer: the caseload with stand-in cases, and a stand-in case file', async ({ page, browser }) => {
  const lead = await office(browser, 'ingrid.visser');
  await expect(lead.page.getByRole('heading', { level: 1 })).toBeVisible();
  const started = await lead.context.request.post(`${server.base}/trpc/waitingList.startStandIn`, {
    data: {
      absentUserId: userId('joris.vandam'),
      standInUserId: userId('lotte.bakker'),
      from: dutchDay(0),
      until: dutchDay(7),
    },
  });
  expect(started.ok(), await started.text()).toBe(true);
  await lead.context.close();

  const findings: Finding[] = [];
  const screens: string[] = [];
  await logIn(page, 'lotte.bakker');
  await setUpPin(page);
  await expectAllSynced(page);
  await expect(page.getByTestId('caseload-standin-list')).toBeVisible();
  screens.push('Mijn caseload (met waarneming)');
  await audit(page, 'Mijn caseload (met waarneming)', findings);
  const standIn = page.getByTestId('caseload-standin-list').locator('.case-card').first();
  await standIn.getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Maatregelen en beschikkingen' })).toBeVisible();
  screens.push('Dossier (waarneming)');
  await audit(page, 'Dossier (waarneming)', findings);
  report('waarnemer', screens, findings);
});

test('teamleider: team, instroom, wachtlijst, normen, toestellen and a case file', async ({ browser }) => {
  const { context, page } = await office(browser, 'ingrid.visser');
  const findings: Finding[] = [];
  const screens: string[] = [];
  for (const [path, screen] of [
    ['/team', 'Team (balans)'],
    ['/team/instroom', 'Instroom'],
    ['/team/wachtlijst', 'Wachtlijst'],
    ['/team/normen', 'Normen'],
    ['/team/toestellen', 'Toestellen'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
    screens.push(screen);
    await audit(page, screen, findings);
  }
  await page.goto(`/dossier/${richCase('sanne.devries').caseId}`);
  await expect(page.getByRole('heading', { name: 'Maatregelen en beschikkingen' })).toBeVisible();
  screens.push('Dossier (teamleider)');
  await audit(page, 'Dossier (teamleider)', findings);
  await context.close();
  report('teamleider', screens, findings);
});

test('ondersteuner: verwijsbalie, a request, rapportages, instroom and sociale kaart', async ({
  browser,
}) => {
  const { context, page } = await office(browser, 'noor.jansen');
  const findings: Finding[] = [];
  const screens: string[] = [];
  await expect(page.getByRole('heading', { name: 'Verwijsbalie', level: 1 })).toBeVisible();
  screens.push('Verwijsbalie');
  await audit(page, 'Verwijsbalie', findings);
  await page.getByTestId('desk').locator('li').first().click();
  await expect(page.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  screens.push('Verwijzing');
  await audit(page, 'Verwijzing', findings);
  for (const [path, screen] of [
    ['/verwijsdesk/rapportages', 'Rapportages'],
    ['/instroom', 'Instroom (balie)'],
    ['/sociale-kaart', 'Sociale kaart (balie)'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
    screens.push(screen);
    await audit(page, screen, findings);
  }
  await context.close();
  report('ondersteuner', screens, findings);
});

test('beheerder: sociale kaart, toegangslog, toestellen and documenten', async ({ browser }) => {
  const { context, page } = await office(browser, 'karin.bos');
  const findings: Finding[] = [];
  const screens: string[] = [];
  for (const [path, screen] of [
    ['/', 'Sociale kaart (beheer)'],
    ['/toegangslog', 'Toegangslog'],
    ['/toestellen', 'Toestellen (beheer)'],
    ['/documenten', 'Documenten (beheer)'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
    screens.push(screen);
    await audit(page, screen, findings);
  }
  await context.close();
  report('beheerder', screens, findings);
});
