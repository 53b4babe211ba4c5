/**
 * Version skew between phone and server: the phone sends its sync protocol
 * version with push and pull. The server serves the current and the previous
 * version; an older phone is told to update, a newer one that the server is
 * behind; a refused call applies nothing, so the phone's outbox stays whole
 * and its resend lands exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contacts, mutationResults } from '../../server/db/schema';
import {
  checkSyncProtocol,
  SERVER_BEHIND_MESSAGE,
  UPDATE_REQUIRED_MESSAGE,
} from '../../server/sync/protocol-version';
import { OLDEST_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION } from '../../shared/schemas/sync';
import { logContactArgs } from '../helpers/contact-args';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { callerFor } from '../helpers/server';

const world = fixtureDatabaseForFile();

const contact = (caseId: string) =>
  logContactArgs(caseId, { report: 'Huisbezoek tijdens een update van de app.' });

const contactsWith = (id: string) =>
  world.database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, id));
const resultsOf = (clientId: string) =>
  world.database.db
    .select({ id: mutationResults.mutationId })
    .from(mutationResults)
    .where(eq(mutationResults.clientId, clientId));

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (err) {
    return err as TRPCError;
  }
  throw new Error('expected a refusal');
}

describe('sync protocol versions', () => {
  it('speaks version 2 and still serves version 1', () => {
    expect(SYNC_PROTOCOL_VERSION).toBe(2);
    expect(OLDEST_SYNC_PROTOCOL_VERSION).toBe(1);
  });

  it('serves a phone of the previous version (no version sent) as before: push and pull work, a resend counts once', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const push = { clientId, mutations: [{ id: 1, name: 'logContact' as const, args }] };
    expect(await caller.sync.push(push)).toMatchObject({ status: 'ok', lastMutationId: 1 });
    expect(await caller.sync.push(push)).toMatchObject({ status: 'ok', lastMutationId: 1 });
    const page = await caller.sync.pull({ clientId, cookie: null });
    expect(page.lastMutationId).toBe(1);
    expect(page.rows.some((r) => r.entity === 'contact' && r.id === args.id)).toBe(true);
    expect(await contactsWith(args.id)).toHaveLength(1);
  });

  it('counts a mutation pushed by the old app and resent by the updated app once', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    // The old app's push committed, its answer was lost; the updated app sends the same outbox entry.
    await caller.sync.push({ clientId, mutations: [{ id: 1, name: 'logContact', args }] });
    const again = await caller.sync.push({
      clientId,
      mutations: [{ id: 1, name: 'logContact', args }],
      protocolVersion: SYNC_PROTOCOL_VERSION,
    });
    expect(again).toEqual({ status: 'ok', lastMutationId: 1, outcomes: [{ id: 1, status: 'toegepast' }] });
    expect(await contactsWith(args.id)).toHaveLength(1);
    expect(await resultsOf(clientId)).toHaveLength(1);
  });

  it('tells a phone older than it serves to update (PRECONDITION_FAILED) and applies nothing of its push', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const err = await refusal(
      caller.sync.push({ clientId, mutations: [{ id: 1, name: 'logContact', args }], protocolVersion: 0 }),
    );
    expect(err.code).toBe('PRECONDITION_FAILED');
    expect(err.message).toBe(UPDATE_REQUIRED_MESSAGE);
    const pullErr = await refusal(caller.sync.pull({ clientId, cookie: null, protocolVersion: 0 }));
    expect(pullErr.code).toBe('PRECONDITION_FAILED');
    expect(await contactsWith(args.id)).toHaveLength(0);
    expect(await resultsOf(clientId)).toHaveLength(0);
    // Updated, the phone sends the same outbox: it lands once.
    const after = await caller.sync.push({
      clientId,
      mutations: [{ id: 1, name: 'logContact', args }],
      protocolVersion: SYNC_PROTOCOL_VERSION,
    });
    expect(after).toMatchObject({ status: 'ok', lastMutationId: 1 });
    expect(await contactsWith(args.id)).toHaveLength(1);
  });

  it('tells a phone newer than the server that the server is behind (NOT_IMPLEMENTED), applies nothing, and takes the resend once', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const mutations = [{ id: 1, name: 'logContact' as const, args }];
    const err = await refusal(
      caller.sync.push({ clientId, mutations, protocolVersion: SYNC_PROTOCOL_VERSION + 1 }),
    );
    expect(err.code).toBe('NOT_IMPLEMENTED');
    expect(err.message).toBe(SERVER_BEHIND_MESSAGE);
    expect((await refusal(caller.sync.pull({ clientId, cookie: null, protocolVersion: 3 }))).code).toBe(
      'NOT_IMPLEMENTED',
    );
    expect(await contactsWith(args.id)).toHaveLength(0);
    await caller.sync.push({ clientId, mutations, protocolVersion: SYNC_PROTOCOL_VERSION });
    await caller.sync.push({ clientId, mutations, protocolVersion: SYNC_PROTOCOL_VERSION });
    expect(await contactsWith(args.id)).toHaveLength(1);
    expect(await resultsOf(clientId)).toHaveLength(1);
  });

  it('refuses a field it does not know (what a server from before the handshake answers a new phone) with BAD_REQUEST naming it, applying nothing', async () => {
    const caller = callerFor(world.database, world.f.users.worker1);
    const clientId = randomUUID();
    const args = contact(world.f.cases.ofWorker1);
    const err = await refusal(
      caller.sync.push({
        clientId,
        mutations: [{ id: 1, name: 'logContact', args }],
        // A field of a later protocol: the strict schema refuses the whole push.
        futureField: 1,
      } as never),
    );
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('futureField');
    expect(await contactsWith(args.id)).toHaveLength(0);
  });

  it('accepts exactly the range it was built for', () => {
    const supported = { oldest: 2, current: 3 };
    expect(() => checkSyncProtocol(undefined, supported)).toThrow(UPDATE_REQUIRED_MESSAGE);
    expect(checkSyncProtocol(2, supported)).toBe(2);
    expect(checkSyncProtocol(3, supported)).toBe(3);
    expect(() => checkSyncProtocol(4, supported)).toThrow(SERVER_BEHIND_MESSAGE);
  });
});
