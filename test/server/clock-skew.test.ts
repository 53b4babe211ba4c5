/**
 * Clock skew: two phones of one worker, one clock an hour behind and one two
 * days ahead, log contacts and edit the koers. The server orders by its own
 * sync versions and the client's mutation ids, never by device time: after
 * sync every device holds everything exactly once, in server-version order,
 * and the implausible device time is flagged (outcome + access log), not refused.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, contacts, koersen } from '../../server/db/schema';
import type { MutationOutcome, PushedMutation, PushResult } from '../../shared/schemas/mutations';
import type { PulledRow, PulledRowOf, PullResult, SyncEntity } from '../../shared/schemas/sync';
import { logContactArgs } from '../helpers/contact-args';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const HOUR = 3_600_000;

/** A phone with its own client id, mutation counter and clock offset; the server's clock moves on a minute per call. */
function phone(user: FixtureUser, offsetMs: number) {
  const clientId = randomUUID();
  let next = 1;
  let cookie: string | null = null;
  const held = new Map<string, PulledRow>();
  const order: string[] = [];
  return {
    clientId,
    deviceNow: (server: Date) => new Date(server.getTime() + offsetMs).toISOString(),
    async send(name: PushedMutation['name'], args: unknown, now: Date): Promise<MutationOutcome> {
      const result: PushResult = await callerFor(world.database, user, { now }).sync.push({
        clientId,
        mutations: [{ id: next++, name, args }],
      });
      if (result.status !== 'ok' || !result.outcomes[0]) throw new Error(JSON.stringify(result));
      return result.outcomes[0];
    },
    async pullAll(now: Date) {
      let answer: PullResult;
      do {
        answer = await callerFor(world.database, user, { now }).sync.pull({ clientId, cookie, limit: 3 });
        cookie = answer.cookie;
        for (const row of answer.rows) {
          held.set(`${row.entity}:${row.id}`, row);
          order.push(`${row.entity}:${row.id}@${row.version}`);
        }
      } while (answer.more);
      return answer;
    },
    held,
    /** The held row of this entity with this id. */
    row: <E extends SyncEntity>(entity: E, id: string) =>
      held.get(`${entity}:${id}`) as PulledRowOf<E> | undefined,
    order,
  };
}

const contact = (caseId: string, occurredAt: string, report: string) =>
  logContactArgs(caseId, { occurredAt, report });

describe('clock skew', () => {
  it('changes no order and loses nothing with clocks an hour behind and two days ahead', async () => {
    const caseId = world.f.cases.ofWorker1;
    const behind = phone(world.f.users.worker1, -HOUR);
    const ahead = phone(world.f.users.worker1, 2 * 24 * HOUR);
    let minute = 0;
    const serverNow = () => new Date(Date.parse('2026-11-24T10:00:00Z') + minute++ * 60_000);

    // The phone two days ahead logs first; its contact claims a later time than everything after it.
    const t1 = serverNow();
    const c1 = contact(caseId, ahead.deviceNow(t1), 'Eerste, van het toestel dat voorloopt');
    const o1 = await ahead.send('logContact', c1, t1);
    const t2 = serverNow();
    const c2 = contact(caseId, behind.deviceNow(t2), 'Tweede, van het toestel dat achterloopt');
    const o2 = await behind.send('logContact', c2, t2);
    const koersId = randomUUID();
    await behind.send('startKoers', { id: koersId, caseId }, serverNow());
    await ahead.pullAll(serverNow());
    await ahead.send(
      'editKoers',
      { koersId, caseId, values: { zorgpunten: ['Ruzies thuis'] }, baseVersions: {} },
      serverNow(),
    );
    await behind.send(
      'editKoers',
      { koersId, caseId, values: { visieGezin: 'Moeder wil rust' }, baseVersions: {} },
      serverNow(),
    );
    const t3 = serverNow();
    const c3 = contact(caseId, ahead.deviceNow(t3), 'Derde, weer van het toestel dat voorloopt');
    await ahead.send('logContact', c3, t3);

    // Two days ahead is flagged, an hour behind is not; both are applied.
    expect(o1).toEqual({
      id: 1,
      status: 'toegepast',
      deviceTimeSuspect: expect.stringContaining('2 dagen na de servertijd'),
    });
    expect(o2).toEqual({ id: 1, status: 'toegepast' });

    const end = serverNow();
    const lastA = await ahead.pullAll(end);
    await behind.pullAll(end);
    expect(lastA.serverTime).toBe(end.toISOString());
    const fresh = phone(world.f.users.worker1, 0);
    await fresh.pullAll(end);

    for (const device of [ahead, behind, fresh]) {
      // Everything, exactly once.
      for (const c of [c1, c2, c3]) expect(device.row('contact', c.id)?.data.report).toBe(c.report);
      const koers = device.row('koers', koersId);
      expect(koers?.data.content).toMatchObject({
        zorgpunten: ['Ruzies thuis'],
        visieGezin: 'Moeder wil rust',
      });
      // In server-version order, and the contacts' versions follow the order they reached the server.
      const versions = device.order.map((o) => Number(o.split('@')[1]));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      const v = (id: string) => device.held.get(`contact:${id}`)?.version ?? -1;
      expect(v(c1.id)).toBeLessThan(v(c2.id));
      expect(v(c2.id)).toBeLessThan(v(c3.id));
    }
    // A fresh device got each row once.
    expect(new Set(fresh.order.map((o) => o.split('@')[0])).size).toBe(fresh.order.length);

    // The device time is kept as given ("when it happened"): the server does not rewrite it.
    const [stored] = await world.database.db
      .select({ occurredAt: contacts.occurredAt })
      .from(contacts)
      .where(eq(contacts.id, c1.id));
    expect(stored?.occurredAt.toISOString()).toBe(new Date(c1.occurredAt).toISOString());
    const [k] = await world.database.db
      .select({ id: koersen.id })
      .from(koersen)
      .where(eq(koersen.id, koersId));
    expect(k).toBeDefined();

    // The flag is in the access log, with the case, as an allowed change.
    const flagged = await world.database.db
      .select({ caseId: accessLog.caseId, result: accessLog.result, reason: accessLog.reason })
      .from(accessLog)
      .where(and(eq(accessLog.procedure, 'sync.logContact'), like(accessLog.reason, 'Toesteltijd%')));
    expect(flagged).toHaveLength(2);
    expect(flagged[0]).toMatchObject({ caseId, result: 'toegestaan' });
  });

  it('repeats the flag to a resend (the answer was lost) and applies nothing twice', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1, '2026-11-24T11:00:00Z', 'Een uur in de toekomst');
    const mutations = [{ id: 1, name: 'logContact' as const, args }];
    const first = await caller.sync.push({ clientId, mutations });
    const again = await caller.sync.push({ clientId, mutations });
    expect(again).toEqual(first);
    expect(first.status === 'ok' && first.outcomes[0]).toMatchObject({
      deviceTimeSuspect: expect.stringContaining('60 minuten na'),
    });
    expect(await world.database.db.select().from(contacts).where(eq(contacts.id, args.id))).toHaveLength(1);
  });

  it('flags a contact from a clock reset to 1970, and still applies it', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1, '1970-01-01T00:00:00Z', 'Klok op nul gezet');
    const result = await caller.sync.push({ clientId, mutations: [{ id: 1, name: 'logContact', args }] });
    expect(result).toMatchObject({
      status: 'ok',
      outcomes: [{ status: 'toegepast', deviceTimeSuspect: expect.stringContaining('vóór de servertijd') }],
    });
  });
});
