/**
 * Vitest browser commands: they run in Node, next to the browser, and give
 * browser tests a real server — the real routers and services on a real
 * PGlite — to sync against. Only plain data crosses to the browser.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { BrowserCommand } from 'vitest/node';
import type { Db } from '../../server/db/connection';
import { caseAssignments, contacts, koersConflicts, koersen, mutationResults } from '../../server/db/schema';
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

/** What the server holds for the property test's checks: contacts, koersen and conflicts of the fixture's cases. */
const serverState: BrowserCommand<[]> = async () => {
  const { database: db } = world();
  const [allContacts, allKoersen, conflicts, results] = await Promise.all([
    db.db.select({ id: contacts.id, caseId: contacts.caseId }).from(contacts),
    db.db.select({ id: koersen.id, status: koersen.status, content: koersen.content }).from(koersen),
    db.db
      .select({ koersId: koersConflicts.koersId, field: koersConflicts.field, mine: koersConflicts.mine })
      .from(koersConflicts),
    db.db
      .select({
        clientId: mutationResults.clientId,
        mutationId: mutationResults.mutationId,
        status: mutationResults.status,
        name: mutationResults.name,
        args: mutationResults.args,
      })
      .from(mutationResults),
  ]);
  return { contacts: allContacts, koersen: allKoersen, conflicts, results };
};

export const serverCommands = { resetServer, serverCall, reassignCase, serverState };

declare module 'vitest/browser' {
  interface BrowserCommands {
    resetServer: () => Promise<{ users: Fixture['users']; cases: Fixture['cases'] }>;
    serverCall: (user: UserKey, procedure: 'push' | 'pull', input: unknown) => Promise<unknown>;
    reassignCase: (caseKey: CaseKey, to: UserKey) => Promise<boolean>;
    serverState: () => Promise<{
      contacts: { id: string; caseId: string }[];
      koersen: { id: string; status: string; content: Record<string, unknown> }[];
      conflicts: { koersId: string; field: string; mine: unknown }[];
      results: { clientId: string; mutationId: number; status: string; name: string; args: unknown }[];
    }>;
  }
}
