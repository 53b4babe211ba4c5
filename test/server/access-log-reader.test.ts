/**
 * The beheerder's access-log screen on the server: "who looked at this
 * child's file, and when". Step-up first, own organisation only, and the
 * reading itself lands in the log.
 */
import { randomUUID } from 'node:crypto';
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

    const page = await admin.accessLog.entries({ caseId: f.cases.ofWorker1 });
    expect(page.lines[0]?.caseName).toContain('Anna');
    const [newest, ...older] = page.lines;
    expect(newest).toMatchObject({
      userName: f.users.admin.displayName,
      what: 'Toegangslog bekeken',
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
      expect.objectContaining({ what: 'Gevonden bij zoeken in het toegangslog', action: 'search' }),
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
    const error = await stale.accessLog.entries({ caseId: f.cases.ofWorker1 }).catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    expect((error as TRPCError).cause?.name).toBe('StepUpRequired');
    expect(await codeOf(stale.accessLog.searchCases({ query: 'anna' }))).toBe('FORBIDDEN');
  });

  it("refuses another organisation's child, and everyone but the beheerder", async () => {
    const { database, f } = world;
    const admin = callerFor(database, f.users.admin, { now });
    expect(await codeOf(admin.accessLog.entries({ caseId: f.cases.ofWorkerB }))).toBe('FORBIDDEN');
    expect(await admin.accessLog.searchCases({ query: 'Dewi' })).toEqual([]);
    const refused = await database.db
      .select({ result: accessLog.result })
      .from(accessLog)
      .where(and(eq(accessLog.caseId, f.cases.ofWorkerB), eq(accessLog.userId, f.users.admin.id)));
    expect(refused.map((r) => r.result)).toEqual(['geweigerd']);
    for (const user of [f.users.lead1, f.users.worker1, f.users.support]) {
      expect(
        await codeOf(callerFor(database, user, { now }).accessLog.entries({ caseId: f.cases.ofWorker1 })),
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

  it('says in Dutch what happened and on which device, never a procedure name or a User-Agent', async () => {
    const { database, f } = world;
    const phone = callerFor(database, f.users.worker1, { now });
    const clientId = randomUUID();
    await phone.devices.register({ clientId, label: 'Android · Chrome', name: 'Werktelefoon Anna-team' });
    await phone.sync.reads({
      clientId,
      reads: [{ id: randomUUID(), caseId: f.cases.ofWorker1, at: now.toISOString() }],
    });
    await phone.cases.file({ caseId: f.cases.ofWorker1 });
    const page = await callerFor(database, f.users.admin, { now }).accessLog.entries({
      caseId: f.cases.ofWorker1,
    });
    expect(page.lines).toContainEqual(
      expect.objectContaining({ what: 'Dossier geopend op telefoon', device: 'Werktelefoon Anna-team' }),
    );
    expect(page.lines).toContainEqual(expect.objectContaining({ what: 'Dossier geopend op kantoor' }));
    for (const line of page.lines) {
      expect(line.what).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(line.device ?? '').not.toMatch(/Mozilla|^client /);
    }
  });

  it('finds the log of one user, and of a period, and refuses a user of another organisation', async () => {
    const { database, f } = world;
    // Two reads by worker2 (the log keeps the server's clock: written here with their times):
    // one just after midnight on 1 October (Dutch time, 22:30 UTC the day before), one on 3 October.
    const read = (at: string) => ({
      at: new Date(at),
      organisationId: f.users.worker2.organisationId,
      userId: f.users.worker2.id,
      role: 'jeugdbeschermer' as const,
      caseId: f.cases.ofWorker2,
      action: 'read',
      procedure: 'cases.file',
      result: 'toegestaan' as const,
    });
    await database.db
      .insert(accessLog)
      .values([read('2026-09-30T21:30:00Z'), read('2026-09-30T22:30:00Z'), read('2026-10-03T09:00:00Z')]);
    const admin = callerFor(database, f.users.admin, { now });
    const byUser = await admin.accessLog.entries({ userId: f.users.worker2.id });
    expect(byUser.lines.length).toBeGreaterThanOrEqual(2);
    expect(byUser.lines.every((l) => l.userName === f.users.worker2.displayName)).toBe(true);

    const firstOfOctober = await admin.accessLog.entries({
      userId: f.users.worker2.id,
      from: '2026-10-01',
      to: '2026-10-01',
    });
    expect(firstOfOctober.lines.map((l) => l.at)).toEqual(['2026-09-30T22:30:00.000Z']);
    const period = await admin.accessLog.entries({ from: '2026-10-02', to: '2026-10-03' });
    expect(period.lines.map((l) => l.at)).toEqual(['2026-10-03T09:00:00.000Z']);

    // Reading the log by user lists each child shown, in the log itself.
    const listed = await database.db
      .select({ caseId: accessLog.caseId, action: accessLog.action })
      .from(accessLog)
      .where(and(eq(accessLog.userId, f.users.admin.id), eq(accessLog.procedure, 'accessLog.entries')));
    expect(listed).toContainEqual({ caseId: f.cases.ofWorker2, action: 'list' });

    expect(await codeOf(admin.accessLog.entries({ userId: f.users.workerB.id }))).toBe('FORBIDDEN');
    const users = await admin.accessLog.users();
    expect(users.map((u) => u.id)).toContain(f.users.worker2.id);
    expect(users.map((u) => u.id)).not.toContain(f.users.workerB.id);
  });

  it('refuses a filter without child, user or period, and a period that ends before it starts, in Dutch', async () => {
    const { database, f } = world;
    const admin = callerFor(database, f.users.admin, { now });
    const none = await admin.accessLog.entries({}).catch((e: TRPCError) => e);
    expect((none as TRPCError).code).toBe('BAD_REQUEST');
    expect((none as TRPCError).message).toContain('Kies een kind, een gebruiker of een periode');
    const backwards = await admin.accessLog
      .entries({ from: '2026-10-05', to: '2026-10-01' })
      .catch((e: TRPCError) => e);
    expect((backwards as TRPCError).message).toContain('De einddatum ligt vóór de begindatum');
  });

  it('exports the filtered log as CSV only after a fresh authentication, and logs the export', async () => {
    const { database, f } = world;
    await callerFor(database, f.users.worker1, { now }).cases.file({ caseId: f.cases.ofWorker1 });
    const stale = callerFor(database, f.users.admin, {
      now,
      authenticatedAt: new Date(now.getTime() - 3_600_000),
    });
    const refused = await stale.accessLog.exportCsv({ caseId: f.cases.ofWorker1 }).catch((e: TRPCError) => e);
    expect((refused as TRPCError).cause?.name).toBe('StepUpRequired');

    const file = await callerFor(database, f.users.admin, { now }).accessLog.exportCsv({
      caseId: f.cases.ofWorker1,
    });
    expect(file.filename).toBe('toegangslog-begin-tot-2026-11-24.csv');
    const [header, ...rows] = file.csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe('Tijdstip;Ontvangen;Kind;Gebruiker;Rol;Namens;Wat;Resultaat;Toestel;Toelichting');
    expect(rows).toHaveLength(file.count);
    expect(rows.some((r) => r.includes('Dossier geopend op kantoor') && r.includes('worker1'))).toBe(true);
    const exported = await database.db
      .select({ caseId: accessLog.caseId })
      .from(accessLog)
      .where(
        and(
          eq(accessLog.userId, f.users.admin.id),
          eq(accessLog.procedure, 'accessLog.exportCsv'),
          eq(accessLog.action, 'export'),
        ),
      );
    expect(exported).toEqual([{ caseId: f.cases.ofWorker1 }]);
  });
});
