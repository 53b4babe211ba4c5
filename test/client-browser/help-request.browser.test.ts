/**
 * Hulp aanvragen on a real (browser) phone against the real server: the
 * sociale kaart comes to the device with the sync and stays for offline use;
 * a request made offline shows at once, goes as an intent, and becomes the
 * server's request; the desk's steps come back with a notice, once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { dismissVerwijzingNotices } from '../../client/src/local/seen';
import { loadCaseFile } from '../../client/src/read-models/case-file';
import {
  loadHelpRequestContext,
  loadVerwijzing,
  productsIn,
  providersFor,
  regionOf,
} from '../../client/src/read-models/verwijzing';
import { loadVerwijzingNotices } from '../../client/src/read-models/verwijzing-notices';
import { syncOnce } from '../../client/src/sync/engine';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import type { RequestHelpArgs } from '../../shared/schemas/mutations';
import { openPhone, SERVER_NOW, type World } from './local-helpers';

let world: World;
beforeEach(async () => {
  world = await commands.resetServer();
  await commands.serverCall('admin', 'saveArrangement', {
    regionId: world.regionId,
    consultation: 'email',
    contactPoint: 'jeugd@delft.example',
    answerWorkdays: 5,
    expertteamContact: 'Expertteam',
    notes: '',
  });
});

const provider = (name: string, waitWeeks: number, code = '45A01') => ({
  id: crypto.randomUUID(),
  name,
  agbCode: '98123456',
  products: [{ category: '45', code, name: code === '45A01' ? 'Ambulante gezinsbegeleiding' : 'MST' }],
  regionIds: [world.regionId],
  waitWeeks,
  contactRoute: '',
  active: true,
  baseVersion: 0,
});

describe('hulp aanvragen on the phone', () => {
  it('keeps the kaart offline, shows an offline request at once, and the server’s request after sync', async () => {
    const kering = provider('De Kering', 9);
    const oever = provider('Oeverloos', 3);
    for (const p of [kering, oever, provider('MST Zuid', 1, '45A52')]) {
      await commands.serverCall('admin', 'saveAanbieder', p);
    }
    const phone = await openPhone(world, 'worker1');
    await syncOnce(phone.store, phone.transport);
    const caseId = world.cases.ofWorker1;

    // Offline from here: the form works from what the device holds.
    const context = await loadHelpRequestContext(phone.store, caseId);
    if (!context) throw new Error('case not on the device');
    expect(context.woonplaatsId).toBe(world.gemeenteId);
    expect(context.helpDueDate).toBe('2027-01-01');
    const { region, arrangement } = regionOf(context.kaart, context.woonplaatsId);
    expect(region?.id).toBe(world.regionId);
    expect(arrangement).toMatchObject({ consultation: 'email', answerWorkdays: 5 });
    expect(productsIn(context.kaart, region?.id).map((p) => p.code)).toEqual(['45A01', '45A52']);
    expect(
      providersFor(context.kaart, region?.id, { category: '45', code: '45A01' }).map((a) => a.name),
    ).toEqual(['Oeverloos', 'De Kering']);

    const args: RequestHelpArgs = {
      id: crypto.randomUUID(),
      caseId,
      productCategory: '45',
      productCode: '45A01',
      productName: 'Ambulante gezinsbegeleiding',
      goalIds: [],
      need: 'Structuur en grenzen thuis.',
      urgency: 'regulier',
      urgencyReason: '',
      preferredAanbiederIds: [oever.id],
      gemeenteId: world.gemeenteId,
      gemeenteNote: '',
      consent: 'ja',
      familyViews: 'Moeder wil hulp thuis.',
      requestedAt: SERVER_NOW.toISOString(),
    };
    await enqueue(phone.store, 'requestHelp', args);
    const offline = await loadVerwijzing(phone.store, caseId, args.id);
    expect(offline).toMatchObject({
      pending: true,
      preferred: ['Oeverloos'],
      request: { status: 'ingediend', helpDueDate: '2027-01-01' },
    });
    const file = await loadCaseFile(phone.store, caseId, SERVER_NOW);
    expect(file?.timeline.some((i) => i.kind === 'verwijzing' && i.verwijzing.id === args.id)).toBe(true);

    // Online: the intent is pushed and the server's request (with its first step) comes back.
    await syncOnce(phone.store, phone.transport);
    expect(await readOutbox(phone.store)).toHaveLength(0);
    const synced = await loadVerwijzing(phone.store, caseId, args.id);
    expect(synced?.pending).toBe(false);
    expect(synced?.history.map((s) => s.step)).toEqual(['indienen']);
    // The worker's own step is no news to them.
    expect(await loadVerwijzingNotices(phone.store, phone.userId)).toEqual([]);

    // The desk registers it and puts it on the waiting list: the phone hears of both, once.
    await commands.serverCall('support', 'referralStep', {
      verwijzingId: args.id,
      step: 'aanmelden',
      answer: '',
      aanbiederId: oever.id,
    });
    await commands.serverCall('support', 'referralStep', {
      verwijzingId: args.id,
      step: 'wachtlijst',
      answer: 'Plek verwacht over 3 weken',
      on: '2026-12-15',
    });
    await syncOnce(phone.store, phone.transport);
    const notices = await loadVerwijzingNotices(phone.store, phone.userId);
    expect(notices.map((n) => [n.step, n.toStatus, n.childName])).toEqual([
      ['wachtlijst', 'wachtlijst', 'Anna'],
      ['aanmelden', 'aangemeld', 'Anna'],
    ]);
    const after = await loadVerwijzing(phone.store, caseId, args.id);
    expect(after?.request).toMatchObject({
      status: 'wachtlijst',
      expectedStartOn: '2026-12-15',
      aanbiederName: 'Oeverloos',
    });
    await dismissVerwijzingNotices(phone.store, Math.max(...notices.map((n) => n.version)));
    expect(await loadVerwijzingNotices(phone.store, phone.userId)).toEqual([]);
  });

  it('asks the server for the kaart again only when it changed', async () => {
    const phone = await openPhone(world, 'worker1');
    const asked: (string | null)[] = [];
    const transport = {
      ...phone.transport,
      kaart: async (etag: string | null) => {
        asked.push(etag);
        return phone.transport.kaart(etag);
      },
    };
    await syncOnce(phone.store, transport);
    const first = await phone.db.getMeta('kaartEtag');
    await syncOnce(phone.store, transport);
    expect(asked).toEqual([null, first]);
    expect(await phone.db.getMeta('kaartEtag')).toBe(first);
    await commands.serverCall('admin', 'saveAanbieder', provider('Nieuw', 2));
    await syncOnce(phone.store, transport);
    expect(await phone.db.getMeta('kaartEtag')).not.toBe(first);
    expect((await phone.db.getMeta('kaart'))?.aanbieders.map((a) => a.name)).toEqual(['Nieuw']);
  });
});
