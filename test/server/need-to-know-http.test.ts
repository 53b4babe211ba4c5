/**
 * Need-to-know over HTTP, as an outside reviewer probes it: a real listening server with the demo
 * data, signed in with a cookie as the demo's support worker (noor.jansen), team lead
 * (ingrid.visser) and beheerder (karin.bos). The office roles get no bulk pull; support staff no
 * case file, and at the desk nothing of the network, the family or the koers beyond the goals the
 * request names; the team lead the team's files one by one, logged.
 */

import { and, eq, inArray, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import * as t from '../../server/db/schema';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../server/seed/demo';
import { DESK_VERWIJZING_STATUSES } from '../../server/services/access';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoIfEmpty(database.db);
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }), database });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  app?.server.closeAllConnections();
  await app?.close();
  await database?.dispose();
});

interface Answer {
  status: number;
  body: { result?: { data?: unknown }; error?: { message: string; data?: { code?: string } } };
  text: string;
}

/** A tRPC call as the browser's client makes it: POST with JSON, the session cookie, our own Origin. */
async function call(path: string, input: unknown, cookie?: string): Promise<Answer> {
  const res = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

async function signIn(username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `sign-in ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie for ${username}`);
  return cookie;
}

const userId = async (username: string) => {
  const [u] = await database.db
    .select({ id: t.users.id, teamId: t.users.teamId })
    .from(t.users)
    .where(eq(t.users.username, username));
  if (!u) throw new Error(`demo user ${username} missing`);
  return u;
};

/** Everything of a child's file a support worker must not receive: the network's phones and notes, the koers. */
async function fileSecretsOf(caseId: string): Promise<string[]> {
  const [c] = await database.db
    .select({ gezinId: t.jeugdigen.gezinId, address: t.gezinnen.address })
    .from(t.cases)
    .innerJoin(t.jeugdigen, eq(t.jeugdigen.id, t.cases.jeugdigeId))
    .innerJoin(t.gezinnen, eq(t.gezinnen.id, t.jeugdigen.gezinId))
    .where(eq(t.cases.id, caseId));
  if (!c) throw new Error('demo case incomplete');
  const network = await database.db
    .select({ phone: t.betrokkenen.phone, note: t.betrokkenen.note })
    .from(t.betrokkenen)
    .where(eq(t.betrokkenen.gezinId, c.gezinId));
  const koers = await database.db
    .select({ content: t.koersen.content })
    .from(t.koersen)
    .where(eq(t.koersen.caseId, caseId));
  return [
    c.address,
    ...network.flatMap((p) => [p.phone, p.note]),
    ...koers.flatMap((k) => [
      ...k.content.zorgpunten,
      ...k.content.ontwikkelingsbedreigingen,
      ...k.content.veiligheidsafspraken,
    ]),
  ].filter((s) => s.length > 3);
}

describe('sync.pull over HTTP', () => {
  it.each([
    ['noor.jansen', 'ondersteuner'],
    ['ingrid.visser', 'teamleider'],
    ['karin.bos', 'beheerder'],
  ])('refuses %s (%s): office roles read through their screens, never in bulk', async (username, role) => {
    const cookie = await signIn(username);
    const answer = await call(
      'sync.pull',
      { clientId: crypto.randomUUID(), cookie: null, limit: 5000 },
      cookie,
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toBe(
      `Synchroniseren van dossiers naar een toestel is alleen voor jeugdbeschermer; als ${role} leest u via de online schermen`,
    );
    expect(answer.text).not.toContain('"rows"');
    const { id } = await userId(username);
    const refused = await database.db
      .select({ result: t.accessLog.result })
      .from(t.accessLog)
      .where(and(eq(t.accessLog.userId, id), eq(t.accessLog.procedure, 'sync.pull')));
    expect(refused).toEqual([{ result: 'geweigerd' }]);
  });
});

describe('support staff over HTTP (noor.jansen)', () => {
  it('get no case file, not even of a child at the desk', async () => {
    const cookie = await signIn('noor.jansen');
    const [open] = await database.db
      .select({ caseId: t.verwijzingen.caseId })
      .from(t.verwijzingen)
      .where(inArray(t.verwijzingen.status, [...DESK_VERWIJZING_STATUSES]))
      .limit(1);
    if (!open) throw new Error('demo has no open request');
    const answer = await call('cases.file', { caseId: open.caseId }, cookie);
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toMatch(/verwijsdesk/);
    for (const secret of await fileSecretsOf(open.caseId)) expect(answer.text).not.toContain(secret);
  });

  it('see at the desk the children with an open request, and of each request nothing of the network or koers', async () => {
    const cookie = await signIn('noor.jansen');
    const queue = await call('verwijzingen.queue', {}, cookie);
    expect(queue.status).toBe(200);
    const rows = queue.body.result?.data as { id: string; caseId: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const openCases = await database.db
      .selectDistinct({ caseId: t.verwijzingen.caseId })
      .from(t.verwijzingen)
      .where(inArray(t.verwijzingen.status, [...DESK_VERWIJZING_STATUSES]));
    const open = new Set(openCases.map((c) => c.caseId));
    expect(rows.every((r) => open.has(r.caseId))).toBe(true);

    for (const r of rows.slice(0, 5)) {
      const detail = await call('verwijzingen.get', { id: r.id }, cookie);
      expect(detail.status).toBe(200);
      for (const secret of await fileSecretsOf(r.caseId)) expect(detail.text).not.toContain(secret);
    }
  });
});

describe('team leads over HTTP (ingrid.visser)', () => {
  it('open a case of their team on line, logged, with the network’s numbers but not its notes', async () => {
    const cookie = await signIn('ingrid.visser');
    const ingrid = await userId('ingrid.visser');
    const teamCases = await database.db
      .select({ id: t.cases.id, gezinId: t.jeugdigen.gezinId })
      .from(t.cases)
      .innerJoin(t.jeugdigen, eq(t.jeugdigen.id, t.cases.jeugdigeId))
      .where(and(eq(t.cases.teamId, ingrid.teamId ?? ''), eq(t.cases.status, 'actief')));
    // A case whose network has a note, so leaving it out is visible.
    const [withNote] = await database.db
      .select({ id: t.cases.id, note: t.betrokkenen.note })
      .from(t.cases)
      .innerJoin(t.jeugdigen, eq(t.jeugdigen.id, t.cases.jeugdigeId))
      .innerJoin(t.betrokkenen, eq(t.betrokkenen.gezinId, t.jeugdigen.gezinId))
      .where(
        and(
          eq(t.cases.teamId, ingrid.teamId ?? ''),
          eq(t.cases.status, 'actief'),
          ne(t.betrokkenen.note, ''),
        ),
      )
      .limit(1);
    if (!withNote) throw new Error('demo: no team case with a network note');
    const file = await call('cases.file', { caseId: withNote.id }, cookie);
    expect(file.status).toBe(200);
    const data = file.body.result?.data as { network: Record<string, unknown>[] };
    expect(data.network.length).toBeGreaterThan(0);
    expect(data.network.some((p) => typeof p.phone === 'string' && p.phone.length > 0)).toBe(true);
    expect(data.network.every((p) => !('note' in p))).toBe(true);
    expect(file.text).not.toContain(withNote.note);
    const logged = await database.db
      .select({ result: t.accessLog.result })
      .from(t.accessLog)
      .where(
        and(
          eq(t.accessLog.userId, ingrid.id),
          eq(t.accessLog.caseId, withNote.id),
          eq(t.accessLog.procedure, 'cases.file'),
        ),
      );
    expect(logged).toEqual([{ result: 'toegestaan' }]);

    // Another team's case: refused.
    const [other] = await database.db
      .select({ id: t.cases.id })
      .from(t.cases)
      .where(and(eq(t.cases.status, 'actief')))
      .then((all) => all.filter((c) => !teamCases.some((own) => own.id === c.id)));
    if (!other) throw new Error('demo: no other team');
    expect((await call('cases.file', { caseId: other.id }, cookie)).status).toBe(403);
  });
});

describe('the beheerder over HTTP (karin.bos)', () => {
  it('gets no case file', async () => {
    const cookie = await signIn('karin.bos');
    const [any] = await database.db.select({ id: t.cases.id }).from(t.cases).limit(1);
    const answer = await call('cases.file', { caseId: any?.id }, cookie);
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain('"network"');
  });
});
