import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, caseAssignments, contacts, mutationResults } from '../../server/db/schema';
import { logContactArgs } from '../helpers/contact-args';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const contact = (caseId: string, report = 'Huisbezoek: het gaat beter.') =>
  logContactArgs(caseId, { present: ['moeder', 'Anna'], report });

const contactsWith = (id: string) =>
  world.database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, id));

describe('sync.push', () => {
  it('applies a mutation once even when the same push arrives twice (lost answer, retry)', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const first = await caller.sync.push({ clientId, mutations: [{ id: 1, name: 'logContact', args }] });
    const again = await caller.sync.push({ clientId, mutations: [{ id: 1, name: 'logContact', args }] });
    expect(first).toEqual({ status: 'ok', lastMutationId: 1, outcomes: [{ id: 1, status: 'toegepast' }] });
    expect(again).toEqual({ status: 'ok', lastMutationId: 1, outcomes: [{ id: 1, status: 'toegepast' }] });
    expect(await contactsWith(args.id)).toHaveLength(1);
  });

  it('applies a mutation once when two copies of a push race each other', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const batch = [contact(world.f.cases.ofWorker1), contact(world.f.cases.ofWorker1)].map((args, i) => ({
      id: i + 1,
      name: 'logContact' as const,
      args,
    }));
    const results = await Promise.all([
      caller.sync.push({ clientId, mutations: batch }),
      caller.sync.push({ clientId, mutations: batch }),
    ]);
    expect(results.map((r) => r.lastMutationId)).toEqual([2, 2]);
    for (const r of results) expect(r.status === 'ok' && r.outcomes.map((o) => o.id)).toEqual([1, 2]);
    for (const m of batch) expect(await contactsWith(m.args.id)).toHaveLength(1);
  });

  it('answers gap for an id past the next one and applies nothing of it', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const result = await caller.sync.push({ clientId, mutations: [{ id: 2, name: 'logContact', args }] });
    expect(result).toEqual({ status: 'gap', lastMutationId: 0, expected: 1 });
    expect(await contactsWith(args.id)).toHaveLength(0);
  });

  it('applies in client order and stops at a gap inside a batch', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const [a, b, c] = [
      contact(world.f.cases.ofWorker1),
      contact(world.f.cases.ofWorker1),
      contact(world.f.cases.ofWorker1),
    ];
    const result = await caller.sync.push({
      clientId,
      mutations: [
        { id: 1, name: 'logContact', args: a },
        { id: 2, name: 'logContact', args: b },
        { id: 4, name: 'logContact', args: c },
      ],
    });
    expect(result).toEqual({ status: 'gap', lastMutationId: 2, expected: 3 });
    expect(await contactsWith(b.id)).toHaveLength(1);
    expect(await contactsWith(c.id)).toHaveLength(0);
  });

  it('refuses a contact on a case reassigned meanwhile, records why with its content, logs it, and moves on', async () => {
    const caller = callerFor(world.database, world.f.users.worker2);
    const clientId = randomUUID();
    // The case of worker2 is handed to worker1 while worker2's phone was offline.
    await world.database.db
      .update(caseAssignments)
      .set({ untilDate: '2026-11-20' })
      .where(
        and(
          eq(caseAssignments.caseId, world.f.cases.ofWorker2),
          eq(caseAssignments.userId, world.f.users.worker2.id),
        ),
      );
    const refused = contact(world.f.cases.ofWorker2, 'Verslag dat niet verloren mag gaan');
    const result = await caller.sync.push({
      clientId,
      mutations: [
        { id: 1, name: 'logContact', args: refused },
        { id: 2, name: 'logContact', args: { ...contact(world.f.cases.ofWorker2), caseId: 'kapot' } },
      ],
    });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.lastMutationId).toBe(2);
    expect(result.outcomes[0]).toMatchObject({
      id: 1,
      status: 'geweigerd',
      reason: expect.stringContaining('geen toegang'),
    });
    expect(result.outcomes[1]).toMatchObject({
      id: 2,
      status: 'geweigerd',
      reason: expect.stringContaining('caseId'),
    });
    expect(await contactsWith(refused.id)).toHaveLength(0);

    const [recorded] = await world.database.db
      .select({ status: mutationResults.status, args: mutationResults.args })
      .from(mutationResults)
      .where(and(eq(mutationResults.clientId, clientId), eq(mutationResults.mutationId, 1)));
    expect(recorded?.status).toBe('geweigerd');
    expect(recorded?.args).toMatchObject({ report: 'Verslag dat niet verloren mag gaan' });

    const denied = await world.database.db
      .select({ procedure: accessLog.procedure, result: accessLog.result })
      .from(accessLog)
      .where(
        and(eq(accessLog.userId, world.f.users.worker2.id), eq(accessLog.caseId, world.f.cases.ofWorker2)),
      );
    expect(denied).toContainEqual({ procedure: 'sync.logContact', result: 'geweigerd' });
  });

  it("refuses a client id that belongs to another user's device", async () => {
    const clientId = randomUUID();
    await callerFor(world.database, world.f.users.worker1).sync.push({
      clientId,
      mutations: [{ id: 1, name: 'logContact', args: contact(world.f.cases.ofWorker1) }],
    });
    const error = await callerFor(world.database, world.f.users.worker3)
      .sync.push({
        clientId,
        mutations: [{ id: 2, name: 'logContact', args: contact(world.f.cases.ofWorker3) }],
      })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
  });

  it('stamps written rows with increasing sync versions in commit order', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const [a, b] = [contact(world.f.cases.ofWorker1), contact(world.f.cases.ofWorker1)];
    await caller.sync.push({
      clientId,
      mutations: [
        { id: 1, name: 'logContact', args: a },
        { id: 2, name: 'logContact', args: b },
      ],
    });
    const rows = await world.database.db
      .select({ id: contacts.id, rowVersion: contacts.rowVersion })
      .from(contacts)
      .where(eq(contacts.caseId, world.f.cases.ofWorker1));
    const va = rows.find((r) => r.id === a.id)?.rowVersion ?? 0;
    const vb = rows.find((r) => r.id === b.id)?.rowVersion ?? 0;
    expect(va).toBeGreaterThan(0);
    expect(vb).toBe(va + 1);
  });

  it('refuses an unknown mutation name as bad input', async () => {
    const error = await callerFor(world.database, world.f.users.worker1)
      .sync.push({
        clientId: randomUUID(),
        mutations: [{ id: 1, name: 'dropTables' as 'logContact', args: {} }],
      })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('keeps the next planned contact with the contact, and refuses one before the contact itself', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const planned = { ...contact(world.f.cases.ofWorker1), nextContactOn: '2026-12-01' };
    const backwards = { ...contact(world.f.cases.ofWorker1), nextContactOn: '2026-11-20' };
    const result = await caller.sync.push({
      clientId,
      mutations: [
        { id: 1, name: 'logContact', args: planned },
        { id: 2, name: 'logContact', args: backwards },
      ],
    });
    expect(result).toMatchObject({
      status: 'ok',
      outcomes: [
        { id: 1, status: 'toegepast' },
        { id: 2, status: 'geweigerd', reason: 'De volgende afspraak ligt vóór dit contact.' },
      ],
    });
    const page = await caller.sync.pull({ clientId, cookie: null });
    expect(page.rows.find((r) => r.id === planned.id)?.data).toMatchObject({ nextContactOn: '2026-12-01' });
    expect(page.rows.some((r) => r.id === backwards.id)).toBe(false);
  });
});
