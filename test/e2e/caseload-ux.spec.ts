/**
 * Mijn caseload for a new user, at 390×844 (issue 19, jeugdbeschermer 6–8, "everywhere"): the search
 * finds a measure, a year and a zaaknummer and has a visible label; stand-in cases are marked and kept
 * apart; no "0 kinderen" while the first sync runs; a card is a list item with a heading button;
 * focus goes to the new page's heading; the team lead's tabs all fit and stay on a case file.
 *
 * A server of its own: a stand-in changes who holds which case, which the other specs must not see.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { buildDemoData } from '../../server/seed/demo';
import { dutchToday } from '../../shared/rules/dates';
import { currentMeasureFirst } from '../../shared/rules/norms';
import { demoCaseloadSize, dutchDay, expectAllSynced, logIn, setUpPin, shownDay } from './helpers';
import { ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(21));

test.use({ baseURL: server.base });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await server.start();
});

test.afterAll(async () => {
  await server.dispose();
});

const demo = () => buildDemoData(dutchToday());
const userId = (username: string) => {
  const user = demo().users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.id as string;
};

/** Every moment "0 kinderen" (not "10 kinderen") is on the page is recorded, from the first paint on. */
async function watchForZeroCount(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { zeroCountSeen: boolean };
    w.zeroCountSeen = false;
    const check = () => {
      if (/(^|[^\d])0 kinderen/.test(document.body?.textContent ?? '')) w.zeroCountSeen = true;
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const cards = (page: Page) => page.getByTestId('caseload').locator('.case-card');
const cardIds = (page: Page) =>
  cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id') ?? ''));

test('search finds a measure, a year of birth and a zaaknummer; the field has a visible label and hint', async ({
  page,
  context,
}) => {
  await watchForZeroCount(context);
  await logIn(page, 'sanne.devries');
  await setUpPin(page);
  // During the first sync: the first-sync state, never an empty count.
  await expect(page.getByRole('heading', { name: 'Mijn caseload', level: 1 })).toBeVisible();
  await expectAllSynced(page);
  await expect(cards(page)).toHaveCount(demoCaseloadSize('sanne.devries'));
  await expect(page.getByText(`${demoCaseloadSize('sanne.devries')} kinderen`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { zeroCountSeen: boolean }).zeroCountSeen)).toBe(
    false,
  );

  // A visible label and a hint that fits the phone's width, no cut-off placeholder.
  const search = page.getByLabel('Zoeken');
  await expect(search).toBeVisible();
  await expect(search).not.toHaveAttribute('placeholder');
  const hint = page.locator('#caseload-search-hint');
  await expect(search).toHaveAttribute('aria-describedby', 'caseload-search-hint');
  await expect(hint).toContainText('maatregel');
  const box = await hint.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  expect(await hint.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

  // The measure: typing a card's measure shows exactly the cards with that measure.
  const all = await cardIds(page);
  const tags = await cards(page).evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-case-id') ?? '', e.querySelector('.tag')?.textContent ?? '']),
  );
  for (const word of ['Voogdij', 'OTS', 'Jeugdreclassering']) {
    const expected = tags
      .filter(([, tag]) => tag?.toLowerCase().includes(word.toLowerCase()))
      .map(([id]) => id);
    await search.fill(word.toLowerCase());
    if (expected.length === 0)
      await expect(page.getByText('Geen kind gevonden met deze zoekterm.')).toBeVisible();
    else await expect.poll(() => cardIds(page)).toEqual(all.filter((id) => expected.includes(id)));
  }

  // A year of birth: the child is found, and the card says why.
  const data = demo();
  const caseId = all[0] as string;
  const theCase = data.cases.find((c) => c.id === caseId);
  const child = data.jeugdigen.find((j) => j.id === theCase?.jeugdigeId);
  const year = String(child?.birthDate).slice(0, 4);
  await search.fill(year);
  const found = cards(page).and(page.locator(`[data-case-id="${caseId}"]`));
  await expect(found.getByTestId('search-match')).toHaveText(
    `Geboren ${shownDay(child?.birthDate as string)}`,
  );
  // Every card found names the year it was found by (birth or ruling).
  for (const match of await cards(page).getByTestId('search-match').allTextContents())
    expect(match).toContain(year);

  // A zaaknummer, in part: the court's number of the case's measure.
  const measure = data.maatregelen.filter((m) => m.caseId === caseId).sort(currentMeasureFirst)[0];
  const zaaknummer = String(measure?.zaaknummer);
  const number = zaaknummer.split(' / ')[0] as string;
  expect(number).toMatch(/^C\/09\/\d{6}$/);
  await search.fill(number);
  await expect.poll(() => cardIds(page)).toEqual([caseId]);
  await expect(found.getByTestId('search-match')).toHaveText(`Zaaknummer ${zaaknummer}`);

  await search.fill('');
  await expect(cards(page)).toHaveCount(all.length);
});

test('a case card is a list item whose heading holds the one button; nothing interactive holds a list', async ({
  page,
}) => {
  await logIn(page, 'lotte.bakker');
  await setUpPin(page);
  await expectAllSynced(page);
  const first = cards(page).first();
  await expect(first).toBeVisible();
  // No block content (lists, paragraphs) inside a button anywhere in the list.
  await expect(page.getByTestId('caseload').locator('button :is(ul, ol, li, p, div)')).toHaveCount(0);
  // The button is the child's name, inside the card's heading; the norms are a list beside it.
  const name = (await first.locator('.case-card-name').textContent())?.trim() ?? '';
  await expect(first.getByRole('heading', { level: 2 }).getByRole('button')).toHaveAccessibleName(name);
  await expect(first.getByRole('button')).toHaveCount(1);
  await expect(first.getByRole('list', { name: 'Normen' })).toBeVisible();
  // The whole card is the target: a tap on the norms opens the case file too.
  // (The button's area lies over the card: a real tap there reaches it.)
  await first.getByRole('list').click({ force: true });
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
});

test("stand-in cases are marked with for whom and until when, and listed apart from one's own", async ({
  browser,
}) => {
  const until = dutchDay(14);
  // The team lead arranges: Mohamed stands in for Joris for two weeks, from today.
  const lead = await browser.newContext({ baseURL: server.base });
  const leadPage = await lead.newPage();
  await logIn(leadPage, 'ingrid.visser');
  await expect(leadPage.getByRole('navigation', { name: /team/i })).toBeVisible();
  const started = await lead.request.post(`${server.base}/trpc/waitingList.startStandIn`, {
    data: {
      absentUserId: userId('joris.vandam'),
      standInUserId: userId('mohamed.elamrani'),
      from: dutchDay(0),
      until,
    },
  });
  expect(started.ok(), await started.text()).toBe(true);
  await lead.close();

  const phone = await browser.newContext({ baseURL: server.base, viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await logIn(page, 'mohamed.elamrani');
  await setUpPin(page);
  await expectAllSynced(page);
  const own = demoCaseloadSize('mohamed.elamrani');
  const theirs = demoCaseloadSize('joris.vandam');
  await expect(cards(page)).toHaveCount(own + theirs);
  await expect(
    page.getByText(`${own + theirs} kinderen: ${own} eigen, ${theirs} in waarneming`),
  ).toBeVisible();

  // Two lists under their own headings; each stand-in card says for whom and until when.
  await expect(page.getByRole('heading', { name: `Eigen zaken (${own})`, level: 2 })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Waarneming (${theirs})`, level: 2 })).toBeVisible();
  const standIns = page.getByTestId('caseload-standin-list').locator('.case-card');
  await expect(standIns).toHaveCount(theirs);
  for (const text of await standIns.getByTestId('stand-in').allTextContents()) {
    expect(text).toBe(`Waarneming voor Joris van Dam, tot en met ${shownDay(until)}`);
  }
  await expect(page.getByTestId('caseload-own-list').getByTestId('stand-in')).toHaveCount(0);

  // The filter: only the stand-in cases, only one's own, all.
  const which = page.getByTestId('caseload-which');
  await which.getByText(`Waarneming (${theirs})`).click();
  await expect(cards(page)).toHaveCount(theirs);
  await expect(page.getByTestId('caseload-own-list')).toHaveCount(0);
  await which.getByText(`Eigen zaken (${own})`).click();
  await expect(cards(page)).toHaveCount(own);
  await expect(page.getByTestId('stand-in')).toHaveCount(0);
  await which.getByText(`Alle (${own + theirs})`).click();
  await expect(cards(page)).toHaveCount(own + theirs);
  await page.screenshot({ path: 'test-results/caseload-stand-in-390x844.png' });
  await phone.close();
});

test('focus goes to the new page heading on a route change, in the field app and the office', async ({
  page,
  browser,
}) => {
  await logIn(page, 'joris.vandam');
  await setUpPin(page);
  await expectAllSynced(page);
  // After signing in and the PIN, the caseload's heading has the focus.
  await expect(page.getByRole('heading', { name: 'Mijn caseload', level: 1 })).toBeFocused();
  const first = cards(page).first();
  const name = (await first.locator('.case-card-name').textContent())?.trim() ?? '';
  await first.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeFocused();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Mijn caseload', level: 1 })).toBeFocused();
  // The keyboard goes on from the heading, into the page.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Zoeken')).toBeFocused();

  const office = await browser.newContext({ baseURL: server.base, viewport: { width: 390, height: 844 } });
  const lead = await office.newPage();
  await logIn(lead, 'ingrid.visser');
  const tabs = lead.getByRole('navigation', { name: /team/i });
  await tabs.getByRole('link', { name: 'Normen' }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toBeFocused();
  await tabs.getByRole('link', { name: 'Toestellen' }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toBeFocused();
  // A fresh load with a session keeps the browser's start: nothing is focused for the user.
  await lead.reload();
  await expect(lead.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await lead.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  await office.close();
});

test("every team lead tab is on screen at 390 px, and the tabs stay on a child's case file", async ({
  page,
}) => {
  await logIn(page, 'ingrid.visser');
  const tabs = page.getByRole('navigation', { name: /team/i });
  const names = ['Team', 'Instroom', 'Wachtlijst', 'Normen', 'Toestellen'];
  const inView = async () => {
    for (const tab of await tabs.getByRole('link').all()) {
      const box = await tab.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
  };
  await expect(tabs.getByRole('link')).toHaveText(names);
  await inView();
  // A case file from the team's list: the tabs are still there, every one of them reachable.
  const card = page.getByTestId('team-cases').locator('.case-card').first();
  const name = (await card.locator('.case-card-name').textContent())?.trim() ?? '';
  await card.getByRole('button').click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(tabs.getByRole('link')).toHaveText(names);
  await inView();
  await tabs.getByRole('link', { name: 'Toestellen' }).click();
  await expect(page).toHaveURL(/\/team\/toestellen$/);
});
