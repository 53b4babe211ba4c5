/**
 * The team lead's screens as a new user meets them at 390×844 (issue 19, Teamleider):
 * the case file says who carries the case and "Overdragen aan" leaves that worker out;
 * "Wat als" offers no source as target and answers every press; the intake shows its
 * format and takes files as Excel writes them; the intake form has its own messages and
 * the organisation's gemeenten; tables fit the phone; the balance and the waiting list
 * export as the norms lists do. Nothing here moves a case: the other specs' caseloads stay.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { caseCard, dutchDay, logIn, shownDay } from './helpers';

/** Chooses the option that names this worker (options also say how many children they have). */
async function pick(select: Locator, name: string) {
  await select.selectOption((await select.locator('option', { hasText: name }).getAttribute('value')) ?? '');
}

async function leadOnTeam(page: Page) {
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await expect(page.getByTestId('team')).toBeVisible();
}

/** A case Joris van Dam carries, from the balance's own list (by id: names may repeat). */
async function aCaseOfJoris(page: Page) {
  const joris = page.getByTestId('team').locator('li.worker-balance', { hasText: 'Joris van Dam' });
  await joris.getByText('Uitleg en dossiers').click();
  const first = joris.locator('.balance-cases input[type="checkbox"]').first();
  return { joris, caseId: (await first.getAttribute('value')) ?? '' };
}

test('the case file names who carries the case and a planned waarnemer; Overdragen aan leaves the current worker out', async ({
  page,
}) => {
  await leadOnTeam(page);
  const { caseId } = await aCaseOfJoris(page);
  expect(caseId).not.toBe('');

  // A waarnemer for Joris, far ahead: planned, so no phone changes today. Ended again below.
  const from = dutchDay(200);
  const until = dutchDay(202);
  await page.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  await pick(page.getByLabel('Afwezige jeugdbeschermer'), 'Joris van Dam');
  await pick(page.getByLabel('Waarnemer', { exact: true }), 'Sanne de Vries');
  await page.getByLabel('Van', { exact: true }).fill(from);
  await page.getByLabel('Tot en met').fill(until);
  await page.getByRole('button', { name: 'Waarneming regelen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Geregeld' })).toBeVisible();

  try {
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await caseCard(page.getByTestId('team-cases'), caseId).getByRole('button').click();
    const carriers = page.getByTestId('case-carriers');
    await expect(carriers).toBeVisible();
    await expect(carriers).toContainText('Vaste jeugdbeschermer');
    await expect(carriers).toContainText('Joris van Dam');
    await expect(carriers).toContainText('Waarnemer (gepland)');
    await expect(carriers).toContainText(`Sanne de Vries ${shownDay(from)} t/m ${shownDay(until)}`);
    // At the top: above the norms, in the first screenful.
    const box = await carriers.boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThan(844);

    const reassign = page.getByLabel('Overdragen aan');
    await expect(reassign.locator('option')).toHaveCount(4); // "Kies …" and the three others
    await expect(reassign.locator('option', { hasText: 'Joris van Dam' })).toHaveCount(0);
    await expect(page.getByText('Joris van Dam heeft dit dossier nu')).toBeVisible();
  } finally {
    await page.goto('/team/wachtlijst');
    const planned = page.locator('li', { hasText: 'Sanne de Vries neemt waar voor Joris van Dam' });
    await planned.getByRole('button', { name: 'Nu beëindigen' }).click();
    // The button opens the handover note (focused), then ending is confirmed.
    await expect(planned.getByLabel(/Overdrachtsnotitie/)).toBeFocused();
    await planned.getByRole('button', { name: 'Waarneming beëindigen' }).click();
    await expect(planned).toHaveCount(0);
  }
});

test('Wat als offers no source as target and answers every press of Verplaatsen', async ({ page }) => {
  await leadOnTeam(page);
  const move = page.getByRole('button', { name: 'Verplaatsen' });
  const alert = page.locator('.what-if').getByRole('alert');

  await move.click();
  await expect(alert).toHaveText('Kies eerst bij "Uitleg en dossiers" welke dossiers u wilt verplaatsen.');

  const target = page.getByLabel('Naar', { exact: true });
  await expect(target.locator('option', { hasText: 'Joris van Dam' })).toHaveCount(1);
  const { joris } = await aCaseOfJoris(page);
  await joris.locator('.balance-cases input[type="checkbox"]').first().check();
  await expect(target.locator('option', { hasText: 'Joris van Dam' })).toHaveCount(0);
  await expect(target.locator('option')).toHaveCount(4);

  await move.click();
  await expect(alert).toHaveText('Kies bij "Naar" de jeugdbeschermer die de dossiers krijgt.');

  // A target chosen first, then one of the target's own cases selected: the target is cleared, not kept.
  await target.selectOption({ label: 'Lotte Bakker' });
  const lotte = page.getByTestId('team').locator('li.worker-balance', { hasText: 'Lotte Bakker' });
  await lotte.getByText('Uitleg en dossiers').click();
  await lotte.locator('.balance-cases input[type="checkbox"]').first().check();
  await expect(target).toHaveValue('');
  await expect(target.locator('option', { hasText: 'Lotte Bakker' })).toHaveCount(0);
});

/** What sticks out past the phone's right edge (the tab bar scrolls on purpose), and scroll boxes without a keyboard stop. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('nav') && e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    const unreachable = [...document.querySelectorAll('main *')]
      .filter((e) => {
        if (e.closest('nav')) return false;
        const x = getComputedStyle(e).overflowX;
        return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
      })
      .filter((e) => e.getAttribute('tabindex') !== '0' || !e.getAttribute('aria-label'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { page: document.documentElement.scrollWidth > width, wide, unreachable };
  });
}

test('the norms, the balance, the intake and the waiting list fit 390 px: no sideways page, no unreachable scroll box', async ({
  page,
}) => {
  await leadOnTeam(page);
  // The balance with every explanation and the weights opened.
  for (const summary of await page.locator('main summary').all()) await summary.click();
  await expect(page.locator('.balance-cases').first()).toBeVisible();
  expect(await overflow(page)).toEqual({ page: false, wide: [], unreachable: [] });

  await page.getByRole('link', { name: 'Normen', exact: true }).click();
  await expect(page.getByTestId('norms-trend-table')).toBeVisible();
  await expect(page.getByTestId('norms-upcoming')).toBeVisible();
  expect(await overflow(page)).toEqual({ page: false, wide: [], unreachable: [] });
  // A stacked row still says what each figure is.
  const firstUpcoming = page.getByTestId('norms-upcoming').locator('tbody tr').first();
  await expect(firstUpcoming.locator('td').first()).toHaveAttribute('data-label', 'Termijn');
  // Per jeugdbeschermer: the table of every group as well.
  await page.getByRole('group', { name: 'Bekijk per' }).getByText('Jeugdbeschermer').click();
  await expect(page.getByTestId('norms-groups')).toBeVisible();
  expect(await overflow(page)).toEqual({ page: false, wide: [], unreachable: [] });

  await page.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Op de wachtlijst' })).toBeVisible();
  expect(await overflow(page)).toEqual({ page: false, wide: [], unreachable: [] });

  await page.getByRole('link', { name: 'Instroom', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instroom', level: 1 })).toBeVisible();
  expect(await overflow(page)).toEqual({ page: false, wide: [], unreachable: [] });
});

async function downloadsCsv(page: Page, button: Locator, name: RegExp, header: string) {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(name);
  const text = await readFile((await file.path()) as string, 'utf8');
  expect(text.startsWith(`\uFEFF${header}`)).toBe(true);
  expect(text).toContain('\r\n');
  return text;
}

test('the balance and the waiting list export as CSV, and say so', async ({ page }) => {
  await leadOnTeam(page);
  const balance = page.getByRole('button', { name: 'CSV downloaden: caseloadbalans met de uitleg per kind' });
  const text = await downloadsCsv(
    page,
    balance,
    /^caseload-balans-\d{4}-\d{2}-\d{2}\.csv$/,
    'Jeugdbeschermer;Fte',
  );
  expect(text).toContain('Joris van Dam');
  await expect(page.getByTestId('balance-export').getByRole('status')).toContainText('gedownload');

  await page.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  const waiting = page.getByRole('button', { name: 'CSV downloaden: wachtlijst' });
  await downloadsCsv(page, waiting, /^wachtlijst-\d{4}-\d{2}-\d{2}\.csv$/, 'Nr.;Jeugdige');
  await expect(page.getByTestId('waiting-export').getByRole('status')).toContainText('gedownload');
});

async function openIntake(page: Page) {
  await leadOnTeam(page);
  await page.getByRole('link', { name: 'Instroom', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instroom', level: 1 })).toBeVisible();
}

test('the intake shows an example for each column and reads a file as an English Excel writes it', async ({
  page,
}) => {
  await openIntake(page);
  const columns = page.getByLabel('Kolommen en wat erin hoort');
  await expect(columns.locator('div', { hasText: /^geboortedatum/ })).toContainText('Voorbeeld: 2013-05-01');
  await expect(columns.locator('div', { hasText: /^gemeente/ })).toContainText('Voorbeeld: 0503');

  // Windows-1252 (Excel's plain CSV), commas, dates as Excel shows them, CRLF, padding below.
  const stamp = String(Date.now()).slice(-6);
  const ruling = dutchDay(-1);
  const [y, m, d] = ruling.split('-').map(Number);
  const lines = [
    'clientnummer,zaaknummer,voornaam,achternaam,geboortedatum,gemeente,gezinsreferentie,maatregel,uitspraakdatum,rechtbank',
    `E2E-X${stamp},E2E/X/${stamp},Zoë,Excel${stamp},2-3-2014,503,E2E-X${stamp},ots,${d}-${m}-${y},Rechtbank Den Haag`,
    ',,,,,,,,,',
    '',
  ];
  const latin1 = Buffer.from(lines.join('\r\n'), 'latin1');
  await page
    .getByLabel('CSV-bestand')
    .setInputFiles({ name: 'instroom-excel.csv', mimeType: 'text/csv', buffer: latin1 });
  await expect(page.getByText('1 nieuw, 0 al bekend')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Voorbeeld van de import' })).toContainText(
    `Zoë Excel${stamp}`,
  );
});

test('the intake form answers with its own messages beside the fields and offers the gemeenten', async ({
  page,
}) => {
  await openIntake(page);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Registreren' }) });
  await form.getByRole('button', { name: 'Registreren' }).click();

  // The app's own summary, focused, instead of the browser's bubble.
  const summary = form.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Voornaam is verplicht.');
  await expect(summary).toContainText('Gemeente is verplicht.');
  const firstName = form.getByLabel('Voornaam');
  await expect(firstName).toHaveAttribute('aria-invalid', 'true');
  await expect(firstName).toHaveAccessibleDescription(/Voornaam is verplicht\./);
  expect(await form.evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
  await summary.getByRole('link', { name: 'Voornaam is verplicht.' }).click();
  await expect(firstName).toBeFocused();
  await firstName.fill('Noor');
  await expect(form.getByText('Voornaam is verplicht.')).toHaveCount(0);

  // The gemeente is chosen from the list the server gives, by its CBS code.
  const gemeente = form.getByLabel('Gemeente');
  await expect(gemeente.locator('option', { hasText: 'Delft' })).toHaveAttribute('value', '0503');
  await expect(gemeente.locator('option', { hasText: 'Rotterdam' })).toHaveAttribute('value', '0599');
  await gemeente.selectOption('0503');
  await expect(form.getByText('Gemeente is verplicht.')).toHaveCount(0);
});
