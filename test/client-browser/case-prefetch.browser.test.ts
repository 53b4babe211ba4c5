/**
 * Opening a child's file from Mijn caseload draws it at once (issue 19, case-open-ratio): while the
 * phone is idle after the list is drawn, the listed children's files are read ahead into the query
 * the case file screen reads. Reading ahead logs no access: only opening the screen does.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { FieldContext, LOCAL_KEY } from '../../client/src/app/field-context';
import { queryClient } from '../../client/src/app/trpc';
import { CaseFileScreen } from '../../client/src/features/case-file/case-file-screen';
import { CaseloadScreen } from '../../client/src/features/caseload/caseload-screen';
import { syncOnce } from '../../client/src/sync/engine';
import type { SyncRunner, SyncStatus } from '../../client/src/sync/runner';
import '../../client/src/i18n';
import { openPhone, type Phone, type World } from './local-helpers';

let world: World;
let root: Root | null = null;

beforeEach(async () => {
  world = await commands.resetServer();
  await commands.seedCaseload();
  queryClient.clear();
}, 120_000);
afterEach(() => {
  root?.unmount();
  root = null;
  queryClient.clear();
});

function mount(phone: Phone, screen: ReactNode) {
  const status: SyncStatus = {
    phase: 'idle',
    pending: 0,
    refused: 0,
    progress: null,
    lastSyncedAt: '2026-11-24T10:00:00.000Z',
    error: null,
    versionSkew: null,
  };
  const runner = { subscribe: () => () => undefined, getStatus: () => status } as unknown as SyncRunner;
  const user = { id: phone.userId, displayName: 'worker1', role: 'jeugdbeschermer' } as never;
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  root?.unmount();
  root = createRoot(container);
  const tree = createElement(
    QueryClientProvider,
    { client: queryClient },
    createElement(FieldContext.Provider, { value: { store: phone.store, runner, user } }, screen),
  );
  flushSync(() => root?.render(tree));
}

describe('case files read ahead from Mijn caseload', { timeout: 60_000 }, () => {
  it('are in memory once the list has been idle, and open without a loading frame or a logged read', async () => {
    const phone = await openPhone(world, 'worker1');
    await syncOnce(phone.store, phone.transport);
    const caseIds = (await phone.db.bundlesOf('case').toArray()).map((b) => b.caseId);
    expect(caseIds.length).toBeGreaterThan(1);

    mount(phone, createElement(CaseloadScreen));
    await expect.poll(() => document.querySelectorAll('.case-card').length).toBe(caseIds.length);
    const prefetched = () =>
      caseIds.filter((id) => queryClient.getQueryState([LOCAL_KEY, 'case', id])?.status === 'success').length;
    await expect.poll(prefetched, { timeout: 20_000 }).toBe(caseIds.length);
    // Read ahead, not opened: nothing for the access log yet.
    expect(await phone.db.reads.count()).toBe(0);

    // The first render of the case file screen is the file itself, not "Laden…".
    const caseId = world.cases.ofWorker1;
    mount(phone, createElement(CaseFileScreen, { caseId }));
    expect(document.querySelector('#case-title')?.textContent).toBeTruthy();
    // Opening it is what gets logged.
    await expect.poll(() => phone.db.reads.count()).toBe(1);
  });

  it('stop when the app locks (its decrypted reads are dropped)', async () => {
    const phone = await openPhone(world, 'worker1');
    await syncOnce(phone.store, phone.transport);
    mount(phone, createElement(CaseloadScreen));
    await expect.poll(() => document.querySelectorAll('.case-card').length).toBeGreaterThan(1);
    // What lockDevice does (app/field-app.tsx), while the list is still on screen.
    queryClient.removeQueries({ queryKey: [LOCAL_KEY] });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(queryClient.getQueryCache().findAll({ queryKey: [LOCAL_KEY, 'case'] })).toHaveLength(0);
  });
});
