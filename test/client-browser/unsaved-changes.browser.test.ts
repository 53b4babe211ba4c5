/**
 * The guard before unsaved changes and the character counter, in real
 * Chromium: a link inside the app asks first while a form is dirty (staying
 * keeps the text, leaving goes where the link pointed), a clean form lets the
 * link go at once; the counter appears near the limit and says how many
 * characters are too many past it, without cutting the text.
 */
import { createElement, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { Link, Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { useUnsavedChanges } from '../../client/src/app/unsaved-changes';
import { CharCounter, counterId, isTooLong } from '../../client/src/components/char-counter';
import '../../client/src/i18n';
import { reactRootPerTest } from './react-root';

const root = reactRootPerTest();

function Form() {
  const [text, setText] = useState('');
  const guard = useUnsavedChanges(text !== '');
  return createElement(
    'div',
    null,
    createElement(Link, { href: '/dossier' }, '← Terug'),
    createElement('label', { htmlFor: 'goal' }, 'Doel'),
    createElement('textarea', {
      id: 'goal',
      value: text,
      onChange: (e: { target: { value: string } }) => setText(e.target.value),
    }),
    createElement('button', { type: 'button', onClick: () => guard.navigate('/elders') }, 'Annuleren'),
    guard.dialog,
  );
}

function App({ hook }: { hook: ReturnType<typeof memoryLocation>['hook'] }) {
  const routes = createElement(
    Switch,
    null,
    createElement(Route, { path: '/koers' }, createElement(Form)),
    createElement(Route, { path: '/dossier' }, createElement('h1', null, 'Dossier')),
    createElement(Route, { path: '/elders' }, createElement('h1', null, 'Elders')),
  );
  // biome-ignore lint/correctness/noChildrenProp: wouter's Router types its children as a required prop
  return createElement(Router, { hook, children: routes });
}

describe('useUnsavedChanges', () => {
  it('lets a link go at once while nothing was typed', async () => {
    const location = memoryLocation({ path: '/koers', record: true });
    root.render(createElement(App, { hook: location.hook }));
    await page.getByRole('link', { name: '← Terug' }).click();
    await expect.element(page.getByRole('heading', { name: 'Dossier' })).toBeVisible();
  });

  it('asks before a dirty form is left by a link; staying keeps the text, leaving follows the link', async () => {
    const location = memoryLocation({ path: '/koers', record: true });
    root.render(createElement(App, { hook: location.hook }));
    await page.getByLabelText('Doel').fill('Naar school gaan');
    await page.getByRole('link', { name: '← Terug' }).click();
    const dialog = page.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' });
    await expect.element(dialog).toBeVisible();
    await page.getByRole('button', { name: 'Blijven en verder werken' }).click();
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(page.getByLabelText('Doel')).toHaveValue('Naar school gaan');
    expect(location.history.at(-1)).toBe('/koers');

    await page.getByRole('link', { name: '← Terug' }).click();
    await page.getByRole('button', { name: 'Pagina verlaten' }).click();
    await expect.element(page.getByRole('heading', { name: 'Dossier' })).toBeVisible();
  });

  it('asks before a move of the form itself, too', async () => {
    const location = memoryLocation({ path: '/koers', record: true });
    root.render(createElement(App, { hook: location.hook }));
    await page.getByLabelText('Doel').fill('x');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect.element(page.getByRole('dialog', { name: 'Wijzigingen niet opgeslagen' })).toBeVisible();
    await page.getByRole('button', { name: 'Pagina verlaten' }).click();
    await expect.element(page.getByRole('heading', { name: 'Elders' })).toBeVisible();
  });
});

describe('CharCounter', () => {
  const show = (value: string) =>
    root.render(createElement(CharCounter, { fieldId: 'verslag', value, max: 100 }));

  it('stays away far from the limit, counts down near it, and names the excess past it', async () => {
    show('a'.repeat(79));
    expect(document.getElementById(counterId('verslag'))).toBeNull();
    show('a'.repeat(99));
    await expect.element(page.getByText('Nog 1 teken over')).toBeVisible();
    show('a'.repeat(112));
    await expect
      .element(page.getByText('12 tekens te veel: maak de tekst korter (maximaal 100).'))
      .toBeVisible();
    expect(isTooLong('a'.repeat(112), 100)).toBe(true);
    expect(isTooLong('a'.repeat(100), 100)).toBe(false);
  });
});
