/**
 * Signing in at the identity provider with the app installed (issue 16,
 * point 15): with the service worker controlling the page, the button and the
 * provider's callback reach the server, not the cached app shell. A real
 * provider (oidc-provider, test/helpers/oidc-provider.ts) runs in this test
 * process; the app is this spec's own server, configured for it.
 */
import { expect, type Page, test } from '@playwright/test';
import { e2ePort } from '../../playwright.config';
import { OIDC_CLIENT, startOidcProvider, type TestProvider } from '../helpers/oidc-provider';
import { ServerProcess } from './server-process';

const server = new ServerProcess(e2ePort(3));
const SUBJECT = 'sub-ingrid-visser';
let idp: TestProvider | null = null;

test.use({ baseURL: server.base });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  idp = await startOidcProvider({ redirectUris: [`${server.base}/auth/oidc/callback`] });
  server.env = {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
    OIDC_LABEL: 'Inloggen via Entree',
  };
  await server.start();
  // The team lead is known at the provider (query() restarts the server after).
  await server.query('update users set oidc_issuer = $1, oidc_subject = $2 where username = $3', [
    idp.issuer,
    SUBJECT,
    'ingrid.visser',
  ]);
});

test.afterAll(async () => {
  await server.dispose();
  await idp?.close();
});

/** Opens the app until its service worker is active and controls the page, as an installed app. */
async function installed(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Inloggen via Entree' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
      timeout: 30_000,
    })
    .toBe('activated');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Inloggen via Entree' })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('signs in at the provider with the service worker in control', async ({ page }) => {
  test.setTimeout(120_000);
  await installed(page);

  await page.getByRole('link', { name: 'Inloggen via Entree' }).click();
  // The provider's own sign-in page (its development interactions), not the app shell.
  await expect(page.getByRole('heading', { name: 'Sign-in' })).toBeVisible({ timeout: 15_000 });
  expect(page.url().startsWith(idp?.issuer ?? '-')).toBe(true);
  await page.locator('input[name="login"]').fill(SUBJECT);
  await page.locator('input[name="password"]').fill('wat-dan-ook');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // Consent, then back to the app's callback, which the server answers with the session.
  await expect(page.getByRole('heading', { name: 'Authorize' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL(`${server.base}/`, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible({ timeout: 30_000 });
  const me = await page.evaluate(async () => {
    const res = await fetch('/trpc/auth.methods', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return (await res.json()).result.data.session as string | null;
  });
  expect(me).toBe('oidc');
});

test('leaves the API and the health check to the server in a navigation', async ({ page }) => {
  await installed(page);
  const health = await page.goto('/healthz');
  expect(await health?.text()).toContain('"ok":true');
  expect(health?.headers()['content-type']).toContain('application/json');
});
