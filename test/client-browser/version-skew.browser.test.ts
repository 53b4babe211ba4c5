/**
 * Version skew seen from the phone (client/src/sync/transport.ts, runner.ts,
 * update-gate.ts): a server that no longer serves this app's sync protocol
 * makes the app say it must update and keep its outbox; a server that does
 * not serve it yet is "behind". In every case each change reaches the server
 * exactly once.
 */
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import type { SyncTransport } from '../../client/src/sync/engine';
import { enqueue } from '../../client/src/sync/outbox';
import { SyncRunner } from '../../client/src/sync/runner';
import { classifySyncError } from '../../client/src/sync/transport';
import { updateGate } from '../../client/src/sync/update-gate';
import type { AppRouter } from '../../server/routers';
import { contactArgs, openPhone, type World } from './local-helpers';

let world: World;
const runners: SyncRunner[] = [];

beforeEach(async () => {
  world = await commands.resetServer();
}, 60_000);

afterEach(() => {
  for (const runner of runners.splice(0)) runner.stop();
});

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

/** The error a tRPC client gets from the server for `code`, as the HTTP link builds it. */
const serverError = (code: string, message: string, httpStatus: number) =>
  TRPCClientError.from<AppRouter>({ error: { code: -32000, message, data: { code, httpStatus } } });

function runnerFor(store: ConstructorParameters<typeof SyncRunner>[0], transport: SyncTransport) {
  const runner = new SyncRunner(store, transport, { debounceMs: 50, classify: classifySyncError });
  runners.push(runner);
  return runner;
}

async function contactsOnServer(report: string) {
  const state = (await commands.serverState()) as { results: { args: unknown }[] };
  return state.results.filter((r) => (r.args as { report?: string } | null)?.report === report).length;
}

describe('version skew on the phone', () => {
  it('an app the server no longer serves says it must update and keeps its outbox; the updated app pushes it once', async () => {
    const phone = await openPhone(world, 'worker1');
    const report = 'Geschreven in de oude versie van de app';
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, report));
    const refusing: SyncTransport = {
      push: () =>
        Promise.reject(serverError('PRECONDITION_FAILED', 'Nieuwe versie nodig: werk de app bij', 412)),
      pull: () =>
        Promise.reject(serverError('PRECONDITION_FAILED', 'Nieuwe versie nodig: werk de app bij', 412)),
    };
    const old = runnerFor(phone.store, refusing);
    await old.syncNow();
    await old.refreshCounts();
    expect(old.getStatus()).toMatchObject({ phase: 'error', versionSkew: 'update-required', pending: 1 });
    // The banner hears it (app/pwa-update.tsx shows "Nieuwe versie nodig: werk de app bij").
    expect(updateGate.get()).toMatchObject({ active: true, versionSkew: 'update-required', pending: 1 });
    expect(await phone.db.outbox.count()).toBe(1);
    expect(await contactsOnServer(report)).toBe(0);
    old.stop();

    // The new version of the app opens the same store and sends the same outbox entry.
    const updated = runnerFor(phone.store, phone.transport);
    await updated.syncNow();
    await updated.refreshCounts();
    expect(updated.getStatus()).toMatchObject({ phase: 'idle', versionSkew: null, pending: 0 });
    expect(updateGate.get().versionSkew).toBeNull();
    expect(await contactsOnServer(report)).toBe(1);
  });

  it('a server that does not serve this version yet is "behind": the outbox stays and the next try lands once', async () => {
    const phone = await openPhone(world, 'worker1');
    const report = 'Geschreven terwijl de server nog niet was bijgewerkt';
    await enqueue(phone.store, 'logContact', contactArgs(world.cases.ofWorker1, report));
    let serverUpdated = false;
    const behind = serverError('NOT_IMPLEMENTED', 'De server is nog niet bijgewerkt', 501);
    const transport: SyncTransport = {
      push: (input) => (serverUpdated ? phone.transport.push(input) : Promise.reject(behind)),
      pull: (input) => (serverUpdated ? phone.transport.pull(input) : Promise.reject(behind)),
    };
    const runner = runnerFor(phone.store, transport);
    await runner.syncNow();
    await runner.refreshCounts();
    expect(runner.getStatus()).toMatchObject({ phase: 'error', versionSkew: 'server-behind', pending: 1 });
    expect(updateGate.get().versionSkew).toBe('server-behind');
    serverUpdated = true;
    await runner.syncNow();
    await eventually(() => expect(runner.getStatus()).toMatchObject({ phase: 'idle', pending: 0 }));
    expect(await contactsOnServer(report)).toBe(1);
  });
});
