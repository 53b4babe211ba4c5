import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** A device of worker1 that has synced once, so it is registered. */
async function registeredDevice() {
  const clientId = randomUUID();
  await callerFor(world.database, world.f.users.worker1).sync.pull({ clientId, cookie: null });
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
});
