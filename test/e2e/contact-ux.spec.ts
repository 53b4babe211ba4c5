/**
 * Contact vastleggen as a new user meets it, at phone size (390×844): bad
 * input answered in view (summary at the top with the focus, a message beside
 * each field), nothing cut, "Contact opgeslagen" with the new contact shown,
 * an unfinished draft named on the case file, the moment as one tab stop, and
 * the form as a sheet over a case file that stays drawn. Each test has its own
 * demo worker and works offline after the first sync (nothing else changes the file).
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openNthCase, workerOnNewDevice } from './helpers';

const sheet = (page: Page) => page.getByRole('dialog', { name: /^Contact met|^Aanvulling op contact/ });

async function openSheet(page: Page) {
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await expect(sheet(page).getByLabel('Verslag')).toBeVisible();
}

/** The element's box lies within the 844 px high screen. */
async function expectInView(locator: Locator) {
  await expect(locator).toBeInViewport();
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    // The tests measure what a user sees; no animation makes them flaky.
    document.documentElement.style.scrollBehavior = 'auto';
  });
});

test('bad input is answered in view: a summary at the top takes the focus and links to each field, a message beside it', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'lotte.bakker');
  await context.setOffline(true);
  await openNthCase(page);
  await openSheet(page);
  const form = sheet(page);

  // An empty report: the summary appears at the top, in view, with the focus.
  await form.getByRole('button', { name: 'Opslaan' }).click();
  const summary = form.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expectInView(summary);
  await expect(summary).toContainText('Schrijf een kort verslag.');
  const report = form.getByLabel('Verslag');
  await expect(report).toHaveAttribute('aria-invalid', 'true');
  const message = form.locator('#contact-report-error');
  await expect(message).toHaveText('Schrijf een kort verslag.');
  await expect(report).toHaveAttribute('aria-describedby', /contact-report-error/);
  // The link in the summary takes the user to the field.
  await summary.getByRole('link', { name: 'Schrijf een kort verslag.' }).click();
  await expect(report).toBeFocused();
  await expectInView(report);

  // A moment in the future: said at the top and beside the date field.
  await form.getByRole('button', { name: /^Wanneer/ }).click();
  const when = form.getByLabel('Wanneer');
  await expect(when).toBeFocused();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await when.fill(
    `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T10:00`,
  );
  await report.fill('Huisbezoek, alles besproken.');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(summary).toBeFocused();
  await expectInView(summary);
  await expect(summary).toContainText('Het tijdstip ligt in de toekomst.');
  await expect(summary).not.toContainText('Schrijf een kort verslag.');
  await expect(when).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#contact-when-error')).toHaveText('Het tijdstip ligt in de toekomst.');
  // Nothing was saved.
  await expect(page).toHaveURL(/\/contact$/);
});

test('nothing is cut: a report and a name past their limits keep every character, a counter says how many too many, and saving is refused', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'fatima.yilmaz');
  await context.setOffline(true);
  await openNthCase(page);
  await openSheet(page);
  const form = sheet(page);
  const report = form.getByLabel('Verslag');
  const long = `${'Lang verslag van het huisbezoek. '.repeat(679)}`.slice(0, 22_400);
  await report.fill(long);
  await expect(report).toHaveValue(long);
  await expect(form.locator('#contact-report-count')).toHaveText(
    '2400 tekens te veel: maak de tekst korter (maximaal 20000).',
  );
  const other = form.getByLabel('Iemand anders (naam en rol)');
  const name = `Buurvrouw ${'die ook oppast en veel weet van het gezin '.repeat(4)}`;
  await other.fill(name);
  await expect(other).toHaveValue(name);
  expect(name.length).toBeGreaterThan(120);

  await form.getByRole('button', { name: 'Opslaan' }).click();
  const summary = form.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('2400 tekens te veel');
  await expect(summary).toContainText(`${name.trim().length - 120} tekens te veel`);
  await expect(page).toHaveURL(/\/contact$/);
  // Shortened by the user, it saves, whole.
  const fits = long.slice(0, 20_000).trim();
  await report.fill(fits);
  await expect(form.locator('#contact-report-count')).toContainText('tekens over');
  await other.fill('Buurvrouw (oppas)');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact opgeslagen' })).toBeVisible();
  const entry = page.getByTestId('timeline').locator('.just-saved');
  await expect(entry.locator('.report')).toHaveText(fits);
});

test('after a save: "Contact opgeslagen", the new contact in view with the focus; the case file stayed drawn under the sheet', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'bas.meijer');
  await context.setOffline(true);
  const { name } = await openNthCase(page);
  // Scrolled down the file first, as a user reading it would.
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    (document.querySelector('.case-file') as HTMLElement & { __same?: boolean }).__same = true;
  });
  const trigger = page.getByRole('link', { name: 'Contact vastleggen' });
  await trigger.click();
  // A sheet: a dialog named after the child, the focus on its heading, its own URL; the file under it.
  const form = sheet(page);
  await expect(form).toBeVisible();
  await expect(form.getByRole('heading', { name: `Contact met ${name.split(' ')[0]}` })).toBeFocused();
  await expect(page).toHaveURL(/\/dossier\/[^/]+\/contact$/);
  const report = `Huisbezoek ${Date.now()}: afspraken over school gemaakt.`;
  await form.getByLabel('Verslag').fill(report);
  await form.getByRole('button', { name: 'Opslaan' }).click();

  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\/dossier\/[^/]+$/);
  await expect(page.getByRole('status').filter({ hasText: 'Contact opgeslagen' })).toBeVisible();
  const entry = page.getByTestId('timeline').locator('li', { hasText: report });
  await expect(entry).toBeFocused();
  await expect(entry).toHaveClass(/just-saved/);
  await expectInView(entry);
  // The same case file element: not unmounted and drawn again for the sheet or the save.
  expect(
    await page.evaluate(
      () => (document.querySelector('.case-file') as HTMLElement & { __same?: boolean }).__same,
    ),
  ).toBe(true);

  // An addendum: the same sheet, and the addendum is shown under its original.
  await entry.getByRole('link', { name: 'Aanvulling schrijven' }).click();
  const amend = page.getByRole('dialog', { name: 'Aanvulling op contact' });
  await expect(amend.getByRole('heading', { name: 'Aanvulling op contact' })).toBeFocused();
  await amend.getByLabel('Aanvulling of correctie').fill('Ook de mentor gebeld.');
  await amend.getByRole('button', { name: 'Opslaan' }).click();
  await expect(amend).toBeHidden();
  const addendum = entry.locator('.amendment.just-saved');
  await expect(addendum).toContainText('Ook de mentor gebeld.');
  await expect(addendum).toBeFocused();
});

test('the sheet closes with Escape (asking first when something was typed), gives the focus back, and the case file names the unfinished draft', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'eva.smit');
  await context.setOffline(true);
  await openNthCase(page);
  const trigger = page.getByRole('link', { name: 'Contact vastleggen' });
  await expect(page.getByTestId('contact-draft-notice')).toHaveCount(0);

  // Nothing typed: Escape closes at once, the focus is back on the link that opened it.
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(sheet(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet(page)).toBeHidden();
  await expect(trigger).toBeFocused();

  // Typed: Escape asks; staying keeps the sheet; leaving closes it, and the draft is named on the file.
  await trigger.click();
  const text = `Half verslag ${Date.now()}`;
  await sheet(page).getByLabel('Verslag').fill(text);
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Blijven en verder werken' }).click();
  await expect(sheet(page).getByLabel('Verslag')).toHaveValue(text);
  await page.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Pagina verlaten' }).click();
  await expect(sheet(page)).toBeHidden();
  await expect(trigger).toBeFocused();
  const notice = page.getByTestId('contact-draft-notice');
  await expect(notice).toContainText(/^Er is een concept-contact van \d+ \w+/);
  await notice.getByRole('link', { name: 'Verder schrijven' }).click();
  await expect(sheet(page).getByLabel('Verslag')).toHaveValue(text);
  // Browser back closes the sheet too (it has its own URL).
  await page.goBack();
  await expect(sheet(page)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('from the contact type to the report the moment is one tab stop, and so is the optional next appointment', async ({
  page,
  context,
}) => {
  await workerOnNewDevice(page, 'kevin.tromp');
  await context.setOffline(true);
  await openNthCase(page);
  await openSheet(page);
  const form = sheet(page);
  const people = await form.locator('fieldset.checks input[type="checkbox"]').count();
  await form.getByRole('radio', { name: 'Huisbezoek' }).focus();
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return e.id || e.getAttribute('type') || e.tagName;
    });
    stops.push(at);
    if (at === 'contact-report') break;
  }
  // The moment, each person, "iemand anders", the child seen, the next appointment, the report.
  expect(stops).toEqual([
    'contact-when',
    ...Array(people).fill('checkbox'),
    'contact-presentOther',
    'checkbox',
    'button',
    'contact-report',
  ]);
  // The moment can still be changed: the button opens the browser's date-time field.
  await form.getByRole('button', { name: /^Wanneer/ }).click();
  await expect(form.getByLabel('Wanneer')).toBeFocused();
});

test('the help request form answers bad input the same way, and cuts nothing', async ({ page }) => {
  // Online: the help screen is a chunk of its own (offline it comes from the service worker).
  await workerOnNewDevice(page, 'joris.vandam');
  await openNthCase(page);
  await page.getByRole('link', { name: 'Hulp aanvragen' }).click();
  await expect(page.getByRole('heading', { name: /^Hulp aanvragen voor/ })).toBeVisible();
  const need = page.getByLabel('Waarom is deze hulp nodig?');
  const long = 'Het gezin vraagt om steun bij de opvoeding. '.repeat(100).slice(0, 4_050);
  await need.fill(long);
  await expect(need).toHaveValue(long);
  await expect(page.locator('#help-need-count')).toHaveText(
    '50 tekens te veel: maak de tekst korter (maximaal 4000).',
  );
  await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary).toContainText('50 tekens te veel');
  await expect(need).toHaveAttribute('aria-invalid', 'true');
  await expect(need).toHaveAttribute('aria-describedby', /help-need-error/);
  await expect(page.locator('#help-need-error')).toContainText('50 tekens te veel');
  await summary.getByRole('link', { name: /50 tekens te veel/ }).click();
  await expect(need).toBeFocused();
});
