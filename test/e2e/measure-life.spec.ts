/**
 * A measure's life through the screens: the team lead registers an extension
 * on the online case file (a wrong end date first: the error sits next to the
 * field), the jeugdbeschermer registers an ending from the phone's case file.
 * The case closes, leaves the phone's caseload and the team's balance; the
 * phone shows the extended measure offline. Works on whatever day the demo was
 * seeded: the cases are chosen by what they are (a running OTS, a case with one
 * running measure) and found by id, never by a name that may repeat.
 */
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { plusDays } from '../../shared/rules/dates';
import { caseCard, demoCaseloadSize, dutchDay, logIn, shownDay, workerOnNewDevice } from './helpers';

async function phoneOf(browser: Browser, username: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
  const page = await context.newPage();
  await workerOnNewDevice(page, username);
  return { context, page };
}

/** The case ids of case cards (a list's `.case-card`s, or a filtered set of them). */
const idsOf = async (cards: Locator) =>
  (await cards.evaluateAll((all) => all.map((c) => c.getAttribute('data-case-id')))).filter(
    (id): id is string => !!id,
  );
const caseIds = (list: Locator) => idsOf(list.locator('.case-card'));
const nameOf = async (card: Locator) => ((await card.locator('.case-card-name').textContent()) ?? '').trim();

/** A worker's figure on the team screen: "{n} kinderen, gewogen …". */
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
  const today = dutchDay(0);
  const phone = await phoneOf(browser, 'sanne.devries');
  const caseload = phone.page.getByTestId('caseload');
  await expect(caseload.locator('.case-card')).toHaveCount(demoCaseloadSize('sanne.devries'));
  const onPhone = await caseIds(caseload);

  // ── The team lead extends a running OTS of Sanne's ──
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  const childrenBefore = await childrenOf(page, 'Sanne de Vries');
  const teamCases = page.getByTestId('team-cases');
  await expect(teamCases.locator('.case-card').first()).toBeVisible();
  const otsCards = teamCases
    .locator('.case-card')
    .filter({ has: page.locator('.tag', { hasText: /^OTS$/ }) })
    .filter({ hasNot: page.getByTestId('case-lapsed') });
  const candidates = (await idsOf(otsCards)).filter((id) => onPhone.includes(id));
  const running = page.locator('[data-testid="measure"][data-state="lopend"][data-type="ots"]');
  let extended: { caseId: string; end: string } | null = null;
  for (const caseId of candidates) {
    const name = await nameOf(caseCard(teamCases, caseId));
    await caseCard(teamCases, caseId).getByRole('button').click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    if ((await running.count()) === 1) {
      const end = (await running.getAttribute('data-end-date')) ?? '';
      if (end > today) {
        extended = { caseId, end };
        break;
      }
    }
    await page.getByRole('link', { name: /Terug/ }).click();
  }
  if (!extended) throw new Error('geen lopende OTS van Sanne de Vries in de demo');
  await running.getByRole('button', { name: 'Uitspraak registreren' }).click();
  await expect(page.getByRole('heading', { name: 'Uitspraak registreren: OTS' })).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Verlenging' })).toBeChecked();
  await page.getByLabel('Datum van de uitspraak').fill(today);
  // A new end date before the ruling: refused next to the field, nothing sent.
  const endField = page.getByLabel('Nieuwe einddatum');
  await endField.fill(dutchDay(-1));
  await page.getByRole('button', { name: 'Registreren' }).click();
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
    `Verlenging geregistreerd: de maatregel loopt tot ${shownDay(newEnd)}.`,
  );
  await expect(confirmation).toBeFocused();
  await expect(running).toHaveAttribute('data-end-date', newEnd);
  await expect(running).toContainText(`Verlenging ${shownDay(today)}`);

  // ── Sanne ends a measure from the phone's case file (online) ──
  const phoneRunning = phone.page.locator('[data-testid="measure"][data-state="lopend"]');
  let ended: string | null = null;
  for (const caseId of onPhone.filter((id) => id !== extended.caseId)) {
    const name = await nameOf(caseCard(caseload, caseId));
    await caseCard(caseload, caseId).getByRole('button').click();
    await expect(phone.page.getByRole('heading', { name, level: 1 })).toBeVisible();
    if ((await phoneRunning.count()) === 1) {
      await phoneRunning.getByRole('link', { name: 'Uitspraak registreren' }).click();
      ended = caseId;
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
  await expect.poll(() => caseIds(caseload), { timeout: 30_000 }).not.toContain(ended);
  expect(await caseIds(caseload)).toHaveLength(onPhone.length - 1);

  // The team lead's balance: one child fewer for Sanne, and the case is off the team's list.
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await page.reload();
  await expect.poll(() => childrenOf(page, 'Sanne de Vries')).toBe(childrenBefore - 1);
  expect(await caseIds(page.getByTestId('team-cases'))).not.toContain(ended);

  // The extension reached the phone too, and shows without a connection.
  await phone.context.setOffline(true);
  await caseCard(caseload, extended.caseId).getByRole('button').click();
  const onDevice = phone.page.locator('[data-testid="measure"][data-state="lopend"][data-type="ots"]');
  await expect(onDevice).toHaveAttribute('data-end-date', newEnd);
  await expect(onDevice).toContainText(`Verlenging ${shownDay(today)}`);
  await phone.context.close();
});
