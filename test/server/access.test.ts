import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../server/db/schema';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

async function expectForbidden(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('FORBIDDEN');
}

const logRows = (userId: string, caseId: string) =>
  world.database.db
    .select({
      result: accessLog.result,
      action: accessLog.action,
      procedure: accessLog.procedure,
      role: accessLog.role,
    })
    .from(accessLog)
    .where(and(eq(accessLog.userId, userId), eq(accessLog.caseId, caseId)));

describe('a jeugdbeschermer opening a case file', () => {
  it("is refused another worker's child with FORBIDDEN, and the attempt is logged", async () => {
    const { worker1 } = world.f.users;
    await expectForbidden(callerFor(world.database, worker1).cases.file({ caseId: world.f.cases.ofWorker2 }));
    expect(await logRows(worker1.id, world.f.cases.ofWorker2)).toEqual([
      { result: 'geweigerd', action: 'read', procedure: 'cases.file', role: 'jeugdbeschermer' },
    ]);
  });

  it('is refused a child of another organisation, and a made-up id the same way', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    await expectForbidden(caller.cases.file({ caseId: world.f.cases.ofWorkerB }));
    await expectForbidden(caller.cases.file({ caseId: '00000000-0000-4000-8000-000000000000' }));
  });

  it('opens their own child, with the report, and the read is logged', async () => {
    const { worker1 } = world.f.users;
    const file = await callerFor(world.database, worker1).cases.file({ caseId: world.f.cases.ofWorker1 });
    expect(file.summary.jeugdigeName).toBe('Anna Testkind');
    expect(file.contacts[0]?.report).toContain('Verslag over Anna');
    expect(await logRows(worker1.id, world.f.cases.ofWorker1)).toContainEqual({
      result: 'toegestaan',
      action: 'read',
      procedure: 'cases.file',
      role: 'jeugdbeschermer',
    });
  });

  it('has no access on days before their assignment starts', async () => {
    const { worker2 } = world.f.users;
    const caller = (day: string) => callerFor(world.database, worker2, { now: new Date(`${day}T10:00:00Z`) });
    await expect(caller('2026-11-24').cases.file({ caseId: world.f.cases.ofWorker2 })).resolves.toBeTruthy();
    await expectForbidden(caller('2026-08-01').cases.file({ caseId: world.f.cases.ofWorker2 }));
  });
});

describe('Mijn caseload', () => {
  it("lists exactly the worker's own open cases, with the three norm states", async () => {
    const rows = await callerFor(world.database, world.f.users.worker1).cases.mine();
    expect(rows.map((r) => r.caseId)).toEqual([world.f.cases.ofWorker1]);
    const row = rows[0];
    expect(row?.norms.vasteJeugdbeschermer.state).toBe('voldaan');
    // Ruling 1 Oct 2026, no koers by 24 Nov: six weeks passed on 12 Nov.
    expect(row?.norms.koers).toMatchObject({ dueDate: '2026-11-12', state: 'te-laat' });
    expect(row?.norms.passendeHulp).toMatchObject({ dueDate: '2027-01-01', state: 'op-tijd' });
  });

  it('logs one list entry per child shown', async () => {
    const { worker3 } = world.f.users;
    await callerFor(world.database, worker3).cases.mine();
    expect(await logRows(worker3.id, world.f.cases.ofWorker3)).toContainEqual({
      result: 'toegestaan',
      action: 'list',
      procedure: 'cases.list',
      role: 'jeugdbeschermer',
    });
  });

  it('is for jeugdbeschermers only', async () => {
    await expectForbidden(callerFor(world.database, world.f.users.lead1).cases.mine());
  });
});

describe("The team's cases", () => {
  it("lists the team lead's own team's cases, not another team's or organisation's", async () => {
    const rows = await callerFor(world.database, world.f.users.lead1).cases.team();
    const ids = rows.map((r) => r.caseId);
    expect(ids).toContain(world.f.cases.ofWorker1);
    expect(ids).not.toContain(world.f.cases.ofWorkerB);
    const other = await callerFor(world.database, world.f.users.lead2).cases.team();
    expect(other.map((r) => r.caseId).filter((id) => ids.includes(id))).toEqual([]);
  });

  it('is for team leads only', async () => {
    await expectForbidden(callerFor(world.database, world.f.users.worker1).cases.team());
  });
});

describe('other roles', () => {
  it("lets a team lead open their own team's cases but not another team's", async () => {
    const caller = callerFor(world.database, world.f.users.lead1);
    await expect(caller.cases.file({ caseId: world.f.cases.ofWorker2 })).resolves.toBeTruthy();
    await expectForbidden(caller.cases.file({ caseId: world.f.cases.ofWorker3 }));
  });

  it('refuses support staff the case file: the referral desk shows what a referral needs', async () => {
    const error = await callerFor(world.database, world.f.users.support)
      .cases.file({ caseId: world.f.cases.ofWorker3 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/verwijsdesk/) });
  });

  it('gives the beheerder no case content at all', async () => {
    await expectForbidden(
      callerFor(world.database, world.f.users.admin).cases.file({ caseId: world.f.cases.ofWorker1 }),
    );
  });

  it('refuses anyone not signed in with UNAUTHORIZED', async () => {
    const error = await callerFor(world.database, null)
      .cases.file({ caseId: world.f.cases.ofWorker1 })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
  });

  it('shows a team lead their workers with case counts', async () => {
    const workers = await callerFor(world.database, world.f.users.lead1).team.overview();
    expect(workers.map((w) => [w.displayName, w.caseCount])).toEqual([
      ['worker1', 1],
      ['worker2', 1],
    ]);
  });
});
