/**
 * The office screens after need-to-know (README, "Need-to-know per role"), in the browser at phone
 * width: a support worker and a team lead work through their screens and never ask for the bulk
 * pull; the desk holds children with an open request, so a step that closes one takes the
 * support worker back to the queue, which says the request left the desk.
 */
import { expect, type Page, test } from '@playwright/test';
import { logIn } from './helpers';

/** Every tRPC procedure the page calls, by name (batched calls included). */
function watchCalls(page: Page): string[] {
  const called: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/trpc/')) called.push(...pathname.slice('/trpc/'.length).split(','));
  });
  return called;
}

test('a support worker closes a request at the desk: back to the queue, told it left the desk, no pull', async ({
  page,
}) => {
  const called = watchCalls(page);
  await logIn(page, 'noor.jansen');
  await expect(page.getByRole('heading', { name: 'Verwijsbalie', level: 1 })).toBeVisible();
  const first = page.getByTestId('desk').locator('li').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole('heading', { name: 'Volgende stap' })).toBeVisible();
  const child = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';

  await page.getByRole('button', { name: 'Intrekken', exact: true }).click();
  await page.getByLabel(/Antwoord of toelichting/).fill('Gezin wil deze hulp niet meer.');
  await page.getByRole('button', { name: 'Intrekken: vastleggen' }).click();

  await expect(page).toHaveURL(/\/verwijsdesk$/);
  const notice = page.getByRole('status').filter({ hasText: 'staat niet meer op de verwijsdesk' });
  await expect(notice).toContainText(child);
  await expect(page.getByText('U heeft geen toegang tot deze aanvraag')).toHaveCount(0);
  expect(called).toContain('verwijzingen.step');
  expect(called.filter((p) => p === 'sync.pull' || p === 'cases.file')).toEqual([]);
});

test('a team lead opens a team case on line, with the network, and never asks for the bulk pull', async ({
  page,
}) => {
  const called = watchCalls(page);
  await logIn(page, 'ingrid.visser');
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  await page.getByTestId('team-cases').locator('li.case-card').first().getByRole('button').click();
  await expect(page).toHaveURL(/\/dossier\//);
  await expect(page.getByRole('heading', { name: 'Gezin en netwerk' })).toBeVisible();
  expect(called).toContain('cases.file');
  expect(called).not.toContain('sync.pull');
});
