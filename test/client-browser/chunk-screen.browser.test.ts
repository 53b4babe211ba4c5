/**
 * A screen in a chunk of its own (client/src/app/chunk.tsx) that does not arrive — no line, or,
 * after a new release, the old chunk gone from the server — says so in Dutch with a way to try
 * again, and asks the service worker to look for the new version; a second try that works shows
 * the screen.
 */
import { createElement } from 'react';
import { expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ChunkScreen, chunk } from '../../client/src/app/chunk';
import '../../client/src/i18n';
import { reactRootPerTest } from './react-root';

const root = reactRootPerTest();

it('says a chunk did not arrive, and "Opnieuw proberen" loads it', async () => {
  let tries = 0;
  const screen = chunk<object>(async () => {
    tries += 1;
    if (tries === 1) throw new TypeError('Failed to fetch dynamically imported module');
    return { default: () => createElement('h1', null, 'Mijn team') };
  });
  root.render(createElement(ChunkScreen, { of: screen }));
  const alert = page.getByRole('alert');
  await expect.element(alert).toHaveTextContent('Dit scherm kon niet worden geladen.');
  await expect.element(alert).toHaveTextContent('kies dan Vernieuwen');
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await expect.element(page.getByRole('heading', { name: 'Mijn team' })).toBeVisible();
  expect(tries).toBe(2);
});
