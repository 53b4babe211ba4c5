/**
 * The koers screen as a jeugdbeschermer meets it on a phone (390×844): edits
 * kept as an encrypted draft and a question before they are left; the state,
 * its next step and who agreed at the top, and the right words after a status
 * change; texts over their limit counted and refused, never cut; a goal typed
 * twice and an evaluation date in the past refused beside the field; a small
 * "Doel n verwijderen" with undo. Each test revises another vastgestelde koers
 * of Kevin Tromp (one whose evaluation date has passed), picked by its case
 * from the demo data, so the tests do not disturb each other.
 */
import { expect, type Page, test } from '@playwright/test';
import { buildDemoData } from '../../server/seed/demo';
import { dutchToday } from '../../shared/rules/dates';
import { dutchDay, shownDay, unlock, workerOnNewDevice } from './helpers';

const WORKER = 'kevin.tromp';

/** Kevin's cases whose koers is vastgesteld with an evaluation date that has passed (the demo has several every day). */
function revisableCases(): { caseId: string; evaluationDate: string }[] {
  const today = dutchToday();
  const data = buildDemoData(today);
  const kevin = data.users.find((u) => u.username === WORKER);
  return data.caseAssignments
    .filter(
      (a) =>
        a.userId === kevin?.id &&
        a.role === 'vast' &&
        a.fromDate <= today &&
        (!a.untilDate || a.untilDate >= today),
    )
    .flatMap((a) => {
      const latest = data.koersen
        .filter((k) => k.caseId === a.caseId)
        .sort((x, y) => (y.version ?? 0) - (x.version ?? 0))[0];
      return latest?.status === 'vastgesteld' && latest.evaluationDate && latest.evaluationDate < today
        ? [{ caseId: a.caseId, evaluationDate: latest.evaluationDate }]
        : [];
    });
}

const cases = revisableCases();
const caseFor = (n: number) => {
  const found = cases[n];
  if (!found) throw new Error(`the demo has no ${n + 1}th revisable koers of ${WORKER}`);
  return found;
};

/** Opens the koers of a case as after a reload (the PIN first), and starts a revision of it. */
async function reviseKoers(page: Page, caseId: string) {
  await page.goto(`/dossier/${caseId}/koers`);
  await unlock(page);
  await expect(page.getByRole('heading', { name: /^Koers voor/ })).toBeVisible();
  await page.getByRole('button', { name: 'Herzien (nieuwe versie)' }).click();
  await expect(page.getByTestId('koers-status')).toHaveText('Concept');
}

const goalInputs = (page: Page) => page.getByRole('textbox', { name: /^Doel \d+$/ });

/** The drafts on the device, as IndexedDB holds them: their keys and whether their stored form shows `text`. */
function draftsOnDevice(page: Page, text: string) {
  return page.evaluate(
    (needle) =>
      new Promise<{ key: string; readable: boolean }[]>((resolve, reject) => {
        const open = indexedDB.open('jeugdbescherming');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = () => {
            open.result.close();
            const rows = all.result as { key: string; blob: { ct: Uint8Array } }[];
            resolve(
              rows.map((r) => ({
                key: r.key,
                readable: new TextDecoder('utf-8', { fatal: false }).decode(r.blob.ct).includes(needle),
              })),
            );
          };
        };
      }),
    text,
  );
}

const inView = async (page: Page, name: string | RegExp) => {
  const box = await page.getByText(name).first().boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= 844;
};

test.beforeAll(() => {
  expect(cases.length).toBeGreaterThanOrEqual(3);
});

test('a goal being typed is kept as an encrypted draft, leaving asks first, and a save clears the draft', async ({
  page,
}) => {
  await workerOnNewDevice(page, WORKER);
  const { caseId } = caseFor(0);
  await reviseKoers(page, caseId);
  const count = await goalInputs(page).count();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  const goal = `Elke ochtend op tijd op school ${Date.now()}`;
  await page.getByLabel(`Doel ${count + 1}`, { exact: true }).fill(goal);

  // "← Terug" with the goal unsaved: the app asks; staying keeps the goal.
  await page.getByRole('link', { name: /Terug/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Blijven en verder werken' }).click();
  await expect(page.getByLabel(`Doel ${count + 1}`, { exact: true })).toHaveValue(goal);

  // The draft is on the device, under this case, and encrypted: its stored bytes do not show the goal.
  await expect.poll(async () => (await draftsOnDevice(page, goal)).map((d) => d.key)).toHaveLength(1);
  const [draft] = await draftsOnDevice(page, goal);
  expect(draft?.key).toMatch(new RegExp(`^koers:${caseId}:`));
  expect(draft?.readable).toBe(false);

  // Leaving after all, then coming back: the goal is there again, with a note and a way to throw it away.
  await page.getByRole('link', { name: /Terug/ }).click();
  await dialog.getByRole('button', { name: 'Pagina verlaten' }).click();
  await expect(page.getByRole('link', { name: /^Koers \(versie/ })).toBeVisible();
  await page.getByRole('link', { name: /^Koers \(versie/ }).click();
  await expect(page.getByTestId('koers-draft')).toContainText(
    /Concept hersteld van \d+ \w+\.?,? \d\d:\d\d\./,
  );
  await expect(page.getByLabel(`Doel ${count + 1}`, { exact: true })).toHaveValue(goal);

  // Closing the app altogether (a reload to the PIN) loses nothing either.
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel(`Doel ${count + 1}`, { exact: true })).toHaveValue(goal);

  // Thrown away: the koers as saved, and no draft left.
  await page.getByRole('button', { name: 'Concept weggooien' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Concept weggegooid' })).toBeFocused();
  await expect(goalInputs(page)).toHaveCount(count);
  await expect.poll(async () => (await draftsOnDevice(page, goal)).length).toBe(0);

  // Typed again and saved: the draft goes with the save, and leaving asks nothing.
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel(`Doel ${count + 1}`, { exact: true }).fill(goal);
  await expect.poll(async () => (await draftsOnDevice(page, goal)).length).toBe(1);
  await page.getByRole('button', { name: /^Opslaan/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen op dit toestel.' })).toBeVisible();
  expect(await draftsOnDevice(page, goal)).toEqual([]);
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: /^Koers \(versie/ }).click();
  await expect(page.getByLabel(`Doel ${count + 1}`, { exact: true })).toHaveValue(goal);
  await expect(page.getByTestId('koers-draft')).toBeHidden();
});

test('the state, its next step and who agreed are at the top, and a status change says what it did', async ({
  page,
}) => {
  await workerOnNewDevice(page, WORKER);
  await reviseKoers(page, caseFor(1).caseId);
  const state = page.getByTestId('koers-state');
  // On the first screen, above the form: where the koers stands and what comes next.
  expect(await inView(page, 'Stand van de koers')).toBe(true);
  await expect(state).toContainText('Volgende stap: bespreek de koers met het gezin');

  await state.getByRole('button', { name: 'Ter afstemming met het gezin' }).click();
  const notice = state.getByRole('status');
  await expect(notice).toHaveText('Koers staat nu op: Ter afstemming met het gezin');
  await expect(notice).toBeFocused();
  expect(await inView(page, 'Koers staat nu op: Ter afstemming met het gezin')).toBe(true);
  await expect(page.getByText('Er is niets gewijzigd.')).toHaveCount(0);
  await expect(page.getByTestId('koers-status')).toHaveText('In afstemming');

  // Who agreed is asked at the top too; vaststellen without the family is refused in the summary.
  const gezin = state.getByRole('checkbox', { name: /^Gezin/ });
  expect(await inView(page, 'Wie is akkoord?')).toBe(true);
  await state.getByRole('button', { name: 'Koers vaststellen' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /Vink "Gezin" aan/ })).toBeVisible();
  await expect(gezin).toHaveAttribute('aria-invalid', 'true');

  await gezin.check();
  await state.getByRole('button', { name: 'Koers vaststellen' }).click();
  await expect(state.getByRole('status')).toHaveText('Koers staat nu op: Vastgesteld');
  await expect(state).toContainText('Akkoord: Gezin (ouders/gezaghebbers)');
  await expect(state.getByRole('button', { name: 'Herzien (nieuwe versie)' })).toBeVisible();
  expect(await inView(page, 'Koers staat nu op: Vastgesteld')).toBe(true);
});

test('limits, a goal typed twice, an evaluation date in the past, and removing a goal with undo', async ({
  page,
}) => {
  await workerOnNewDevice(page, WORKER);
  const { caseId, evaluationDate } = caseFor(2);
  await reviseKoers(page, caseId);

  // The revision did not inherit the evaluation date that has passed; the field says so.
  const evaluation = page.getByLabel('Evaluatiedatum');
  await expect(evaluation).toHaveValue('');
  await expect(evaluation).toHaveAccessibleDescription(
    `De evaluatiedatum van de vorige versie (${shownDay(evaluationDate)}) is voorbij en is niet overgenomen. Kies met het gezin een nieuwe datum.`,
  );

  // Two goals to work with, whatever the demo gave this koers.
  const count = await goalInputs(page).count();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  const first = page.getByLabel(`Doel ${count + 1}`, { exact: true });
  const second = page.getByLabel(`Doel ${count + 2}`, { exact: true });
  await first.fill('Rust in huis');
  await second.fill('  rust IN huis ');

  // An owner over 120 characters: counted, not cut.
  const owner = page.locator(`#koers-doelen-${count}-owner`);
  const longOwner = `Oma ${'en de buren '.repeat(11)}`.trim();
  expect(longOwner.length).toBeGreaterThan(120);
  await owner.fill(longOwner);
  await expect(owner).toHaveValue(longOwner);
  await expect(page.locator(`#koers-doelen-${count}-owner-count`)).toHaveText(
    `${longOwner.length - 120} tekens te veel: maak de tekst korter (maximaal 120).`,
  );
  await evaluation.fill(dutchDay(-3));

  await page.getByRole('button', { name: /^Opslaan/ }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Verbeter 3 punten:');
  await expect(second).toHaveAccessibleDescription(
    new RegExp(
      `Dit doel staat er al als doel ${count + 1}\\. Pas de tekst aan of verwijder een van beide\\.$`,
    ),
  );
  await expect(owner).toHaveAttribute('aria-invalid', 'true');
  await expect(evaluation).toHaveAccessibleDescription(
    /De evaluatiedatum ligt in het verleden\. Kies vandaag of een latere datum\.$/,
  );
  // A link in the summary brings the user to the field.
  await summary.getByRole('link', { name: new RegExp(`^Doel ${count + 2}: Dit doel staat er al`) }).click();
  await expect(second).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen op dit toestel.' })).toHaveCount(0);

  // "Doel n verwijderen" is a small action of its own goal, not a full-width button; undo brings it back.
  const remove = page.getByRole('button', { name: `Doel ${count + 2} verwijderen` });
  const removeBox = await remove.boundingBox();
  const goalBox = await page
    .locator('.goal')
    .nth(count + 1)
    .boundingBox();
  expect(removeBox && goalBox && removeBox.width < goalBox.width * 0.6).toBe(true);
  expect(removeBox && removeBox.height >= 44).toBe(true);
  await remove.click();
  await expect(page.getByText(`Doel ${count + 2} is verwijderd: rust IN huis`)).toBeVisible();
  await expect(goalInputs(page)).toHaveCount(count + 1);
  const undo = page.getByRole('button', { name: 'Ongedaan maken' });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(second).toHaveValue('  rust IN huis ');
  await expect(second).toBeFocused();

  // Fixed: the goal says something else, the owner is shorter, the date lies ahead. Then it saves.
  await second.fill('Naar school');
  await owner.fill('Oma');
  await evaluation.fill(dutchDay(120));
  await expect(summary).toBeHidden();
  await page.getByRole('button', { name: /^Opslaan/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen op dit toestel.' })).toBeVisible();
});
