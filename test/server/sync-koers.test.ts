import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { koersConflicts, koersen } from '../../server/db/schema';
import type { MutationOutcome, PushedMutation, PushResult } from '../../shared/schemas/mutations';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** A device: its own client id and mutation counter. */
function device(user: FixtureUser) {
  const clientId = randomUUID();
  let next = 1;
  return {
    clientId,
    async send(name: PushedMutation['name'], args: unknown): Promise<MutationOutcome> {
      const result: PushResult = await callerFor(world.database, user).sync.push({
        clientId,
        mutations: [{ id: next++, name, args }],
      });
      if (result.status !== 'ok' || !result.outcomes[0])
        throw new Error(`push failed: ${JSON.stringify(result)}`);
      return result.outcomes[0];
    },
  };
}

const conflictsOf = (koersId: string) =>
  world.database.db.select().from(koersConflicts).where(eq(koersConflicts.koersId, koersId));

const koersRow = async (id: string) =>
  (await world.database.db.select().from(koersen).where(eq(koersen.id, id)))[0];

describe('the koers through sync', () => {
  it('is started, shaped, agreed with the family and then read-only; a revision starts version 2 from it', async () => {
    const phone = device(world.f.users.worker1);
    const caseId = world.f.cases.ofWorker1;
    const koersId = randomUUID();
    expect(await phone.send('startKoers', { id: koersId, caseId })).toMatchObject({ status: 'toegepast' });
    await phone.send('editKoers', {
      koersId,
      caseId,
      values: { zorgpunten: ['Ruzies thuis'], visieGezin: 'Moeder wil rust' },
      baseVersions: {},
    });
    expect(await phone.send('setKoersStatus', { koersId, caseId, status: 'vastgesteld' })).toMatchObject({
      status: 'geweigerd',
      reason: expect.stringContaining('niet van'),
    });
    await phone.send('setKoersStatus', { koersId, caseId, status: 'in_afstemming' });
    expect(await phone.send('setKoersStatus', { koersId, caseId, status: 'vastgesteld' })).toMatchObject({
      status: 'geweigerd',
      reason: expect.stringContaining('gezin'),
    });
    const agreement = {
      gezin: true,
      jeugdige: true,
      netwerk: false,
      toelichting: 'Besproken aan de keukentafel',
    };
    await phone.send('setKoersStatus', {
      koersId,
      caseId,
      status: 'vastgesteld',
      agreement,
      agreedOn: '2026-11-20',
    });
    expect(await koersRow(koersId)).toMatchObject({
      status: 'vastgesteld',
      agreedOn: '2026-11-20',
      agreement,
    });

    expect(
      await phone.send('editKoers', { koersId, caseId, values: { visieGezin: 'Later' }, baseVersions: {} }),
    ).toMatchObject({ status: 'geweigerd', reason: expect.stringContaining('vastgesteld') });

    const revision = randomUUID();
    await phone.send('startKoers', { id: revision, caseId });
    expect(await koersRow(revision)).toMatchObject({
      version: 2,
      status: 'concept',
      content: expect.objectContaining({ zorgpunten: ['Ruzies thuis'], visieGezin: 'Moeder wil rust' }),
    });
    expect(await phone.send('startKoers', { id: randomUUID(), caseId })).toMatchObject({
      status: 'geweigerd',
    });
  });

  it('merges edits of different fields from two devices and keeps a clash on one field as a conflict', async () => {
    const phone = device(world.f.users.worker3);
    const tablet = device(world.f.users.worker3);
    const caseId = world.f.cases.ofWorker3;
    const koersId = randomUUID();
    await phone.send('startKoers', { id: koersId, caseId });
    // Both devices work from the koers as it was started (no field changed yet: base 0).
    await phone.send('editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Van de telefoon' },
      baseVersions: {},
    });
    await tablet.send('editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Van de tablet', sterkePunten: ['Opa helpt'] },
      baseVersions: { visieGezin: 0, sterkePunten: 0 },
    });
    const row = await koersRow(koersId);
    expect(row?.content).toMatchObject({ visieGezin: 'Van de telefoon', sterkePunten: ['Opa helpt'] });

    const pulled = await callerFor(world.database, world.f.users.worker3).sync.pull({
      clientId: tablet.clientId,
      cookie: null,
    });
    const conflicts = pulled.rows.filter((r) => r.entity === 'koersConflict');
    expect(conflicts.map((c) => c.data)).toEqual([
      expect.objectContaining({
        field: 'visieGezin',
        theirs: 'Van de telefoon',
        mine: 'Van de tablet',
        resolvedAt: null,
      }),
    ]);

    // Another jeugdbeschermer's phone does not get the worker's unresolved edits (support staff pull nothing).
    const forColleague = await callerFor(world.database, world.f.users.worker1).sync.pull({
      clientId: randomUUID(),
      cookie: null,
    });
    expect(forColleague.rows.filter((r) => r.entity === 'koersConflict')).toEqual([]);

    const conflictId = conflicts[0]?.id;
    await tablet.send('resolveKoersConflict', { conflictId, caseId, keep: 'mine' });
    expect((await koersRow(koersId))?.content.visieGezin).toBe('Van de tablet');
  });

  it('is shaped only by the jeugdbeschermer who carries the case', async () => {
    const outsider = device(world.f.users.worker1);
    expect(
      await outsider.send('startKoers', { id: randomUUID(), caseId: world.f.cases.ofWorkerB }),
    ).toMatchObject({
      status: 'geweigerd',
    });
    const lead = device(world.f.users.lead1);
    expect(
      await lead.send('startKoers', { id: randomUUID(), caseId: world.f.cases.ofWorker1 }),
    ).toMatchObject({
      status: 'geweigerd',
      reason: expect.stringContaining('jeugdbeschermer'),
    });
  });

  it("builds a device's second edit of a field on its own first one (no conflict), but not on another device's", async () => {
    const caseId = world.f.cases.ofWorker2;
    const phone = device(world.f.users.worker2);
    const other = device(world.f.users.worker2);
    const koersId = randomUUID();
    await phone.send('startKoers', { id: koersId, caseId });
    // Two edits made offline one after the other: both were based on version 0 of the field.
    await phone.send('editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Eerste versie' },
      baseVersions: {},
    });
    await phone.send('editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Tweede versie' },
      baseVersions: { visieGezin: 0 },
    });
    expect((await koersRow(koersId))?.content.visieGezin).toBe('Tweede versie');
    expect(await conflictsOf(koersId)).toHaveLength(0);

    // Another device that also only saw version 0 clashes with what the phone wrote.
    await other.send('editKoers', {
      koersId,
      caseId,
      values: { visieGezin: 'Andere versie' },
      baseVersions: { visieGezin: 0 },
    });
    expect((await koersRow(koersId))?.content.visieGezin).toBe('Tweede versie');
    expect(await conflictsOf(koersId)).toEqual([
      expect.objectContaining({ field: 'visieGezin', mine: 'Andere versie', theirs: 'Tweede versie' }),
    ]);
  });

  it('refuses a startKoers whose id is taken (here by another organisation), and the outbox goes on behind it', async () => {
    // A koers of GI Alfa (started on worker3's case above); GI Beta's phone happens to pick the same id.
    const [existing] = await world.database.db
      .select({ id: koersen.id })
      .from(koersen)
      .where(eq(koersen.caseId, world.f.cases.ofWorker3));
    const taken = existing?.id as string;
    const before = await koersRow(taken);
    const fresh = randomUUID();
    const result = await callerFor(world.database, world.f.users.workerB).sync.push({
      clientId: randomUUID(),
      mutations: [
        { id: 1, name: 'startKoers', args: { id: taken, caseId: world.f.cases.ofWorkerB } },
        { id: 2, name: 'startKoers', args: { id: fresh, caseId: world.f.cases.ofWorkerB } },
      ],
    });
    expect(result).toEqual({
      status: 'ok',
      lastMutationId: 2,
      outcomes: [
        {
          id: 1,
          status: 'geweigerd',
          reason:
            'Deze koers is niet begonnen: het nummer dat uw toestel eraan gaf, is al in gebruik. Begin de koers opnieuw.',
        },
        { id: 2, status: 'toegepast' },
      ],
    });
    // The other organisation's koers is untouched; the worker's own koers exists under the new id.
    expect(await koersRow(taken)).toEqual(before);
    expect(await koersRow(fresh)).toMatchObject({ caseId: world.f.cases.ofWorkerB, version: 1 });
  });
});
