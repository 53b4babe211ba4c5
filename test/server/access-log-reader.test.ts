/**
 * The beheerder's access-log screen on the server: "who looked at this
 * child's file, and when". Step-up first, own organisation only, and the
 * reading itself lands in the log.
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();
const now = new Date('2026-11-24T10:00:00Z');

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: TRPCError) => e.code,
  );

describe('accessLog for the beheerder', () => {
  it("lists who opened a child's file, newest first, with role and result, and logs the reading", async () => {
    const { database, f } = world;
    await callerFor(database, f.users.worker1, { now }).cases.file({ caseId: f.cases.ofWorker1 });
    await codeOf(callerFor(database, f.users.worker2, { now }).cases.file({ caseId: f.cases.ofWorker1 }));

    const admin = callerFor(database, f.users.admin, { now });
    const hits = await admin.accessLog.searchCases({ query: 'anna' });
    expect(hits.map((h) => h.caseId)).toEqual([f.cases.ofWorker1]);

    const page = await admin.accessLog.forCase({ caseId: f.cases.ofWorker1 });
    expect(page.name).toContain('Anna');
    const [newest, ...older] = page.lines;
    expect(newest).toMatchObject({
      userName: f.users.admin.displayName,
      procedure: 'accessLog.forCase',
      action: 'read',
    });
    expect(older).toContainEqual(
      expect.objectContaining({
        userName: f.users.worker1.displayName,
        role: 'jeugdbeschermer',
        result: 'toegestaan',
      }),
    );
    expect(older).toContainEqual(
      expect.objectContaining({ userName: f.users.worker2.displayName, result: 'geweigerd' }),
    );
    expect(older).toContainEqual(
      expect.objectContaining({ procedure: 'accessLog.searchCases', action: 'search' }),
    );
    expect(page.lines.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
  });

  it('checks the chain on request and logs that too', async () => {
    const { database, f } = world;
    const check = await callerFor(database, f.users.admin, { now }).accessLog.verifyChain();
    expect(check).toMatchObject({ ok: true, problems: [] });
    expect(check.entries).toBeGreaterThan(3);
    const logged = await database.db
      .select({ id: accessLog.id })
      .from(accessLog)
      .where(and(eq(accessLog.userId, f.users.admin.id), eq(accessLog.procedure, 'accessLog.verifyChain')));
    expect(logged).toHaveLength(1);
  });

  it('needs a fresh authentication', async () => {
    const { database, f } = world;
    const stale = callerFor(database, f.users.admin, {
      now,
      authenticatedAt: new Date(now.getTime() - 3_600_000),
    });
    const error = await stale.accessLog.forCase({ caseId: f.cases.ofWorker1 }).catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    expect((error as TRPCError).cause?.name).toBe('StepUpRequired');
    expect(await codeOf(stale.accessLog.searchCases({ query: 'anna' }))).toBe('FORBIDDEN');
  });

  it("refuses another organisation's child, and everyone but the beheerder", async () => {
    const { database, f } = world;
    const admin = callerFor(database, f.users.admin, { now });
    expect(await codeOf(admin.accessLog.forCase({ caseId: f.cases.ofWorkerB }))).toBe('FORBIDDEN');
    expect(await admin.accessLog.searchCases({ query: 'Dewi' })).toEqual([]);
    const refused = await database.db
      .select({ result: accessLog.result })
      .from(accessLog)
      .where(and(eq(accessLog.caseId, f.cases.ofWorkerB), eq(accessLog.userId, f.users.admin.id)));
    expect(refused.map((r) => r.result)).toEqual(['geweigerd']);
    for (const user of [f.users.lead1, f.users.worker1, f.users.support]) {
      expect(
        await codeOf(callerFor(database, user, { now }).accessLog.forCase({ caseId: f.cases.ofWorker1 })),
      ).toBe('FORBIDDEN');
    }
  });

  it('refuses a search that is too short, with a Dutch message', async () => {
    const { database, f } = world;
    const error = await callerFor(database, f.users.admin, { now })
      .accessLog.searchCases({ query: 'a' })
      .catch((e: TRPCError) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toContain('minstens 2 tekens');
  });
});
