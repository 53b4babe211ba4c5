import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessLog, caseAssignments, koersen } from '../../server/db/schema';
import { emptyKoersContent } from '../../shared/schemas/koers';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

// Team Een on Tue 24 Nov 2026: Anna (ruling 1 Oct, koers due 12 Nov, none: 12 days over) and
// Bram (ruling 1 Sep, koers due 13 Oct: first vastgesteld on the due day, revised on 10 Nov;
// help due 1 Dec: upcoming). Anna moved from worker1 to worker2 on 2 Nov.
// Team Twee: Cas (ruling 1 Aug, no koers, no help).
beforeAll(async () => {
  const { f, database } = world;
  const db = database.db;
  const koers = (version: number, agreedOn: string) => ({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId: f.cases.ofWorker2,
    version,
    status: 'vastgesteld' as const,
    content: emptyKoersContent(),
    agreement: { gezin: true, jeugdige: true, netwerk: false, toelichting: '' },
    agreedOn,
    createdBy: f.users.worker2.id,
  });
  await db.insert(koersen).values([koers(1, '2026-10-13'), koers(2, '2026-11-10')]);
  await db
    .update(caseAssignments)
    .set({ untilDate: '2026-11-01' })
    .where(eq(caseAssignments.caseId, f.cases.ofWorker1));
  await db.insert(caseAssignments).values({
    id: randomUUID(),
    organisationId: f.orgA,
    caseId: f.cases.ofWorker1,
    userId: f.users.worker2.id,
    role: 'vast',
    fromDate: '2026-11-02',
  });
});

/** The CSV's data rows, split into cells (no quoting needed for these values). */
const csvRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(';'));

describe('normsDashboard', () => {
  it('counts the team lead’s own team, and the numbers equal the lists', async () => {
    const { f, database } = world;
    const board = await callerFor(database, f.users.lead1).normsDashboard.board({ groupBy: 'team' });
    expect(board.peildatum).toBe('2026-11-24');
    expect(board.groups).toEqual([
      {
        key: 'team',
        label: 'Team Een',
        norms: {
          vasteJeugdbeschermer: { counted: 2, met: 2, share: 1 },
          koers: { counted: 2, met: 1, share: 0.5 },
          passendeHulp: { counted: 0, met: 0, share: null },
        },
      },
    ]);
    expect(board.breaches.map((b) => [b.norm, b.caseId, b.daysOver])).toEqual([
      ['koers', f.cases.ofWorker1, 12],
    ]);
    for (const norm of ['vasteJeugdbeschermer', 'koers', 'passendeHulp'] as const) {
      const n = board.groups[0]?.norms[norm];
      expect(board.breaches.filter((b) => b.norm === norm)).toHaveLength((n?.counted ?? 0) - (n?.met ?? 0));
    }
    expect(board.upcoming.map((u) => [u.kind, u.caseId, u.daysLeft])).toEqual([
      ['passendeHulp', f.cases.ofWorker2, 7],
    ]);
    expect(board.trend).toHaveLength(12);
    expect(board.trend.at(-1)?.groups).toEqual(board.groups);
  });

  it('attributes a transferred case to its current vaste jeugdbeschermer', async () => {
    const { f, database } = world;
    const board = await callerFor(database, f.users.lead1).normsDashboard.board({ groupBy: 'worker' });
    expect(board.groups.map((g) => [g.key, g.norms.koers.counted])).toEqual([[f.users.worker2.id, 2]]);
    expect(board.breaches[0]?.workerName).toBe('worker2');
    const october = await callerFor(database, f.users.lead1).normsDashboard.board({
      groupBy: 'worker',
      peildatum: '2026-10-31',
    });
    expect(october.groups.map((g) => g.key).sort()).toEqual([f.users.worker1.id, f.users.worker2.id].sort());
  });

  it('shows a team lead only their own team; support staff have the desk report instead', async () => {
    const { f, database } = world;
    const other = await callerFor(database, f.users.lead2).normsDashboard.board({ groupBy: 'team' });
    const caseIds = new Set([...other.breaches, ...other.upcoming].map((r) => r.caseId));
    expect([...caseIds]).toEqual([f.cases.ofWorker3]);
    expect(other.groups[0]?.norms.vasteJeugdbeschermer.counted).toBe(1);
    // It names children with their norms and workers: not what a referral needs.
    await expect(
      callerFor(database, f.users.support).normsDashboard.board({ groupBy: 'team' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(database, f.users.worker1).normsDashboard.board({ groupBy: 'team' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('exports exactly the list as CSV and logs each exported child', async () => {
    const { f, database } = world;
    const caller = callerFor(database, f.users.lead1);
    const board = await caller.normsDashboard.board({ groupBy: 'region' });
    const region = board.groups[0]?.key ?? '';
    const file = await caller.normsDashboard.exportCsv({
      groupBy: 'region',
      groupKey: region,
      list: 'breaches',
      norm: 'koers',
    });
    expect(file.csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csvRows(file.csv);
    expect(header?.[0]).toBe('Norm');
    const listed = board.breaches.filter((b) => b.norm === 'koers');
    expect(rows.map((r) => [r[1], r[2], r[4], Number(r[6])])).toEqual(
      listed.map((b) => [b.name, b.workerName, b.dueDate, b.daysOver]),
    );
    expect(rows).toHaveLength(
      (board.groups[0]?.norms.koers.counted ?? 0) - (board.groups[0]?.norms.koers.met ?? 0),
    );
    const upcoming = await caller.normsDashboard.exportCsv({ groupBy: 'team', list: 'upcoming' });
    expect(csvRows(upcoming.csv)).toHaveLength(1 + board.upcoming.length);

    const logged = await database.db
      .select({ action: accessLog.action, procedure: accessLog.procedure })
      .from(accessLog)
      .where(and(eq(accessLog.caseId, f.cases.ofWorker1), eq(accessLog.userId, f.users.lead1.id)));
    expect(logged).toContainEqual({ action: 'export', procedure: 'normsDashboard.exportCsv' });
    expect(logged).toContainEqual({ action: 'list', procedure: 'normsDashboard.board' });
  });
});
