/**
 * Vitest browser commands: they run in Node, next to the browser, and give
 * browser tests a real server — the real routers and services on a real
 * PGlite — to sync against. Only plain data crosses to the browser.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { BrowserCommand } from 'vitest/node';
import type { Db } from '../../server/db/connection';
import { caseAssignments } from '../../server/db/schema';
import { nextVersion } from '../../server/sync/versions';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, type Fixture } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

let database: TestDatabase | null = null;
let fixture: Fixture | null = null;

function world() {
  if (!database || !fixture) throw new Error('call resetServer first');
  return { database, fixture };
}

type UserKey = keyof Fixture['users'];
type CaseKey = keyof Fixture['cases'];

const resetServer: BrowserCommand<[]> = async () => {
  await database?.dispose();
  database = await createTestDatabase();
  fixture = await buildFixture(database.db);
  return { users: fixture.users, cases: fixture.cases };
};

const serverCall: BrowserCommand<[user: UserKey, procedure: 'push' | 'pull', input: unknown]> = async (
  _ctx,
  user,
  procedure,
  input,
) => {
  const { database: db, fixture: f } = world();
  const caller = callerFor(db, f.users[user]);
  // biome-ignore lint/suspicious/noExplicitAny: the browser sends plain JSON; the router validates it.
  return procedure === 'push' ? caller.sync.push(input as any) : caller.sync.pull(input as any);
};

const reassignCase: BrowserCommand<[caseKey: CaseKey, to: UserKey]> = async (_ctx, caseKey, to) => {
  const { database: db, fixture: f } = world();
  const caseId = f.cases[caseKey];
  await db.db.transaction(async (tx) => {
    const rowVersion = await nextVersion(tx as unknown as Db, f.orgA);
    await tx
      .update(caseAssignments)
      .set({ untilDate: '2026-11-23', rowVersion })
      .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.untilDate)));
    await tx.insert(caseAssignments).values({
      id: randomUUID(),
      organisationId: f.orgA,
      caseId,
      userId: f.users[to].id,
      role: 'vast',
      fromDate: '2026-11-24',
      rowVersion,
    });
  });
  return true;
};

export const serverCommands = { resetServer, serverCall, reassignCase };

declare module 'vitest/browser' {
  interface BrowserCommands {
    resetServer: () => Promise<{ users: Fixture['users']; cases: Fixture['cases'] }>;
    serverCall: (user: UserKey, procedure: 'push' | 'pull', input: unknown) => Promise<unknown>;
    reassignCase: (caseKey: CaseKey, to: UserKey) => Promise<boolean>;
  }
}
