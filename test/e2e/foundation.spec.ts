import { expect, test } from '@playwright/test';
import { demoCaseloadSize, logIn, setUpPin, workerOnNewDevice } from './helpers';

test('a wrong password is refused with a clear Dutch message', async ({ page }) => {
  await logIn(page, 'sanne.devries', 'verkeerd-wachtwoord');
  await expect(page.getByRole('alert')).toHaveText('Gebruikersnaam of wachtwoord onjuist.');
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toHaveCount(0);
});

test('a jeugdbeschermer logs in, sets a PIN and sees Mijn caseload with the three norm states', async ({
  page,
}) => {
  await workerOnNewDevice(page, 'lotte.bakker');
  // After the first sync: every child the demo gave her, whatever the day.
  const cards = page.getByTestId('caseload').locator('.case-card');
  await expect(cards).toHaveCount(demoCaseloadSize('lotte.bakker'));
  const first = cards.first();
  await expect(first.getByText('Vaste jeugdbeschermer')).toBeVisible();
  await expect(first.getByText('Koers')).toBeVisible();
  await expect(first.getByText('Passende hulp')).toBeVisible();
  // Sorted by urgency: the first child has a norm that is late.
  await expect(first.locator('[data-state="te-laat"]').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/caseload-390x844.png' });

  // The case file opens from the list.
  const name = await first.locator('.case-card-name').textContent();
  await first.getByRole('button').click();
  await expect(page.getByRole('heading', { name: name ?? '' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Maatregelen en beschikkingen' })).toBeVisible();
  expect(page.url()).not.toContain(name ?? '');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
});

test('a PIN must be 6 to 12 digits, not easily guessed, and typed the same twice', async ({ page }) => {
  await logIn(page, 'joris.vandam');
  const pin = page.getByLabel('Nieuwe pincode');
  const refused = async (typed: string, message: string) => {
    await pin.fill(typed);
    await page.getByLabel('Herhaal de pincode').fill(typed);
    await page.getByRole('button', { name: 'Pincode instellen' }).click();
    await expect(page.getByRole('alert')).toHaveText(message);
    // Next to the field: the field points at the message.
    await expect(pin).toHaveAttribute('aria-describedby', 'pin-error');
    await expect(pin).toHaveAttribute('aria-invalid', 'true');
  };
  await refused('123', 'De pincode moet uit 6 tot 12 cijfers bestaan.');
  await refused('13579', 'De pincode moet uit 6 tot 12 cijfers bestaan.');
  await refused('777777', 'Kies een pincode die niet uit steeds hetzelfde cijfer bestaat (zoals 111111).');
  await refused('456789', 'Kies geen oplopende of aflopende reeks (zoals 123456 of 654321).');
  await refused('121212', 'Kies geen herhaald patroon (zoals 121212 of 123123).');
  await refused('250385', 'Kies geen datum (zoals een geboortedatum, of een maand met jaartal).');
  await refused('14031988', 'Kies geen datum (zoals een geboortedatum, of een maand met jaartal).');
  await pin.fill('135792');
  await page.getByLabel('Herhaal de pincode').fill('135790');
  await page.getByRole('button', { name: 'Pincode instellen' }).click();
  await expect(page.getByRole('alert')).toHaveText('De twee pincodes zijn niet gelijk.');
  await setUpPin(page, '135792');
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
});

test('a team lead lands on the team and support staff on the referral desk', async ({ page }) => {
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await expect(page.getByTestId('team').locator(':scope > li')).toHaveCount(4);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();

  await logIn(page, 'noor.jansen');
  await expect(page.getByRole('heading', { name: 'Verwijsbalie' })).toBeVisible();
  await expect(page.getByTestId('desk').locator('li').first()).toBeVisible();
});

test('the app is installable: a Dutch manifest and an active service worker that caches no API answers', async ({
  page,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await page.request.get(href as string)).json();
  expect(manifest).toMatchObject({ lang: 'nl', display: 'standalone', start_url: '/' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );

  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.active?.state;
      }),
    )
    .toBe('activated');

  await logIn(page, 'eva.smit');
  await setUpPin(page);
  await expect(page.getByRole('heading', { name: 'Mijn caseload' })).toBeVisible();
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain('/index.html');
  expect(cached.filter((u) => u.startsWith('/trpc'))).toEqual([]);
});
