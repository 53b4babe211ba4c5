/**
 * Reads of a child's file on the phone (logLocalRead) reach the server's
 * access log at the next sync (sync.reads), and leave the phone only once the
 * server has them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { logLocalRead } from '../../client/src/local/seen';
import { syncOnce } from '../../client/src/sync/engine';
import type { OfflineReadsInput } from '../../shared/schemas/sync';
import { openPhone, type Phone, type World } from './local-helpers';

let world: World;

beforeEach(async () => {
  world = await commands.resetServer();
}, 60_000);

/** Worker1's phone after a first sync (which registers it with the server). */
async function registeredPhone(): Promise<Phone> {
  const phone = await openPhone(world, 'worker1');
  await syncOnce(phone.store, phone.transport);
  return phone;
}

describe('offline reads', { timeout: 60_000 }, () => {
  it('are uploaded with their own time at the next sync, then deleted on the phone', async () => {
    const phone = await registeredPhone();
    const caseId = world.cases.ofWorker1;
    // Read on the phone after it was set up (the server's clock stands at 10:00 in these tests; reads
    // from before the device existed are refused, offline-reads.ts).
    await logLocalRead(phone.store, caseId, new Date('2026-11-24T10:05:00Z'));
    await logLocalRead(phone.store, caseId, new Date('2026-11-24T10:15:00Z'));
    const local = await phone.db.reads.toArray();
    expect(local).toHaveLength(2);

    const report = await syncOnce(phone.store, phone.transport);
    expect(report.uploadedReads).toBe(2);
    expect(await phone.db.reads.count()).toBe(0);
    const logged = await commands.deviceReads();
    const clientId = await phone.db.getMeta('clientId');
    expect(logged.map((r) => r.clientEventId).sort()).toEqual(local.map((r) => r.id).sort());
    expect(logged.map((r) => r.at).sort()).toEqual(['2026-11-24T10:05:00.000Z', '2026-11-24T10:15:00.000Z']);
    for (const row of logged) {
      expect(row).toMatchObject({ caseId, userId: world.users.worker1.id, device: `client ${clientId}` });
    }
    // Nothing left to send: the next sync uploads nothing.
    expect((await syncOnce(phone.store, phone.transport)).uploadedReads).toBe(0);
  });

  it('stay on the phone while the upload fails, and count once when an answer was lost', async () => {
    const phone = await registeredPhone();
    await logLocalRead(phone.store, world.cases.ofWorker1, new Date('2026-11-24T09:00:00Z'));

    const offline = {
      ...phone.transport,
      uploadReads: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    // The failed upload does not hold up the rest of the sync; the reads wait for the next one.
    expect((await syncOnce(phone.store, offline)).readsError).toContain('Failed to fetch');
    expect(await phone.db.reads.count()).toBe(1);
    expect(await commands.deviceReads()).toEqual([]);

    const lostAnswer = {
      ...phone.transport,
      uploadReads: async (input: OfflineReadsInput) => {
        await phone.transport.uploadReads(input);
        throw new Error('antwoord verloren');
      },
    };
    expect((await syncOnce(phone.store, lostAnswer)).readsError).toContain('antwoord verloren');
    expect(await phone.db.reads.count()).toBe(1);
    expect(await commands.deviceReads()).toHaveLength(1);

    expect((await syncOnce(phone.store, phone.transport)).uploadedReads).toBe(1);
    expect(await phone.db.reads.count()).toBe(0);
    expect(await commands.deviceReads()).toHaveLength(1);
  });

  it('stay on the phone when the server refuses them, without blocking the pull', async () => {
    const phone = await registeredPhone();
    // A case of another organisation: the server refuses the whole upload.
    await logLocalRead(phone.store, world.cases.ofWorkerB, new Date('2026-11-24T09:00:00Z'));
    await commands.addContact(world.cases.ofWorker1, 'worker2', {
      at: '2026-11-24T10:00:00Z',
      report: 'Intussen op de server vastgelegd',
    });
    const report = await syncOnce(phone.store, phone.transport);
    expect(report.readsError).toBeTruthy();
    // The pull still ran: the server's new contact is on the phone.
    expect(report.pulledRows).toBeGreaterThan(0);
    expect(await phone.db.reads.count()).toBe(1);
    expect(await commands.deviceReads()).toEqual([]);
  });

  it('go up in batches the server accepts', async () => {
    const phone = await registeredPhone();
    const at = new Date('2026-11-24T09:00:00Z').toISOString();
    await phone.db.reads.bulkAdd(
      Array.from({ length: 501 }, () => ({ id: crypto.randomUUID(), caseId: world.cases.ofWorker1, at })),
    );
    const sizes: number[] = [];
    const counting = {
      ...phone.transport,
      uploadReads: (input: OfflineReadsInput) => {
        sizes.push(input.reads.length);
        return phone.transport.uploadReads(input);
      },
    };
    expect((await syncOnce(phone.store, counting)).uploadedReads).toBe(501);
    expect(sizes).toEqual([500, 1]);
    expect(await phone.db.reads.count()).toBe(0);
    expect(await commands.deviceReads()).toHaveLength(501);
  });
});
