import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog, caseAssignments, contacts } from '../../server/db/schema';
import { inTransaction } from '../../server/db/transaction';
import { nextVersion } from '../../server/sync/versions';
import type { PulledRow } from '../../shared/schemas/sync';
import { logContactArgs } from '../helpers/contact-args';
import { testDbKind } from '../helpers/db';
import { type FixtureUser, fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

/** Pulls page after page until the cycle completes, as the client does. */
async function pullAll(user: FixtureUser, clientId: string, cookie: string | null, limit?: number) {
  const caller = callerFor(world.database, user);
  const rows: PulledRow[] = [];
  const removed: string[] = [];
  let pages = 0;
  let current = cookie;
  for (;;) {
    const page = await caller.sync.pull({ clientId, cookie: current, limit });
    pages += 1;
    rows.push(...page.rows);
    removed.push(...page.removedCaseIds);
    current = page.cookie;
    if (!page.more) break;
    if (pages > 100) throw new Error('pull does not end');
  }
  return { rows, removed, cookie: current, pages };
}

const newContact = (caseId: string) =>
  logContactArgs(caseId, {
    kind: 'telefonisch',
    occurredAt: '2026-11-24T11:00:00+01:00',
    childSeen: false,
    report: 'Telefonisch overleg.',
  });

describe('sync.pull', () => {
  it("delivers the worker's whole case on first sync, and nothing of other cases", async () => {
    const { rows } = await pullAll(world.f.users.worker1, randomUUID(), null);
    expect(new Set(rows.map((r) => r.caseId))).toEqual(new Set([world.f.cases.ofWorker1]));
    expect(new Set(rows.map((r) => r.entity))).toEqual(
      new Set(['case', 'assignment', 'jeugdige', 'gezin', 'betrokkene', 'maatregel', 'contact']),
    );
    const child = rows.find((r) => r.entity === 'jeugdige');
    expect(child?.data).toMatchObject({ firstName: 'Anna', gemeente: 'Delft' });
  });

  it('then delivers only what changed: nothing, and after a push just the new contact', async () => {
    const clientId = randomUUID();
    const first = await pullAll(world.f.users.worker1, clientId, null);
    expect((await pullAll(world.f.users.worker1, clientId, first.cookie)).rows).toEqual([]);
    const args = newContact(world.f.cases.ofWorker1);
    await callerFor(world.database, world.f.users.worker1).sync.push({
      clientId,
      mutations: [{ id: 1, name: 'logContact', args }],
    });
    const next = await callerFor(world.database, world.f.users.worker1).sync.pull({
      clientId,
      cookie: first.cookie,
    });
    expect(next.rows.map((r) => [r.entity, r.id])).toEqual([['contact', args.id]]);
    expect(next.lastMutationId).toBe(1);
  });

  it('pages through the same rows as one big pull, resumably', async () => {
    const whole = await pullAll(world.f.users.worker1, randomUUID(), null);
    const paged = await pullAll(world.f.users.worker1, randomUUID(), null, 2);
    expect(paged.pages).toBeGreaterThan(3);
    const key = (r: PulledRow) => `${r.entity}:${r.id}`;
    expect(paged.rows.map(key).sort()).toEqual(whole.rows.map(key).sort());
    expect(new Set(paged.rows.map(key)).size).toBe(paged.rows.length);

    // Sending the same cookie again (the answer was lost) gives the same page.
    const clientId = randomUUID();
    const caller = callerFor(world.database, world.f.users.worker1);
    const p1 = await caller.sync.pull({ clientId, cookie: null, limit: 3 });
    const p2a = await caller.sync.pull({ clientId, cookie: p1.cookie, limit: 3 });
    const p2b = await caller.sync.pull({ clientId, cookie: p1.cookie, limit: 3 });
    expect(p2b.rows).toEqual(p2a.rows);
  });

  it('does not end a cycle early when the page is full of rows of several kinds', async () => {
    // Seven rows of seven kinds: no kind alone fills a page of five, together they overflow it.
    const whole = await pullAll(world.f.users.worker2, randomUUID(), null);
    const paged = await pullAll(world.f.users.worker2, randomUUID(), null, 5);
    expect(paged.rows.length).toBe(whole.rows.length);
    expect(paged.pages).toBeGreaterThan(1);
  });

  it('removes a case that left the scope and brings the new worker the whole case', async () => {
    const oldPhone = randomUUID();
    const before = await pullAll(world.f.users.worker3, oldPhone, null);
    expect(before.rows.some((r) => r.caseId === world.f.cases.ofWorker3)).toBe(true);

    // The team lead hands the case to another worker of team 2: a new worker gets it.
    const [lead2Worker] = [world.f.users.worker3];
    await inTransaction(world.database.db, async (tx) => {
      const rowVersion = await nextVersion(tx, world.f.orgA);
      await tx
        .update(caseAssignments)
        .set({ untilDate: '2026-11-23', rowVersion })
        .where(
          and(
            eq(caseAssignments.caseId, world.f.cases.ofWorker3),
            eq(caseAssignments.userId, lead2Worker.id),
          ),
        );
      await tx.insert(caseAssignments).values({
        id: randomUUID(),
        organisationId: world.f.orgA,
        caseId: world.f.cases.ofWorker3,
        userId: world.f.users.worker1.id,
        role: 'vast',
        fromDate: '2026-11-24',
        rowVersion,
      });
    });
    const after = await pullAll(world.f.users.worker3, oldPhone, before.cookie);
    expect(after.removed).toEqual([world.f.cases.ofWorker3]);

    const gained = await pullAll(world.f.users.worker1, randomUUID(), null);
    expect(
      gained.rows.filter((r) => r.caseId === world.f.cases.ofWorker3 && r.entity === 'contact'),
    ).toHaveLength(1);
  });

  it('is for the field role only: team leads, support staff and beheerders are refused, and it is logged', async () => {
    const { users } = world.f;
    for (const office of [users.lead1, users.support, users.admin]) {
      const error = await callerFor(world.database, office)
        .sync.pull({ clientId: randomUUID(), cookie: null })
        .catch((e: unknown) => e);
      expect(error, office.username).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/alleen voor jeugdbeschermer; als \w+ leest u via de online schermen/),
      });
    }
    const refused = await world.database.db
      .select({ userId: accessLog.userId })
      .from(accessLog)
      .where(and(eq(accessLog.procedure, 'sync.pull'), eq(accessLog.result, 'geweigerd')));
    expect(new Set(refused.map((r) => r.userId))).toEqual(
      new Set([users.lead1.id, users.support.id, users.admin.id]),
    );
  });

  it('refuses a malformed cookie and a client id of another user', async () => {
    const bad = await callerFor(world.database, world.f.users.worker1)
      .sync.pull({ clientId: randomUUID(), cookie: '{"since":"x"}' })
      .catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    const clientId = randomUUID();
    await callerFor(world.database, world.f.users.worker1).sync.pull({ clientId, cookie: null });
    const stolen = await callerFor(world.database, world.f.users.worker2)
      .sync.pull({ clientId, cookie: null })
      .catch((e: unknown) => e);
    expect((stolen as TRPCError).code).toBe('FORBIDDEN');
  });

  it.runIf(testDbKind() === 'postgres')(
    'does not let a pull pass a write that has taken its version but not yet committed',
    async () => {
      const clientId = randomUUID();
      const first = await pullAll(world.f.users.worker1, clientId, null);
      const args = newContact(world.f.cases.ofWorker1);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let inserted: () => void = () => {};
      const didInsert = new Promise<void>((r) => (inserted = r));
      const writer = inTransaction(world.database.db, async (tx) => {
        const rowVersion = await nextVersion(tx, world.f.orgA);
        await tx.insert(contacts).values({
          ...args,
          organisationId: world.f.orgA,
          occurredAt: new Date(args.occurredAt),
          authorId: world.f.users.worker1.id,
          rowVersion,
        });
        inserted();
        await held;
      });
      await didInsert;
      const during = await pullAll(world.f.users.worker1, clientId, first.cookie);
      expect(during.rows).toEqual([]);
      release();
      await writer;
      const after = await pullAll(world.f.users.worker1, clientId, during.cookie);
      expect(after.rows.map((r) => r.id)).toEqual([args.id]);
    },
  );
});
