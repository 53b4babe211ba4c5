/**
 * A measure's life through the screens: the team lead registers an extension
 * on the online case file (a wrong end date first: the error sits next to the
 * field), the jeugdbeschermer registers an ending from the phone's case file.
 * The case closes, leaves the phone's caseload and the team's balance; the
 * phone shows the extended measure offline. Works on whatever day the demo was
 * seeded: the cases are chosen by what they are (a running OTS, a case with one
 * running measure), never by a name that may repeat.
 */
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { logIn, workerOnNewDevice } from './helpers';

const dutchToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** As the app shows a day (formatDay): '2027-03-05' → '5 mrt 2027'. */
const shown = (day: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));

async function phoneOf(browser: Browser, username: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const page = await context.newPage();
  await workerOnNewDevice(page, username);
  return { context, page };
}

const names = (cards: Locator) => cards.locator('.case-card-name').allTextContents();
const once = (all: string[]) => all.filter((n) => all.indexOf(n) === all.lastIndexOf(n));

/** Sanne's figure on the team screen: "{n} kinderen, gewogen …". */
async function childrenOf(page: Page, worker: string): Promise<number> {
  const card = page.getByTestId('team').locator('li.worker-balance', { hasText: worker });
  const text = (await card.getByText(/\d+ kinderen, gewogen/).textContent()) ?? '';
  return Number(/(\d+) kinderen/.exec(text)?.[1]);
}

test('an extension on the online case file and an ending on the phone: the caseload, the balance and the phone follow', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const today = dutchToday();
  const phone = await phoneOf(browser, 'sanne.devries');
  const caseload = phone.page.getByTestId('caseload');
  const onPhone = await names(caseload);

  // ── The team lead extends a running OTS of Sanne's ──
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  const childrenBefore = await childrenOf(page, 'Sanne de Vries');
  const teamCases = page.getByTestId('team-cases');
  await expect(teamCases.locator('.case-card').first()).toBeVisible();
  const unique = once(await names(teamCases));
  const otsCards = teamCases
    .locator('.case-card')
    .filter({ has: page.locator('.tag', { hasText: /^OTS$/ }) })
    .filter({ hasNot: page.getByTestId('case-lapsed') });
  const candidates = (await names(otsCards)).filter((n) => unique.includes(n) && onPhone.includes(n));
  let extended: { name: string; end: string } | null = null;
  for (const name of candidates) {
    await teamCases.locator('.case-card', { hasText: name }).getByRole('button').click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const running = page.locator('[data-testid="measure"][data-state="lopend"][data-type="ots"]');
    if ((await running.count()) === 1) {
      const end = (await running.getAttribute('data-end-date')) ?? '';
      if (end > today) {
        extended = { name, end };
        break;
      }
    }
    await page.getByRole('link', { name: /Terug/ }).click();
  }
  if (!extended) throw new Error('geen lopende OTS van Sanne de Vries in de demo');
  const measure = page.locator('[data-testid="measure"][data-state="lopend"][data-type="ots"]');
  await measure.getByRole('button', { name: 'Uitspraak registreren' }).click();
  await expect(page.getByRole('heading', { name: 'Uitspraak registreren: OTS' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Verlenging' })).toBeChecked();
  await page.getByLabel('Datum van de uitspraak').fill(today);
  // A new end date before the ruling: refused next to the field, nothing sent.
  await page.getByLabel('Nieuwe einddatum').fill(plusDays(today, -1));
  await page.getByRole('button', { name: 'Registreren' }).click();
  const endField = page.getByLabel('Nieuwe einddatum');
  await expect(endField).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.locator('.field-error', { hasText: 'De nieuwe einddatum ligt niet na de uitspraak.' }),
  ).toBeVisible();
  await expect(page.locator('.error-summary')).toBeFocused();
  const newEnd = plusDays(extended.end, 180);
  await endField.fill(newEnd);
  await page.getByRole('button', { name: 'Registreren' }).click();
  const confirmation = page.getByTestId('decision-done');
  await expect(confirmation).toContainText(
    `Verlenging geregistreerd: de maatregel loopt tot ${shown(newEnd)}.`,
  );
  await expect(confirmation).toBeFocused();
  await expect(measure).toHaveAttribute('data-end-date', newEnd);
  await expect(measure).toContainText(`Verlenging ${shown(today)}`);

  // ── Sanne ends a measure from the phone's case file (online) ──
  const phoneUnique = once(onPhone).filter((n) => n !== extended.name);
  let ended: string | null = null;
  for (const name of phoneUnique) {
    await caseload.locator('.case-card', { hasText: name }).getByRole('button').click();
    await expect(phone.page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const running = phone.page.locator('[data-testid="measure"][data-state="lopend"]');
    if ((await running.count()) === 1) {
      await running.getByRole('link', { name: 'Uitspraak registreren' }).click();
      ended = name;
      break;
    }
    await phone.page.getByRole('link', { name: /Terug/ }).click();
    await expect(phone.page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  }
  if (!ended) throw new Error('geen dossier met één lopende maatregel op de telefoon');
  await expect(phone.page.getByRole('heading', { name: /Uitspraak registreren/ })).toBeFocused();
  await phone.page.getByRole('radio', { name: 'Beëindiging' }).check();
  await expect(phone.page.getByLabel('Beëindigd per')).toHaveValue(today);
  await phone.page.getByLabel('Reden').selectOption({ label: 'doel bereikt' });
  await expect(phone.page.getByText('Dit is de laatste lopende maatregel')).toBeVisible();
  await phone.page.getByRole('button', { name: 'Registreren' }).click();
  const done = phone.page.getByRole('status').filter({ hasText: 'Beëindiging geregistreerd' });
  await expect(done).toContainText('Het dossier is afgesloten.');
  await phone.page.getByRole('link', { name: 'Mijn caseload' }).click();
  // The sync that followed the registration takes the closed case off the phone.
  await expect.poll(() => names(caseload), { timeout: 30_000 }).not.toContain(ended);
  expect(await names(caseload)).toHaveLength(onPhone.length - 1);

  // The team lead's balance: one child fewer for Sanne.
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await page.reload();
  await expect.poll(() => childrenOf(page, 'Sanne de Vries')).toBe(childrenBefore - 1);
  expect(await names(page.getByTestId('team-cases'))).not.toContain(ended);

  // The extension reached the phone too, and shows without a connection.
  await phone.context.setOffline(true);
  await caseload.locator('.case-card', { hasText: extended.name }).getByRole('button').click();
  const onDevice = phone.page.locator('[data-testid="measure"][data-state="lopend"][data-type="ots"]');
  await expect(onDevice).toHaveAttribute('data-end-date', newEnd);
  await expect(onDevice).toContainText(`Verlenging ${shown(today)}`);
  await phone.context.close();
});
