/**
 * Nothing a thief could read from the phone's disk: distinctive strings are
 * put into every kind of case content on the server, written offline on the
 * phone, kept in a draft and in the user's profile; then IndexedDB is read raw
 * (every store, every key and value, binary decoded every way) and none of
 * them may occur. They must occur in the decrypted views, or the test proves
 * nothing.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { Device } from '../../client/src/local/device';
import { loadDraft, saveDraft } from '../../client/src/local/drafts';
import { logLocalRead } from '../../client/src/local/seen';
import type { LocalStore } from '../../client/src/local/store';
import { loadCaseFile } from '../../client/src/read-models/case-file';
import { loadCaseload } from '../../client/src/read-models/caseload';
import { syncOnce } from '../../client/src/sync/engine';
import { enqueue, readOutbox } from '../../client/src/sync/outbox';
import { contactArgs, rawDump, SERVER_NOW, transportFor } from './local-helpers';

const SERVER_CANARIES = {
  childName: 'Kanariekind-Qz7v',
  betrokkeneName: 'Kanarie-Oom-Wx3k',
  betrokkenePhone: '06-93817264',
  report: 'Kanarie-verslag-Jp5r',
  koersText: 'Kanarie-koers-Ht8m',
};
const PHONE_CANARIES = {
  offlineReport: 'Kanarie-offline-Bn2d',
  koersEdit: 'Kanarie-koersbewerking-Lc6s',
  draft: 'Kanarie-concept-Vg9e',
  userName: 'Kanarie-Gebruiker-Rf4y',
};
const ALL_CANARIES = [...Object.values(SERVER_CANARIES), ...Object.values(PHONE_CANARIES)];
const PIN = '975318642097';

function storeOf(device: Device): LocalStore {
  const state = device.getState();
  if (state.kind !== 'unlocked') throw new Error(`expected an unlocked device, not ${state.kind}`);
  return state.store;
}

describe('the phone at rest', { timeout: 60_000 }, () => {
  it('rawDump finds a string stored in clear, also inside binary', async () => {
    const db = new Dexie(`control-${crypto.randomUUID()}`);
    db.version(1).stores({ rows: 'id' });
    await db.table('rows').bulkPut([
      { id: 1, text: 'Leesbaar-A' },
      { id: 2, bytes: new TextEncoder().encode('Leesbaar-B') },
      { id: 3, buffer: new TextEncoder().encode('Leesbaar-C').buffer },
      { id: 4, latin1: new Uint8Array([...'Leesbaar-D'].map((c) => c.charCodeAt(0))) },
    ]);
    db.close();
    const { text } = await rawDump(db.name);
    for (const found of ['Leesbaar-A', 'Leesbaar-B', 'Leesbaar-C', 'Leesbaar-D'])
      expect(text).toContain(found);
  });

  it('holds no name, phone number, report, koers text or draft in clear, but shows them all decrypted', async () => {
    const world = await commands.resetServer();
    await commands.seedCanaries('ofWorker1', SERVER_CANARIES);
    const caseId = world.cases.ofWorker1;

    const device = new Device(`test-${crypto.randomUUID()}`);
    await device.load();
    await device.setUp(
      {
        id: world.users.worker1.id,
        displayName: PHONE_CANARIES.userName,
        role: 'jeugdbeschermer',
        organisationName: 'GI Alfa',
        teamName: 'Team Een',
      },
      PIN,
    );
    let store = storeOf(device);
    await syncOnce(store, transportFor('worker1'));
    // Offline work: a contact, a koers edit, a draft, a read of the file.
    await enqueue(store, 'logContact', contactArgs(caseId, PHONE_CANARIES.offlineReport));
    const [koers] = await store.list('koers', caseId);
    if (!koers) throw new Error('the seeded koers did not arrive');
    await enqueue(store, 'editKoers', {
      koersId: koers.id,
      caseId,
      values: { sterkePunten: [PHONE_CANARIES.koersEdit] },
      baseVersions: { sterkePunten: 0 },
    });
    await saveDraft(store, `contact:${caseId}`, { report: PHONE_CANARIES.draft });
    await logLocalRead(store, caseId, SERVER_NOW);
    device.lock();

    const { stores, text } = await rawDump(device.db.name);
    expect(stores.sort()).toEqual([
      'attachments',
      'bundles',
      'drafts',
      'meta',
      'outbox',
      'reads',
      'records',
      'seen',
    ]);
    // The dump is the real thing: ids and versions are there in clear, by design.
    expect(text).toContain(caseId);
    expect(text).toContain('"logContact"');
    const lower = text.toLowerCase();
    for (const canary of ALL_CANARIES) {
      expect(text, canary).not.toContain(canary);
      expect(lower, canary).not.toContain(canary.toLowerCase());
    }
    // Nor the PIN.
    expect(text).not.toContain(PIN);

    // Opened with the PIN, every canary is there.
    await device.unlock(PIN);
    store = storeOf(device);
    const state = device.getState();
    expect(state.kind === 'unlocked' && state.user.displayName).toBe(PHONE_CANARIES.userName);
    const [row] = await loadCaseload(store, world.users.worker1.id, SERVER_NOW);
    expect(row?.jeugdigeName).toBe(`${SERVER_CANARIES.childName} Testkind`);
    const file = await loadCaseFile(store, caseId, SERVER_NOW);
    expect(file?.network).toContainEqual(
      expect.objectContaining({
        name: SERVER_CANARIES.betrokkeneName,
        phone: SERVER_CANARIES.betrokkenePhone,
      }),
    );
    const reports = file?.timeline.flatMap((i) => (i.kind === 'contact' ? [i.contact.report] : []));
    expect(reports).toEqual(expect.arrayContaining([SERVER_CANARIES.report, PHONE_CANARIES.offlineReport]));
    expect(file?.koersen[0]?.content).toMatchObject({
      visieGezin: SERVER_CANARIES.koersText,
      zorgpunten: [SERVER_CANARIES.koersText],
      sterkePunten: [PHONE_CANARIES.koersEdit],
    });
    expect(await loadDraft(store, `contact:${caseId}`)).toEqual({ report: PHONE_CANARIES.draft });
    const outbox = await readOutbox(store);
    expect(outbox.map((e) => e.args)).toEqual([
      expect.objectContaining({ report: PHONE_CANARIES.offlineReport }),
      expect.objectContaining({ values: { sterkePunten: [PHONE_CANARIES.koersEdit] } }),
    ]);
  });
});
