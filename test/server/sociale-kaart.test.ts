import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { regions } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const provider = (
  regionIds: string[],
  over: Partial<Parameters<ReturnType<typeof callerFor>['kaart']['saveAanbieder']>[0]> = {},
) => ({
  id: randomUUID(),
  name: 'Gezinsbegeleiding Delft',
  agbCode: '98123456',
  products: [{ category: '45' as const, code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
  regionIds,
  waitWeeks: 6,
  contactRoute: 'aanmelden@delft.example',
  active: true,
  ...over,
});

describe('sociale kaart and regional arrangements', () => {
  it('a beheerder keeps providers and arrangements; a worker’s phone gets its regions’ part, and an etag skips an unchanged kaart', async () => {
    const { f, database } = world;
    const admin = callerFor(database, f.users.admin);
    const otherRegion = randomUUID();
    await database.db.insert(regions).values({ id: otherRegion, name: `Elders ${otherRegion.slice(0, 4)}` });
    const here = provider([f.regionId]);
    const elsewhere = provider([otherRegion], { name: 'Verblijf Elders', agbCode: '98654321' });
    const inactive = provider([f.regionId], { name: 'Gestopt', active: false });
    for (const p of [here, elsewhere, inactive]) await admin.kaart.saveAanbieder(p);
    await admin.kaart.saveArrangement({
      regionId: f.regionId,
      consultation: 'email',
      contactPoint: 'jeugd@delft.example',
      answerWorkdays: 5,
      expertteamContact: 'Expertteam Haaglanden',
      notes: '',
    });

    const full = await admin.kaart.list();
    expect(full.aanbieders.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Gezinsbegeleiding Delft', 'Verblijf Elders', 'Gestopt']),
    );
    expect(full.arrangements).toEqual([expect.objectContaining({ regionId: f.regionId, answerWorkdays: 5 })]);

    const phone = callerFor(database, f.users.worker1);
    const first = await phone.kaart.forDevice({ etag: null });
    expect(first.kaart?.aanbieders.map((a) => a.id)).toEqual([here.id]);
    expect(first.kaart?.gemeenten.map((g) => g.id)).toContain(f.gemeenteId);
    expect(first.kaart?.arrangements[0]?.consultation).toBe('email');
    expect(await phone.kaart.forDevice({ etag: first.etag })).toEqual({ etag: first.etag, kaart: null });

    // A change (longer wait) gives a new etag and the new figure.
    await admin.kaart.saveAanbieder({ ...here, waitWeeks: 12, regionIds: [f.regionId, otherRegion] });
    const second = await phone.kaart.forDevice({ etag: first.etag });
    expect(second.etag).not.toBe(first.etag);
    expect(second.kaart?.aanbieders[0]).toMatchObject({
      waitWeeks: 12,
      regionIds: [f.regionId], // the phone only hears of its own regions
    });
  });

  it('refuses bad input with a precise message and leaves the kaart unchanged', async () => {
    const { f, database } = world;
    const admin = callerFor(database, f.users.admin);
    const bad = provider([randomUUID()]);
    await expect(admin.kaart.saveAanbieder(bad)).rejects.toThrow(/regio/);
    await expect(admin.kaart.saveAanbieder(provider([], { agbCode: '12' }))).rejects.toThrow(/AGB-code/);
    const twice = provider([f.regionId]);
    twice.products = [twice.products[0], { ...twice.products[0] }] as typeof twice.products;
    await expect(admin.kaart.saveAanbieder(twice)).rejects.toThrow(/productcode/);
    const names = (await admin.kaart.list()).aanbieders.map((a) => a.id);
    expect(names).not.toContain(bad.id);
    expect(names).not.toContain(twice.id);
  });

  it('only beheerders and support staff maintain it; only workers get the device copy', async () => {
    const { f, database } = world;
    const worker = callerFor(database, f.users.worker1);
    const lead = callerFor(database, f.users.lead1);
    await expect(worker.kaart.saveAanbieder(provider([f.regionId]))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(lead.kaart.list()).rejects.toBeInstanceOf(TRPCError);
    await expect(callerFor(database, f.users.support).kaart.forDevice({ etag: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
