/**
 * Clock skew on real phones (real IndexedDB, the real server): two devices of
 * one worker, the clock of one an hour behind and of the other two days
 * ahead (vi.setSystemTime), log contacts and edit the koers. After sync both
 * hold everything exactly once, at the server's versions; the device two days
 * ahead learns that its time was flagged, and both see the Dutch warning that
 * their clock is off from the server's.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { FieldContext } from '../../client/src/app/field-context';
import { queryClient } from '../../client/src/app/trpc';
import DeviceWarnings, { clockWarningText } from '../../client/src/features/device-warnings/device-warnings';
import type { LocalStore } from '../../client/src/local/store';
import { syncOnce } from '../../client/src/sync/engine';
import { enqueue } from '../../client/src/sync/outbox';
import type { SyncRunner } from '../../client/src/sync/runner';
import '../../client/src/i18n';
import { contactArgs, openPhone, type Phone, SERVER_NOW, type World } from './local-helpers';

const HOUR = 3_600_000;
let world: World;

beforeEach(async () => {
  world = await commands.resetServer();
  // Only Date: IndexedDB, timers and WebCrypto run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs `fn` with the device clock set `offset` from the server's. */
async function at<T>(offset: number, fn: () => Promise<T>): Promise<T> {
  vi.setSystemTime(SERVER_NOW.getTime() + offset);
  return fn();
}

async function contactsOn(phone: Phone) {
  const rows = await phone.store.list('contact', world.cases.ofWorker1);
  // The fixture's own contacts aside.
  return rows
    .filter((r) => /^[AB]\d$/.test(r.data.report))
    .map((r) => ({ report: r.data.report, version: r.version }));
}

describe('clock skew on the phone', () => {
  it('loses nothing and changes no order with clocks an hour behind and two days ahead', async () => {
    const caseId = world.cases.ofWorker1;
    const behind = await openPhone(world, 'worker1');
    const ahead = await openPhone(world, 'worker1');
    const now = () => new Date().toISOString();

    await at(2 * 24 * HOUR, async () => {
      await enqueue(ahead.store, 'logContact', contactArgs(caseId, 'A1', { occurredAt: now() }));
      await syncOnce(ahead.store, ahead.transport);
    });
    const koersId = crypto.randomUUID();
    await at(-HOUR, async () => {
      await enqueue(behind.store, 'logContact', contactArgs(caseId, 'B1', { occurredAt: now() }));
      await enqueue(behind.store, 'startKoers', { id: koersId, caseId });
      await syncOnce(behind.store, behind.transport);
    });
    await at(2 * 24 * HOUR, async () => {
      await syncOnce(ahead.store, ahead.transport);
      await enqueue(ahead.store, 'editKoers', {
        koersId,
        caseId,
        values: { zorgpunten: ['Ruzies thuis'] },
        baseVersions: {},
      });
      await enqueue(ahead.store, 'logContact', contactArgs(caseId, 'A2', { occurredAt: now() }));
      await syncOnce(ahead.store, ahead.transport);
    });
    await at(-HOUR, async () => {
      await enqueue(behind.store, 'editKoers', {
        koersId,
        caseId,
        values: { visieGezin: 'Moeder wil rust' },
        baseVersions: {},
      });
      await syncOnce(behind.store, behind.transport);
    });
    await at(2 * 24 * HOUR, () => syncOnce(ahead.store, ahead.transport));

    for (const phone of [behind, ahead]) {
      expect(await phone.db.outbox.count()).toBe(0);
      const list = await contactsOn(phone);
      // Exactly once each, all acknowledged (a server version, not the optimistic 0).
      expect(list.map((c) => c.report).sort()).toEqual(['A1', 'A2', 'B1']);
      expect(list.every((c) => c.version > 0)).toBe(true);
      // The server's order is the order they reached it, whatever the device clocks said.
      const v = (report: string) => list.find((c) => c.report === report)?.version ?? 0;
      expect(v('A1')).toBeLessThan(v('B1'));
      expect(v('B1')).toBeLessThan(v('A2'));
      const koers = await phone.store.get('koers', koersId);
      expect(koers?.data.content).toMatchObject({
        zorgpunten: ['Ruzies thuis'],
        visieGezin: 'Moeder wil rust',
      });
    }
    const server = await commands.serverState();
    expect(server.contacts.filter((c) => c.caseId === caseId)).toHaveLength(
      new Set(server.contacts.filter((c) => c.caseId === caseId).map((c) => c.id)).size,
    );

    // The phone knows how far its clock is off from the server's, and which time was flagged.
    const skewAhead = (await ahead.db.getMeta('clockSkewMs')) ?? 0;
    const skewBehind = (await behind.db.getMeta('clockSkewMs')) ?? 0;
    expect(Math.abs(skewAhead - 2 * 24 * HOUR)).toBeLessThan(60_000);
    expect(Math.abs(skewBehind + HOUR)).toBeLessThan(60_000);
    expect(await ahead.db.getMeta('timeFlag')).toContain('2 dagen na de servertijd');
    // An hour behind is a plausible time for a contact: not flagged, but the clock still warns.
    expect(await behind.db.getMeta('timeFlag')).toBeUndefined();
    expect(clockWarningText(skewBehind)).toBe(
      'Tijd op dit toestel lijkt niet te kloppen: de klok loopt 60 minuten achter op de server. Zet datum en tijd op automatisch; wat u vastlegt, krijgt de tijd van dit toestel.',
    );
    expect(clockWarningText(skewAhead)).toContain('loopt 2 dagen voor');
    expect(clockWarningText(2 * 60_000)).toBeNull();

    // On the field screen.
    mount(ahead.store);
    await expect.poll(() => document.body.textContent).toContain('loopt 2 dagen voor op de server');
    expect(document.body.textContent).toContain('onwaarschijnlijke tijd ontvangen en gemarkeerd');
  });

  it('shows no warning when the clock is right', async () => {
    const phone = await openPhone(world, 'worker1');
    await at(90_000, () => syncOnce(phone.store, phone.transport));
    expect(clockWarningText(await phone.db.getMeta('clockSkewMs'))).toBeNull();
  });
});

function mount(store: LocalStore) {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  const status = { lastSyncedAt: null };
  const runner = { subscribe: () => () => undefined, getStatus: () => status } as unknown as SyncRunner;
  createRoot(container).render(
    createElement(
      QueryClientProvider,
      { client: queryClient },
      createElement(
        FieldContext.Provider,
        { value: { store, runner, user: {} as never } },
        createElement(DeviceWarnings),
      ),
    ),
  );
}
