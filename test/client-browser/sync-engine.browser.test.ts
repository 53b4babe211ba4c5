/**
 * The phone's store and sync engine against the real routers: first sync,
 * an offline contact pushed exactly once, nothing readable in IndexedDB, a
 * refusal kept with its reason, a refused koers edit taken back.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { type SyncTransport, syncOnce } from '../../client/src/sync/engine';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import { contactArgs, openPhone, rawDump, type UserKey, type World } from './local-helpers';

let world: World;

beforeEach(async () => {
  world = await commands.resetServer();
});

/** A phone that syncs rows only (no kaart, no read upload): what these tests look at. */
async function phone(user: UserKey) {
  const opened = await openPhone(world, user);
  const { push, pull } = opened.transport;
  return { ...opened, transport: { push, pull } satisfies SyncTransport };
}

describe('the phone store and sync engine', () => {
  it("brings the worker's whole caseload on first sync, and reads it back decrypted", async () => {
    const { store, transport } = await phone('worker1');
    const report = await syncOnce(store, transport);
    expect(report.pulledRows).toBeGreaterThan(5);
    const children = await store.list('jeugdige');
    expect(children.map((c) => c.data.firstName)).toEqual(['Anna']);
  });

  it('shows a contact logged offline at once, keeps it in the outbox, and pushes it exactly once', async () => {
    const { store, transport } = await phone('worker1');
    await syncOnce(store, transport);
    const args = contactArgs(world.cases.ofWorker1, 'Offline vastgelegd verslag');
    expect(await enqueue(store, 'logContact', args)).toBe(1);
    const local = await store.list('contact', world.cases.ofWorker1);
    expect(local.map((c) => c.data.report)).toContain('Offline vastgelegd verslag');
    expect((await readOutbox(store)).map((e) => e.status)).toEqual(['pending']);

    // The push reaches the server but its answer is lost.
    const lossy: SyncTransport = {
      push: async (input) => {
        await transport.push(input);
        throw new Error('verbinding verbroken');
      },
      pull: transport.pull,
    };
    await expect(syncOnce(store, lossy)).rejects.toThrow('verbinding verbroken');
    expect(await readOutbox(store)).toHaveLength(1);

    await syncOnce(store, transport);
    expect(await readOutbox(store)).toEqual([]);
    // Another phone of the worker (only the field role pulls whole files) finds it once.
    const other = await phone('worker1');
    await syncOnce(other.store, other.transport);
    const seenElsewhere = await other.store.list('contact', world.cases.ofWorker1);
    expect(seenElsewhere.filter((c) => c.data.report === 'Offline vastgelegd verslag')).toHaveLength(1);
  });

  it('keeps names and report text out of IndexedDB in clear', async () => {
    const { db, store, transport } = await phone('worker1');
    await syncOnce(store, transport);
    await enqueue(store, 'logContact', contactArgs(world.cases.ofWorker1, 'KANARIE-verslag-7f3a'));
    const dump = (await rawDump(db.name)).text;
    expect(dump.length).toBeGreaterThan(1000);
    for (const canary of ['Anna', 'Testkind', 'Moeder van Anna', 'geheim', 'KANARIE-verslag-7f3a', 'Delft']) {
      expect(dump).not.toContain(canary);
    }
  });

  it('refuses a contact on a case reassigned meanwhile, keeps it visible with a reason, and removes the case', async () => {
    const { store, transport } = await phone('worker2');
    await syncOnce(store, transport);
    await enqueue(store, 'logContact', contactArgs(world.cases.ofWorker2, 'Verslag na overdracht'));
    await commands.reassignCase('ofWorker2', 'worker1');
    const report = await syncOnce(store, transport);
    expect(report).toMatchObject({ refused: 1, removedCases: 1 });
    const [entry] = await readOutbox(store);
    expect(entry).toMatchObject({ status: 'refused', reason: expect.stringContaining('geen toegang') });
    expect(entry?.args).toMatchObject({ report: 'Verslag na overdracht' });
    expect(await store.list('jeugdige')).toEqual([]);
    expect(await store.list('contact')).toEqual([]);
  });

  it("takes back a refused koers edit: the device shows the server's koers again, the edit stays in the outbox", async () => {
    const caseId = world.cases.ofWorker1;
    const koersId = crypto.randomUUID();
    const phone1 = await phone('worker1');
    await enqueue(phone1.store, 'startKoers', { id: koersId, caseId });
    await syncOnce(phone1.store, phone1.transport);

    // On a second device the koers is agreed with the family…
    const tablet = await phone('worker1');
    await syncOnce(tablet.store, tablet.transport);
    await enqueue(tablet.store, 'setKoersStatus', { koersId, caseId, status: 'in_afstemming' });
    await enqueue(tablet.store, 'setKoersStatus', {
      koersId,
      caseId,
      status: 'vastgesteld',
      agreement: { gezin: true, jeugdige: false, netwerk: false, toelichting: '' },
    });
    await syncOnce(tablet.store, tablet.transport);

    // …while the phone, offline, still edits it.
    await enqueue(phone1.store, 'editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Na vaststelling getypt' },
      baseVersions: {},
    });
    const optimistic = await phone1.store.get('koers', koersId);
    expect(optimistic?.data.content.visieGezin).toBe('Na vaststelling getypt');

    const report = await syncOnce(phone1.store, phone1.transport);
    expect(report.refused).toBe(1);
    const koers = await phone1.store.get('koers', koersId);
    expect(koers?.data.status).toBe('vastgesteld');
    expect(koers?.data.content.visieGezin).toBe('');
    const [entry] = await readOutbox(phone1.store, 'refused');
    expect(entry?.args).toMatchObject({ values: { visieGezin: 'Na vaststelling getypt' } });
    // The rest of the case is still on the device.
    expect((await phone1.store.list('jeugdige')).length).toBe(1);
  });
});
