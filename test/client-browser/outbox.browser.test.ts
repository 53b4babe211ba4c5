/**
 * What the user can do with the outbox (client/src/sync/outbox.ts): send a
 * refused change again (requeue), throw it away (discardRefused), and save a
 * change that completes a draft (enqueue with draftKey), against the real server.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { loadDraft, saveDraft } from '../../client/src/local/drafts';
import { syncOnce } from '../../client/src/sync/engine';
import { discardRefused, enqueue, readOutbox, requeue } from '../../client/src/sync/outbox';
import { contactArgs, openPhone, type World } from './local-helpers';

let world: World;

beforeEach(async () => {
  world = await commands.resetServer();
}, 60_000);

const REFUSED_ADDENDUM = 'Het contact waarop deze aanvulling verwijst, hoort niet bij dit dossier.';

describe('requeue', { timeout: 60_000 }, () => {
  it('sends a refused change again under a new id at the end; the server applies it once the reason is gone', async () => {
    const phone = await openPhone(world, 'worker2');
    await syncOnce(phone.store, phone.transport);
    const caseId = world.cases.ofWorker2;
    const first = contactArgs(caseId, 'Verslag van voor de overdracht');
    expect(await enqueue(phone.store, 'logContact', first)).toBe(1);
    await commands.reassignCase('ofWorker2', 'worker1');
    expect(await syncOnce(phone.store, phone.transport)).toMatchObject({ refused: 1, removedCases: 1 });

    // The case comes back; meanwhile another change is queued.
    await commands.reassignCase('ofWorker2', 'worker2');
    const second = contactArgs(caseId, 'Verslag na terugkeer', { occurredAt: '2026-11-24T09:00:00.000Z' });
    expect(await enqueue(phone.store, 'logContact', second)).toBe(2);
    expect(await requeue(phone.store, 2)).toBeNull(); // only a refused change can be requeued
    expect(await requeue(phone.store, 1)).toBe(3);
    expect(await requeue(phone.store, 1)).toBeNull(); // and only once
    const queued = await readOutbox(phone.store);
    expect(queued.map((e) => [e.mutationId, e.status, e.reason])).toEqual([
      [2, 'pending', null],
      [3, 'pending', null],
    ]);
    expect(queued[1]?.args).toEqual(first);
    expect(await phone.db.getMeta('nextMutationId')).toBe(4);
    // The case is not back on the device yet: nothing is shown for it until the server has it.
    expect(await phone.store.get('contact', first.id)).toBeUndefined();

    expect(await syncOnce(phone.store, phone.transport)).toMatchObject({ pushed: 2, refused: 0 });
    expect(await readOutbox(phone.store)).toEqual([]);
    const server = await commands.serverState();
    expect(server.contacts.filter((c) => c.id === first.id || c.id === second.id)).toHaveLength(2);
    const mine = server.results
      .filter((r) => r.args && (r.args as { caseId?: string }).caseId === caseId)
      .map((r) => [r.mutationId, r.status]);
    expect(mine).toEqual(
      expect.arrayContaining([
        [1, 'geweigerd'],
        [2, 'toegepast'],
        [3, 'toegepast'],
      ]),
    );
    expect(mine).toHaveLength(3);
    // The case is back on the device, with both contacts as the server has them.
    const reports = (await phone.store.list('contact', caseId)).map((c) => c.data.report);
    expect(reports).toEqual(expect.arrayContaining([first.report, second.report]));
    expect((await phone.store.get('contact', first.id))?.version).toBeGreaterThan(0);
  });

  it('a requeued change that is still wrong is refused again, with the reason, and taken back again', async () => {
    const phone = await openPhone(world, 'worker1');
    await syncOnce(phone.store, phone.transport);
    const addendum = contactArgs(world.cases.ofWorker1, 'Aanvulling op niets', {
      amendsId: crypto.randomUUID(),
    });
    await enqueue(phone.store, 'logContact', addendum);
    await syncOnce(phone.store, phone.transport);
    expect(await readOutbox(phone.store)).toEqual([
      expect.objectContaining({ mutationId: 1, status: 'refused', reason: REFUSED_ADDENDUM }),
    ]);
    expect(await phone.store.get('contact', addendum.id)).toBeUndefined();

    expect(await requeue(phone.store, 1)).toBe(2);
    expect(await phone.store.get('contact', addendum.id)).toBeDefined();
    expect(await syncOnce(phone.store, phone.transport)).toMatchObject({ pushed: 0, refused: 1 });
    expect(await readOutbox(phone.store)).toEqual([
      expect.objectContaining({ mutationId: 2, status: 'refused', reason: REFUSED_ADDENDUM, args: addendum }),
    ]);
    expect(await phone.store.get('contact', addendum.id)).toBeUndefined();
    const results = (await commands.serverState()).results.map((r) => [r.mutationId, r.status]);
    expect(results).toEqual([
      [1, 'geweigerd'],
      [2, 'geweigerd'],
    ]);
  });

  it('leaves nothing behind when a change on a case the user no longer has is refused again', async () => {
    const phone = await openPhone(world, 'worker2');
    await syncOnce(phone.store, phone.transport);
    const lost = contactArgs(world.cases.ofWorker2, 'Verslag over een overgedragen dossier');
    await enqueue(phone.store, 'logContact', lost);
    await commands.reassignCase('ofWorker2', 'worker1');
    await syncOnce(phone.store, phone.transport);
    expect(await phone.db.bundles.count()).toBe(0);

    expect(await requeue(phone.store, 1)).toBe(2);
    expect(await syncOnce(phone.store, phone.transport)).toMatchObject({ refused: 1 });
    expect(await readOutbox(phone.store)).toEqual([
      expect.objectContaining({ mutationId: 2, status: 'refused', args: lost }),
    ]);
    // Neither the report of a case out of scope nor a refetch the server will never answer.
    expect(await phone.db.bundles.count()).toBe(0);
    expect((await phone.db.getMeta('refetchCaseIds')) ?? []).toEqual([]);
  });
});

describe('discardRefused', { timeout: 60_000 }, () => {
  it('throws away refused changes only: a pending one is never discarded', async () => {
    const phone = await openPhone(world, 'worker1');
    await syncOnce(phone.store, phone.transport);
    const caseId = world.cases.ofWorker1;
    await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Fout', { amendsId: crypto.randomUUID() }));
    await syncOnce(phone.store, phone.transport);
    const kept = contactArgs(caseId, 'Nog te versturen');
    await enqueue(phone.store, 'logContact', kept);

    await discardRefused(phone.store, 2);
    await discardRefused(phone.store, 99);
    expect((await readOutbox(phone.store)).map((e) => [e.mutationId, e.status])).toEqual([
      [1, 'refused'],
      [2, 'pending'],
    ]);
    await discardRefused(phone.store, 1);
    expect((await readOutbox(phone.store)).map((e) => [e.mutationId, e.status])).toEqual([[2, 'pending']]);

    await syncOnce(phone.store, phone.transport);
    expect(await readOutbox(phone.store)).toEqual([]);
    expect((await commands.serverState()).contacts.map((c) => c.id)).toContain(kept.id);
  });
});

describe('enqueue with a draft', { timeout: 60_000 }, () => {
  it('deletes the draft in the same transaction: a save that fails keeps the draft and writes nothing', async () => {
    const phone = await openPhone(world, 'worker1');
    const caseId = world.cases.ofWorker1;
    const key = `contact:${caseId}`;
    const otherKey = `contact:${world.cases.ofWorker2}`;
    await saveDraft(phone.store, key, { report: 'Half geschreven verslag' });
    await saveDraft(phone.store, otherKey, { report: 'Ander concept' });
    expect(await loadDraft(phone.store, key)).toEqual({ report: 'Half geschreven verslag' });

    // Invalid arguments: refused before anything is written.
    const tooLong = contactArgs(caseId, 'x'.repeat(20_001));
    await expect(enqueue(phone.store, 'logContact', tooLong, { draftKey: key })).rejects.toThrow();
    expect(await loadDraft(phone.store, key)).not.toBeNull();

    // A failure inside the transaction (the mutation id is taken): the draft's deletion is rolled back too.
    await enqueue(phone.store, 'logContact', contactArgs(caseId, 'Eerste'));
    await phone.db.setMeta('nextMutationId', 1);
    const args = contactArgs(caseId, 'Het echte verslag');
    await expect(enqueue(phone.store, 'logContact', args, { draftKey: key })).rejects.toThrow();
    expect(await loadDraft(phone.store, key)).toEqual({ report: 'Half geschreven verslag' });
    expect(await phone.store.get('contact', args.id)).toBeUndefined();
    expect(await readOutbox(phone.store)).toHaveLength(1);
    expect(await phone.db.getMeta('nextMutationId')).toBe(1);

    await phone.db.setMeta('nextMutationId', 2);
    expect(await enqueue(phone.store, 'logContact', args, { draftKey: key })).toBe(2);
    expect(await loadDraft(phone.store, key)).toBeNull();
    expect(await loadDraft(phone.store, otherKey)).toEqual({ report: 'Ander concept' });
    expect((await phone.store.get('contact', args.id))?.data).toMatchObject({ report: 'Het echte verslag' });
  });
});
