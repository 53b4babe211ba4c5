/**
 * The phone's rows in bundles (client/src/local/store.ts), in real IndexedDB:
 * one record per kind of row per case; writes that race on the same bundle
 * (two tabs, a pull page and a save) lose nothing. No server.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createKeyring } from '../../client/src/local/crypto';
import { LocalDb } from '../../client/src/local/db';
import { type LocalData, type LocalRow, LocalStore } from '../../client/src/local/store';

async function newStore() {
  const db = new LocalDb(`test-${crypto.randomUUID()}`);
  const { keyring } = await createKeyring('135792', { iterations: 1000 });
  return { db, keyring, store: new LocalStore(db, keyring) };
}

// Rows hold only the fields these tests look at (`as LocalData`): the store reads no others.
const contact = (caseId: string, n: number, version = n): LocalRow<'contact'> => ({
  entity: 'contact',
  id: `contact-${caseId}-${n}`,
  caseId,
  version,
  data: {
    id: `contact-${caseId}-${n}`,
    occurredAt: `2026-01-${String(n).padStart(2, '0')}T10:00:00.000Z`,
    nextContactOn: `2026-02-${String(n).padStart(2, '0')}`,
    report: `Verslag ${n}`,
    authorId: n % 2 ? 'worker' : 'colleague',
  } as LocalData<'contact'>,
});

describe('bundles', () => {
  it('keeps a case’s rows of one kind in one encrypted record with clear summary columns', async () => {
    const { db, store } = await newStore();
    const rows = [1, 2, 3, 4, 5].map((n) => contact('case-a', n));
    await store.write([
      ...rows,
      contact('case-b', 7),
      {
        entity: 'gezin',
        id: 'gezin-1',
        caseId: 'case-a',
        version: 9,
        data: { id: 'gezin-1', name: 'Jansen' } as LocalData<'gezin'>,
      },
      {
        entity: 'betrokkene',
        id: 'b-1',
        caseId: 'case-b',
        version: 10,
        data: { id: 'b-1', gezinId: 'gezin-1', name: 'Oma' } as LocalData<'betrokkene'>,
      },
    ]);
    expect((await db.bundles.toCollection().primaryKeys()).sort()).toEqual([
      'betrokkene:gezin:gezin-1',
      'contact:case-a',
      'contact:case-b',
      'gezin:gezin:gezin-1',
    ]);
    const a = await db.bundles.get('contact:case-a');
    expect(a).toMatchObject({
      caseId: 'case-a',
      count: 5,
      version: 5,
      at: '2026-01-05T10:00:00.000Z',
      nextOn: '2026-02-05',
      authors: { worker: 5, colleague: 4 },
    });
    expect(JSON.stringify(a)).not.toContain('Verslag');
    expect((await store.list('contact', 'case-a')).map((r) => r.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
    expect((await store.get('contact', 'contact-case-b-7'))?.data.report).toBe('Verslag 7');
    expect((await store.family('gezin-1')).map((r) => r.id).sort()).toEqual(['b-1', 'gezin-1']);

    // A newer version of one row replaces it in its bundle; the others stay.
    await store.write([
      { ...contact('case-a', 2, 20), data: { ...contact('case-a', 2).data, report: 'Nieuw' } },
    ]);
    const after = await store.list('contact', 'case-a');
    expect(after).toHaveLength(5);
    expect(after.find((r) => r.id === 'contact-case-a-2')).toMatchObject({
      version: 20,
      data: { report: 'Nieuw' },
    });
    expect(await db.bundles.get('contact:case-a')).toMatchObject({ version: 20, count: 5 });
  });

  it.each([
    ['taking turns through a Web Lock', true],
    ['without Web Locks, caught by the check in the transaction', false],
  ])(
    'loses no row when writers in two tabs change the same bundle at the same time (%s)',
    async (_, withLocks) => {
      const locks = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks');
      if (!withLocks) Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
      onTestFinished(() => {
        if (!withLocks) delete (navigator as unknown as Record<string, unknown>).locks;
        expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')).toEqual(locks);
      });
      const { db, keyring, store } = await newStore();
      const other = new LocalStore(new LocalDb(db.name), keyring);
      await store.write([contact('case-a', 1)]);
      // Both read the bundle before either commits: the later one must see it changed and merge again.
      await Promise.all([
        ...[2, 3, 4, 5, 6].map((n) => store.write([contact('case-a', n)])),
        ...[7, 8, 9, 10, 11].map((n) => other.write([contact('case-a', n)])),
      ]);
      const ids = (await store.list('contact', 'case-a')).map((r) => r.id);
      expect(ids.sort()).toEqual(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `contact-case-a-${n}`).sort(),
      );
      expect((await other.list('contact', 'case-a')).length).toBe(11);
    },
  );

  it('replaces what it held of a case sent whole again, and deletes family rows with the family’s last case', async () => {
    const { db, store } = await newStore();
    const jeugdige = (caseId: string): LocalRow => ({
      entity: 'jeugdige',
      id: `j-${caseId}`,
      caseId,
      version: 1,
      data: { id: `j-${caseId}`, gezinId: 'gezin-1' } as LocalData<'jeugdige'>,
    });
    const gezin: LocalRow = {
      entity: 'gezin',
      id: 'gezin-1',
      caseId: 'case-a',
      version: 1,
      data: { id: 'gezin-1' } as LocalData<'gezin'>,
    };
    await store.write([
      jeugdige('case-a'),
      jeugdige('case-b'),
      gezin,
      contact('case-a', 1),
      contact('case-a', 2),
    ]);
    await store.write([contact('case-a', 3)], { replaceCaseIds: ['case-a'] });
    expect((await store.list('contact', 'case-a')).map((r) => r.id)).toEqual(['contact-case-a-3']);
    expect(await store.list('jeugdige', 'case-a')).toEqual([]);

    await db.transaction('rw', db.bundles, () => store.deleteCasesIn(['case-a']));
    expect(await store.family('gezin-1')).toHaveLength(1); // case-b still holds the family
    await db.transaction('rw', db.bundles, () => store.deleteCasesIn(['case-b']));
    expect(await db.bundles.count()).toBe(0);
  });
});
