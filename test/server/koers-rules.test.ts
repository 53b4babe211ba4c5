/**
 * The koers rules the server keeps as the authority, through sync.push: a goal
 * typed twice is refused with the goal's number and words, an evaluation date
 * before today is refused, and a revision does not inherit an evaluation date
 * that has passed (one still ahead it keeps).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { koersen } from '../../server/db/schema';
import type { MutationOutcome, PushedMutation, PushResult } from '../../shared/schemas/mutations';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** A device of `user`; each send may say when it reaches the server (default: the helpers' 24 Nov 2026). */
function device(user: FixtureUser) {
  const clientId = randomUUID();
  let next = 1;
  return async (name: PushedMutation['name'], args: unknown, now?: Date): Promise<MutationOutcome> => {
    const result: PushResult = await callerFor(world.database, user, now ? { now } : {}).sync.push({
      clientId,
      mutations: [{ id: next++, name, args }],
    });
    if (result.status !== 'ok' || !result.outcomes[0])
      throw new Error(`push failed: ${JSON.stringify(result)}`);
    return result.outcomes[0];
  };
}

const koersRow = async (id: string) =>
  (await world.database.db.select().from(koersen).where(eq(koersen.id, id)))[0];

const goal = (text: string) => ({ id: randomUUID(), goal: text, actions: [], owner: '' });
const agreement = { gezin: true, jeugdige: false, netwerk: false, toelichting: '' };

describe('koers rules at the server', () => {
  it('refuses a goal typed twice (case and spacing aside), naming both goals, and changes nothing', async () => {
    const send = device(world.f.users.worker1);
    const caseId = world.f.cases.ofWorker1;
    const koersId = randomUUID();
    await send('startKoers', { id: koersId, caseId });
    const outcome = await send('editKoers', {
      koersId,
      caseId,
      values: { doelen: [goal('Rust in huis'), goal('Naar school'), goal('  rust IN  huis')] },
      baseVersions: {},
    });
    expect(outcome).toMatchObject({
      status: 'geweigerd',
      reason: 'Doel 3 ("rust IN  huis") staat al in de koers als doel 1; een doel komt één keer voor.',
    });
    expect((await koersRow(koersId))?.content.doelen).toEqual([]);
    // Different words are different goals.
    expect(
      await send('editKoers', {
        koersId,
        caseId,
        values: { doelen: [goal('Rust in huis'), goal('Rust in het huis')] },
        baseVersions: {},
      }),
    ).toMatchObject({ status: 'toegepast' });
  });

  it('refuses an evaluation date before today, and takes today or later', async () => {
    const send = device(world.f.users.worker2);
    const caseId = world.f.cases.ofWorker2;
    const koersId = randomUUID();
    await send('startKoers', { id: koersId, caseId });
    expect(
      await send('editKoers', {
        koersId,
        caseId,
        values: { evaluationDate: '2026-11-23' },
        baseVersions: {},
      }),
    ).toEqual({
      id: 2,
      status: 'geweigerd',
      reason: 'De evaluatiedatum 23 november 2026 ligt in het verleden; kies vandaag of een latere datum.',
    });
    expect((await koersRow(koersId))?.evaluationDate).toBeNull();
    expect(
      await send('editKoers', {
        koersId,
        caseId,
        values: { evaluationDate: '2026-11-24' },
        baseVersions: {},
      }),
    ).toMatchObject({ status: 'toegepast' });
    expect((await koersRow(koersId))?.evaluationDate).toBe('2026-11-24');
  });

  it('takes an edit that carries the stored date along after that date has passed (a phone offline past it)', async () => {
    const send = device(world.f.users.worker2);
    const caseId = world.f.cases.ofWorker2;
    const early = new Date('2026-11-10T10:00:00Z');
    // The case's koers in the making: a new one, or the one an earlier test of this file left open.
    const started = randomUUID();
    const start = await send('startKoers', { id: started, caseId }, early);
    const open = await world.database.db.select().from(koersen).where(eq(koersen.caseId, caseId));
    const koersId =
      start.status === 'toegepast' ? started : (open.find((k) => k.status !== 'vastgesteld')?.id ?? '');
    // The phone edits on the versions it has seen (no conflict with an earlier edit of the field).
    const seen = async () => (await koersRow(koersId))?.fieldVersions ?? {};
    await send(
      'editKoers',
      { koersId, caseId, values: { evaluationDate: '2026-11-20' }, baseVersions: await seen() },
      early,
    );
    expect(await koersRow(koersId)).toMatchObject({ evaluationDate: '2026-11-20' });
    // Written on the phone on the 10th with the date as it stood, it reaches the server on the 24th.
    expect(
      await send('editKoers', {
        koersId,
        caseId,
        values: { visieGezin: 'Rust in huis.', evaluationDate: '2026-11-20' },
        baseVersions: await seen(),
      }),
    ).toEqual({ id: 3, status: 'toegepast' });
    expect(await koersRow(koersId)).toMatchObject({ evaluationDate: '2026-11-20' });
  });

  it('starts a revision without an evaluation date that has passed, and keeps one that lies ahead', async () => {
    const send = device(world.f.users.worker3);
    const caseId = world.f.cases.ofWorker3;
    const october = new Date('2026-10-01T10:00:00Z');
    const first = randomUUID();
    // Agreed in October, to be evaluated on 1 November: by 24 November that date has passed.
    await send('startKoers', { id: first, caseId }, october);
    await send(
      'editKoers',
      { koersId: first, caseId, values: { evaluationDate: '2026-11-01' }, baseVersions: {} },
      october,
    );
    await send('setKoersStatus', { koersId: first, caseId, status: 'in_afstemming' }, october);
    await send('setKoersStatus', { koersId: first, caseId, status: 'vastgesteld', agreement }, october);
    expect((await koersRow(first))?.evaluationDate).toBe('2026-11-01');

    const second = randomUUID();
    expect(await send('startKoers', { id: second, caseId })).toMatchObject({ status: 'toegepast' });
    expect(await koersRow(second)).toMatchObject({ version: 2, evaluationDate: null });

    // The revision is planned ahead and agreed; the next revision keeps that date while it lies ahead.
    await send('editKoers', {
      koersId: second,
      caseId,
      values: { evaluationDate: '2027-05-01' },
      baseVersions: {},
    });
    await send('setKoersStatus', { koersId: second, caseId, status: 'in_afstemming' });
    await send('setKoersStatus', { koersId: second, caseId, status: 'vastgesteld', agreement });
    const third = randomUUID();
    await send('startKoers', { id: third, caseId });
    expect(await koersRow(third)).toMatchObject({ version: 3, evaluationDate: '2027-05-01' });
  });
});
