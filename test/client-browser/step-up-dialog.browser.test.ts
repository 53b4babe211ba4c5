/**
 * The step-up dialog in real Chromium, with the server played by a stubbed
 * fetch: an export refused with `stepUp` opens the dialog, a wrong password
 * gets a Dutch answer, the right one makes the export run again; a session of
 * the identity provider is sent there instead; cancelling hands the refusal back.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { queryClient, trpcClient } from '../../client/src/app/trpc';
import { useStepUp } from '../../client/src/components/step-up-dialog';
import '../../client/src/i18n';

let root: Root;
let container: HTMLElement;
let calls: string[];
let fresh: boolean;
let session: 'wachtwoord' | 'oidc';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server, per procedure: exports need `fresh`; the password is "goed". */
async function fakeServer(input: RequestInfo | URL, init?: RequestInit) {
  const url = new URL(String(input), window.location.href);
  const path = url.pathname.replace('/trpc/', '');
  calls.push(path);
  const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, { password?: string }>;
  if (path === 'auth.methods') {
    return reply(200, [
      { result: { data: { password: true, oidc: { label: 'Inloggen via Entree' }, session } } },
    ]);
  }
  if (path === 'auth.stepUp') {
    if (body['0']?.password !== 'goed') {
      return reply(401, [
        { error: { message: 'Wachtwoord onjuist', code: -32001, data: { code: 'UNAUTHORIZED' } } },
      ]);
    }
    fresh = true;
    return reply(200, [{ result: { data: { authenticatedAt: new Date().toISOString() } } }]);
  }
  if (path === 'verwijzingen.exportCsv') {
    if (!fresh) {
      return reply(403, [
        {
          error: {
            message: 'Bevestig eerst opnieuw wie u bent',
            code: -32003,
            data: { code: 'FORBIDDEN', stepUp: true },
          },
        },
      ]);
    }
    return reply(200, [{ result: { data: { filename: 'wachtrij.csv', csv: 'a;b' } } }]);
  }
  return reply(404, []);
}

function ExportButton() {
  const { withStepUp, dialog } = useStepUp();
  const [outcome, setOutcome] = useState('');
  const run = () =>
    withStepUp(() => trpcClient.verwijzingen.exportCsv.mutate({ kind: 'queue', filter: {} })).then(
      (file) => setOutcome(`klaar: ${file.filename}`),
      (error: Error) => setOutcome(`geweigerd: ${error.message}`),
    );
  return createElement(
    'div',
    null,
    createElement('button', { type: 'button', onClick: run }, 'Exporteren'),
    createElement('output', null, outcome),
    dialog,
  );
}

beforeEach(() => {
  calls = [];
  fresh = false;
  session = 'wachtwoord';
  vi.stubGlobal('fetch', vi.fn(fakeServer));
  queryClient.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(QueryClientProvider, { client: queryClient }, createElement(ExportButton)));
});
afterEach(() => {
  root.unmount();
  container.remove();
  vi.unstubAllGlobals();
});

describe('the step-up dialog', () => {
  it('asks for the password when an export needs a step-up, and then runs the export again', async () => {
    await page.getByRole('button', { name: 'Exporteren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bevestig wie u bent' });
    await expect.element(dialog).toBeVisible();
    await dialog.getByLabelText('Uw wachtwoord').fill('fout');
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.element(dialog.getByRole('alert')).toHaveTextContent('Wachtwoord onjuist.');
    expect(calls.filter((c) => c === 'verwijzingen.exportCsv')).toHaveLength(1);

    await dialog.getByLabelText('Uw wachtwoord').fill('goed');
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.element(page.getByText('klaar: wachtrij.csv')).toBeVisible();
    expect(calls.filter((c) => c === 'verwijzingen.exportCsv')).toHaveLength(2);
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
  });

  it('sends a session of the identity provider to log in there again, coming back here', async () => {
    session = 'oidc';
    await page.getByRole('button', { name: 'Exporteren' }).click();
    const link = page.getByRole('link', { name: 'Inloggen via Entree' });
    await expect.element(link).toBeVisible();
    const href = new URL(link.element().getAttribute('href') ?? '', window.location.href);
    expect(href.pathname).toBe('/auth/oidc/login');
    expect(href.searchParams.get('stap')).toBe('1');
    expect(href.searchParams.get('terug')).toBe(window.location.pathname + window.location.search);
    await expect.element(page.getByLabelText('Uw wachtwoord')).not.toBeInTheDocument();
  });

  it('hands the refusal back when the user cancels', async () => {
    await page.getByRole('button', { name: 'Exporteren' }).click();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect.element(page.getByText(/^geweigerd: Bevestig eerst opnieuw/)).toBeVisible();
    expect(calls.filter((c) => c === 'verwijzingen.exportCsv')).toHaveLength(1);
  });
});
