import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { accessLog, caseAssignments } from '../../server/db/schema';
import { FIXTURE_PASSWORD, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** A device of worker1, set up on 1 November (before the reads below), that has synced once. */
async function registeredDevice() {
  const clientId = randomUUID();
  const setUpAt = { now: new Date('2026-11-01T08:00:00Z') };
  await callerFor(world.database, world.f.users.worker1, setUpAt).devices.register({ clientId, label: 'T' });
  await callerFor(world.database, world.f.users.worker1, setUpAt).sync.pull({ clientId, cookie: null });
  return clientId;
}

const logRowsFor = (clientEventId: string) =>
  world.database.db.select().from(accessLog).where(eq(accessLog.clientEventId, clientEventId));

describe('sync.reads (offline reads into the access log)', () => {
  it('logs each read once, with the time on the device', async () => {
    const clientId = await registeredDevice();
    const read = { id: randomUUID(), caseId: world.f.cases.ofWorker1, at: '2026-11-20T09:15:00+01:00' };
    const caller = callerFor(world.database, world.f.users.worker1);
    expect(await caller.sync.reads({ clientId, reads: [read] })).toEqual({ recorded: 1 });
    // The answer was lost and the device sends it again: still one row.
    expect(await caller.sync.reads({ clientId, reads: [read] })).toEqual({ recorded: 0 });
    const rows = await logRowsFor(read.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      caseId: world.f.cases.ofWorker1,
      userId: world.f.users.worker1.id,
      action: 'read',
      result: 'toegestaan',
      procedure: 'toestel.dossier',
    });
    expect(rows[0]?.at.toISOString()).toBe('2026-11-20T08:15:00.000Z');
    expect(rows[0]?.receivedAt).not.toBeNull();
  });

  it('flags a device time implausibly far in the future and logs the receipt time instead', async () => {
    const clientId = await registeredDevice();
    const read = { id: randomUUID(), caseId: world.f.cases.ofWorker1, at: '2099-01-01T00:00:00Z' };
    await callerFor(world.database, world.f.users.worker1).sync.reads({ clientId, reads: [read] });
    const [row] = await logRowsFor(read.id);
    expect(row?.at.getFullYear()).toBeLessThan(2099);
    expect(row?.reason).toContain('onwaarschijnlijk');
  });

  it("refuses another user's device and cases of another organisation, logging nothing", async () => {
    const clientId = await registeredDevice();
    const read = { id: randomUUID(), caseId: world.f.cases.ofWorker1, at: '2026-11-20T09:15:00+01:00' };
    await expect(
      callerFor(world.database, world.f.users.worker2).sync.reads({ clientId, reads: [read] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const foreign = { id: randomUUID(), caseId: world.f.cases.ofWorkerB, at: '2026-11-20T09:15:00+01:00' };
    await expect(
      callerFor(world.database, world.f.users.worker1).sync.reads({ clientId, reads: [read, foreign] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await logRowsFor(read.id)).toHaveLength(0);
    expect(
      await world.database.db
        .select()
        .from(accessLog)
        .where(
          and(eq(accessLog.caseId, world.f.cases.ofWorkerB), eq(accessLog.procedure, 'toestel.dossier')),
        ),
    ).toHaveLength(0);
  });

  it('rejects malformed input precisely', async () => {
    const clientId = await registeredDevice();
    await expect(
      callerFor(world.database, world.f.users.worker1).sync.reads({
        clientId,
        reads: [{ id: 'x', caseId: world.f.cases.ofWorker1, at: 'gisteren' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses, precisely, reads the device cannot have made: logged as refused, never as allowed', async () => {
    const { worker2 } = world.f.users;
    const clientId = randomUUID();
    const setUpAt = new Date('2026-11-10T08:00:00Z');
    await callerFor(world.database, worker2, { now: setUpAt }).devices.register({ clientId, label: 'T' });
    const reads = {
      // A case worker2 never carried, dated long before any phone of theirs.
      neverHeld2019: { id: randomUUID(), caseId: world.f.cases.ofWorker1, at: '2019-03-01T10:00:00+01:00' },
      // Their own case, but before this device existed.
      beforeDevice: { id: randomUUID(), caseId: world.f.cases.ofWorker2, at: '2026-11-05T10:00:00+01:00' },
      // Their own case, today: fine.
      held: { id: randomUUID(), caseId: world.f.cases.ofWorker2, at: '2026-11-24T09:00:00+01:00' },
    };
    const answer = await callerFor(world.database, worker2).sync.reads({
      clientId,
      reads: Object.values(reads),
    });
    expect(answer).toEqual({
      recorded: 1,
      refused: [
        { id: reads.neverHeld2019.id, reason: 'dossier was toen niet op dit toestel' },
        { id: reads.beforeDevice.id, reason: 'gelezen vóór dit toestel bestond' },
      ],
    });
    for (const read of [reads.neverHeld2019, reads.beforeDevice]) {
      const rows = await logRowsFor(read.id);
      expect(rows.map((r) => r.result)).toEqual(['geweigerd']);
      expect(rows[0]?.reason).toContain(read.at);
    }
    expect((await logRowsFor(reads.held.id)).map((r) => r.result)).toEqual(['toegestaan']);
    // Sent again (a lost answer): nothing is logged twice.
    await callerFor(world.database, worker2).sync.reads({ clientId, reads: Object.values(reads) });
    expect(await logRowsFor(reads.neverHeld2019.id)).toHaveLength(1);
    const allowedOfWorker1 = await world.database.db
      .select()
      .from(accessLog)
      .where(
        and(
          eq(accessLog.caseId, world.f.cases.ofWorker1),
          eq(accessLog.userId, worker2.id),
          eq(accessLog.result, 'toegestaan'),
        ),
      );
    expect(allowedOfWorker1).toEqual([]);
  });

  it("accepts a stand-in's reads within the period, and up to the key share's lifetime after it", async () => {
    const { worker2 } = world.f.users;
    const clientId = randomUUID();
    await callerFor(world.database, worker2, { now: new Date('2026-11-01T08:00:00Z') }).devices.register({
      clientId,
      label: 'T',
    });
    await world.database.db.insert(caseAssignments).values({
      id: randomUUID(),
      organisationId: world.f.orgA,
      caseId: world.f.cases.ofWorker1,
      userId: worker2.id,
      role: 'waarnemer',
      fromDate: '2026-11-12',
      untilDate: '2026-11-14',
    });
    const read = (at: string) => ({ id: randomUUID(), caseId: world.f.cases.ofWorker1, at });
    const during = read('2026-11-13T15:00:00+01:00');
    const dayAfter = read('2026-11-15T10:00:00+01:00');
    const before = read('2026-11-10T10:00:00+01:00');
    const weekAfter = read('2026-11-21T10:00:00+01:00');
    const answer = await callerFor(world.database, worker2).sync.reads({
      clientId,
      reads: [during, dayAfter, before, weekAfter],
    });
    expect(answer.recorded).toBe(2);
    expect(answer.refused?.map((r) => r.id)).toEqual([before.id, weekAfter.id]);
  });

  it("over HTTP: the beheerder cannot upload reads at all; a worker's read of a case never held is refused", async () => {
    const { admin, worker2 } = world.f.users;
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
      database: world.database,
    });
    try {
      const post = (path: string, body: unknown, cookie?: string) =>
        app.inject({
          method: 'POST',
          url: `/trpc/${path}`,
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          payload: JSON.stringify(body),
        });
      const login = async (username: string) =>
        String(
          (await post('auth.login', { username, password: FIXTURE_PASSWORD })).headers['set-cookie'],
        ).split(';')[0] as string;
      const read2019 = { id: randomUUID(), caseId: world.f.cases.ofWorker3, at: '2019-05-01T10:00:00+02:00' };

      const office = await login(admin.username);
      const byAdmin = await post('sync.reads', { clientId: randomUUID(), reads: [read2019] }, office);
      expect(byAdmin.statusCode).toBe(403);

      const phone = await login(worker2.username);
      const clientId = randomUUID();
      expect((await post('devices.register', { clientId, label: 'T' }, phone)).statusCode).toBe(200);
      const byWorker = await post('sync.reads', { clientId, reads: [read2019] }, phone);
      expect(byWorker.statusCode).toBe(200);
      expect(byWorker.json().result.data).toEqual({
        recorded: 0,
        refused: [{ id: read2019.id, reason: 'dossier was toen niet op dit toestel' }],
      });
      const logged = await world.database.db
        .select({ result: accessLog.result, userId: accessLog.userId })
        .from(accessLog)
        .where(eq(accessLog.caseId, world.f.cases.ofWorker3));
      expect(
        logged.filter((r) => r.result === 'toegestaan' && r.userId !== world.f.users.worker3.id),
      ).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
