/**
 * The rows sync.pull sends are the ones shared/schemas/synced-rows.ts defines: every field, no
 * other, each of its type and within its limits (a strict parse of every row of every
 * jeugdbeschermer's first sync of the demo organisation, all thirteen entities).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../server/db/schema';
import { inTransaction } from '../../server/db/transaction';
import { seedDemoIfEmpty } from '../../server/seed/demo';
import { nextVersion } from '../../server/sync/versions';
import { type PulledRow, SYNC_ENTITIES } from '../../shared/schemas/sync';
import { syncedRowSchemas } from '../../shared/schemas/synced-rows';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { FixtureUser } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const TODAY = '2026-11-24';

describe('a pulled row', () => {
  let database: TestDatabase;
  let workers: FixtureUser[];
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoIfEmpty(database.db, TODAY);
    workers = (await database.db.select().from(t.users).where(eq(t.users.role, 'jeugdbeschermer'))).map(
      (u) => ({ ...u, role: 'jeugdbeschermer' as const }),
    );
    // The demo has no koers conflicts: one for the first worker, on a koers of theirs.
    const [worker] = workers;
    const [koers] = await database.db
      .select({ id: t.koersen.id, caseId: t.koersen.caseId })
      .from(t.koersen)
      .innerJoin(t.caseAssignments, eq(t.caseAssignments.caseId, t.koersen.caseId))
      // A case they carry now (the demo hands some cases over: an ended assignment is not theirs).
      .where(and(eq(t.caseAssignments.userId, worker?.id ?? ''), isNull(t.caseAssignments.untilDate)))
      .limit(1);
    if (!worker || !koers) throw new Error('the demo has no koers of a jeugdbeschermer');
    await inTransaction(database.db, async (tx) => {
      const rowVersion = await nextVersion(tx, worker.organisationId);
      await tx.insert(t.koersConflicts).values({
        id: randomUUID(),
        rowVersion,
        organisationId: worker.organisationId,
        caseId: koers.caseId,
        koersId: koers.id,
        field: 'visieGezin',
        theirs: 'Wat de collega schreef',
        mine: 'Wat ik schreef',
        authorId: worker.id,
        createdAt: new Date('2026-11-24T09:00:00.123Z'),
      });
      // Nor bijlagen: one the server refused (so its reason is filled in).
      await tx.insert(t.attachments).values({
        id: randomUUID(),
        rowVersion,
        organisationId: worker.organisationId,
        caseId: koers.caseId,
        contactId: null,
        kind: 'foto',
        mime: 'image/jpeg',
        bytes: 412_345,
        sha256: 'a'.repeat(64),
        fileName: 'Slaapkamer.jpg',
        addedAt: new Date('2026-11-24T09:05:00.456Z'),
        authorId: worker.id,
        status: 'refused',
        reason: 'verkeerd-type',
      });
    });
  });
  afterAll(() => database.dispose());

  it('has exactly the fields of its entity’s schema, each within its type and limits', async () => {
    const rows: PulledRow[] = [];
    for (const worker of workers) {
      const caller = callerFor(database, worker);
      const clientId = randomUUID();
      let cookie: string | null = null;
      do {
        const page = await caller.sync.pull({ clientId, cookie, limit: 5000 });
        rows.push(...page.rows);
        cookie = page.more ? page.cookie : null;
      } while (cookie);
    }
    expect(new Set(rows.map((r) => r.entity))).toEqual(new Set(SYNC_ENTITIES));
    const wrong = rows.flatMap((row) => {
      const parsed = syncedRowSchemas[row.entity].safeParse(row.data);
      return parsed.success ? [] : [{ entity: row.entity, id: row.id, issues: parsed.error.issues }];
    });
    expect(wrong).toEqual([]);
  });
});
