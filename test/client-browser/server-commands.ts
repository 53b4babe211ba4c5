/**
 * Vitest browser commands: they run in Node, next to the browser, and give
 * browser tests a real server — the real routers and services on a real
 * PGlite — to sync against. Only plain data crosses to the browser.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { BrowserCommand } from 'vitest/node';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Db } from '../../server/db/connection';
import {
  accessLog,
  beschikkingen,
  betrokkenen,
  caseAssignments,
  cases,
  contacts,
  gemeenten,
  gezinnen,
  jeugdigen,
  koersConflicts,
  koersen,
  maatregelen,
  mutationResults,
  organisationSettings,
  verwijzingen,
} from '../../server/db/schema';
import { inTransaction } from '../../server/db/transaction';
import { createSession } from '../../server/services/auth';
import { SessionLockError } from '../../server/services/session-lock';
import { nextVersion } from '../../server/sync/versions';
import { DEFAULT_CASELOAD_NORM, DEFAULT_CASELOAD_WEIGHTS } from '../../shared/rules/caseload';
import type { HolidayPolicy } from '../../shared/rules/working-days';
import { emptyKoersContent } from '../../shared/schemas/koers';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { buildFixture, type Fixture } from '../helpers/fixture';
import { callerFor, testConfig } from '../helpers/server';

let database: TestDatabase | null = null;
let fixture: Fixture | null = null;
let app: FastifyInstance | null = null;

function world() {
  if (!database || !fixture) throw new Error('call resetServer first');
  return { database, fixture };
}

type UserKey = keyof Fixture['users'];
type CaseKey = keyof Fixture['cases'];

const resetServer: BrowserCommand<[]> = async () => {
  await app?.close();
  app = null;
  await database?.dispose();
  sessionsOf.clear();
  database = await createTestDatabase();
  fixture = await buildFixture(database.db);
  return {
    users: fixture.users,
    cases: fixture.cases,
    regionId: fixture.regionId,
    gemeenteId: fixture.gemeenteId,
  };
};

/**
 * sync.push / sync.pull / sync.reads / kaart.forDevice, `caseload` for cases.mine (the server's own
 * norm states), and for the desk and beheer: verwijzingen.step, kaart.saveAanbieder, kaart.saveArrangement.
 */
type Procedure =
  | 'push'
  | 'pull'
  | 'reads'
  | 'kaart'
  | 'caseload'
  | 'referralStep'
  | 'saveAanbieder'
  | 'saveArrangement';

const serverCall: BrowserCommand<[user: UserKey, procedure: Procedure, input: unknown]> = async (
  _ctx,
  user,
  procedure,
  input,
) => {
  const { database: db, fixture: f } = world();
  const caller = callerFor(db, f.users[user]);
  // biome-ignore lint/suspicious/noExplicitAny: the browser sends plain JSON; the router validates it.
  const json = input as any;
  switch (procedure) {
    case 'push':
      return caller.sync.push(json);
    case 'pull':
      return caller.sync.pull(json);
    case 'reads':
      return caller.sync.reads(json);
    case 'kaart':
      return caller.kaart.forDevice(json);
    case 'referralStep':
      return caller.verwijzingen.step(json);
    case 'saveAanbieder':
      return caller.kaart.saveAanbieder(json);
    case 'saveArrangement':
      return caller.kaart.saveArrangement(json);
    case 'caseload':
      return caller.cases.mine();
  }
};

/**
 * A POST to the real HTTP app (Fastify + tRPC adapter) on the same database, without a
 * session cookie: what a device whose session ran out gets back, byte for byte.
 */
const httpPost: BrowserCommand<[path: string, body: string]> = async (_ctx, path, body) => {
  const { database: db } = world();
  app ??= await buildApp({
    config: loadConfig({ NODE_ENV: 'test', STATIC_DIR: '/nonexistent' }),
    database: db,
  });
  const res = await app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json' },
    payload: body,
  });
  return { status: res.statusCode, body: res.body };
};

const reassignCase: BrowserCommand<[caseKey: CaseKey, to: UserKey]> = async (_ctx, caseKey, to) => {
  const { database: db, fixture: f } = world();
  const caseId = f.cases[caseKey];
  await inTransaction(db.db, async (tx) => {
    const rowVersion = await nextVersion(tx, f.orgA);
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

/** A koers of organisation A (a concept by worker1 unless `patch` says otherwise). */
const koersRow = (
  f: Fixture,
  caseId: string,
  rowVersion: number,
  patch: Partial<typeof koersen.$inferInsert>,
) => ({
  id: randomUUID(),
  organisationId: f.orgA,
  caseId,
  version: 1,
  status: 'concept' as const,
  content: emptyKoersContent(),
  agreement: { gezin: false, jeugdige: false, netwerk: false, toelichting: '' },
  createdBy: f.users.worker1.id,
  rowVersion,
  ...patch,
});

/** A contact of organisation A (a home visit by worker1 unless `patch` says otherwise). */
const contactRow = (
  f: Fixture,
  caseId: string,
  rowVersion: number,
  patch: Partial<typeof contacts.$inferInsert> & { occurredAt: Date; report: string },
) => ({
  id: randomUUID(),
  organisationId: f.orgA,
  caseId,
  kind: 'huisbezoek' as const,
  present: ['moeder'],
  childSeen: true,
  authorId: f.users.worker1.id,
  rowVersion,
  ...patch,
});

/** One more child of worker1's caseload, with exactly the facts the three norms count from. */
interface CaseSpec {
  firstName: string;
  lastName: string;
  gemeenteId: string;
  rulingDate: string;
  endDate: string;
  /** worker1 carries the case (vast, from this day) or stands in for it (waarnemer). */
  worker1: { role: 'vast' | 'waarnemer'; from: string };
  koersAgreedOn?: string;
  help?: { requestedAt: string; startedOn: string };
  contacts?: { at: string; report: string }[];
  network?: { name: string; relation: string; hasCustody: boolean; phone?: string }[];
}

async function addWorker1Case(tx: Db, f: Fixture, rowVersion: number, spec: CaseSpec) {
  const org = f.orgA;
  const ids = { gezin: randomUUID(), jeugdige: randomUUID(), case: randomUUID(), maatregel: randomUUID() };
  const contactIds: string[] = [];
  await tx.insert(gezinnen).values({
    id: ids.gezin,
    organisationId: org,
    name: `Gezin ${spec.lastName}`,
    gemeenteId: spec.gemeenteId,
    rowVersion,
  });
  await tx.insert(jeugdigen).values({
    id: ids.jeugdige,
    organisationId: org,
    gezinId: ids.gezin,
    firstName: spec.firstName,
    lastName: spec.lastName,
    birthDate: '2014-03-15',
    gemeenteId: spec.gemeenteId,
    rowVersion,
  });
  for (const b of spec.network ?? []) {
    await tx
      .insert(betrokkenen)
      .values({ id: randomUUID(), organisationId: org, gezinId: ids.gezin, ...b, rowVersion });
  }
  await tx.insert(cases).values({
    id: ids.case,
    organisationId: org,
    teamId: f.team1,
    jeugdigeId: ids.jeugdige,
    status: 'actief',
    openedOn: spec.rulingDate,
    rowVersion,
  });
  await tx.insert(maatregelen).values({
    id: ids.maatregel,
    organisationId: org,
    caseId: ids.case,
    type: 'ots',
    court: 'Rechtbank Rotterdam',
    rulingDate: spec.rulingDate,
    startDate: spec.rulingDate,
    endDate: spec.endDate,
    status: 'lopend',
    rowVersion,
  });
  await tx.insert(caseAssignments).values({
    id: randomUUID(),
    organisationId: org,
    caseId: ids.case,
    userId: f.users.worker1.id,
    role: spec.worker1.role,
    fromDate: spec.worker1.from,
    rowVersion,
  });
  if (spec.koersAgreedOn) {
    await tx.insert(koersen).values(
      koersRow(f, ids.case, rowVersion, {
        status: 'vastgesteld',
        agreement: { gezin: true, jeugdige: true, netwerk: false, toelichting: '' },
        agreedOn: spec.koersAgreedOn,
        updatedAt: new Date(`${spec.koersAgreedOn}T12:00:00Z`),
      }),
    );
  }
  if (spec.help) {
    await tx.insert(verwijzingen).values({
      id: randomUUID(),
      organisationId: org,
      caseId: ids.case,
      status: 'gestart',
      productCategory: '45',
      productName: 'Ambulante gezinsbehandeling',
      need: 'Ondersteuning bij opvoeding',
      urgency: 'regulier',
      gemeenteId: spec.gemeenteId,
      helpDueDate: spec.rulingDate,
      requestedBy: f.users.worker1.id,
      requestedAt: new Date(spec.help.requestedAt),
      startedOn: spec.help.startedOn,
      rowVersion,
    });
  }
  for (const c of spec.contacts ?? []) {
    const contact = contactRow(f, ids.case, rowVersion, { occurredAt: new Date(c.at), report: c.report });
    contactIds.push(contact.id);
    await tx.insert(contacts).values(contact);
  }
  return { ...ids, contactIds };
}

/**
 * Four more cases for worker1, one per norm situation (today is 2026-11-24, the test server's clock):
 *  - Bo (Rotterdam, waarnemer): ruled 2026-11-20, no vaste jeugdbeschermer yet, due 27 Nov: op tijd;
 *  - Cato (Delft): every norm met in time; two measures, two koers versions, a referral, two contacts;
 *  - Daan (Rotterdam, waarnemer): ruled 2026-11-17, vaste jeugdbeschermer due today: bijna;
 *  - Eef (Delft): vaste jeugdbeschermer assigned late: te laat voldaan.
 * Anna (the fixture's case of worker1) has her koers overdue: te laat.
 */
const seedCaseload: BrowserCommand<[]> = async () => {
  const { database: db, fixture: f } = world();
  return inTransaction(db.db, async (tx) => {
    const rowVersion = await nextVersion(tx, f.orgA);
    const rotterdam = randomUUID();
    await tx.insert(gemeenten).values({
      id: rotterdam,
      name: 'Rotterdam',
      cbsCode: `r${rotterdam.slice(0, 6)}`,
      regionId: f.regionId,
    });
    const bo = await addWorker1Case(tx, f, rowVersion, {
      firstName: 'Bo',
      lastName: 'Zwart',
      gemeenteId: rotterdam,
      rulingDate: '2026-11-20',
      endDate: '2027-01-28',
      worker1: { role: 'waarnemer', from: '2026-11-20' },
    });
    const cato = await addWorker1Case(tx, f, rowVersion, {
      firstName: 'Cato',
      lastName: 'Visser',
      gemeenteId: f.gemeenteId,
      rulingDate: '2026-05-01',
      endDate: '2027-05-01',
      worker1: { role: 'vast', from: '2026-05-04' },
      koersAgreedOn: '2026-06-01',
      help: { requestedAt: '2026-06-20T10:00:00Z', startedOn: '2026-07-15' },
      contacts: [
        { at: '2026-09-01T09:00:00Z', report: 'Eerste huisbezoek bij Cato' },
        { at: '2026-10-15T09:00:00Z', report: 'Tweede huisbezoek bij Cato' },
      ],
      network: [
        { name: 'Vader Visser', relation: 'vader', hasCustody: true, phone: '06-11111111' },
        { name: 'Oma Visser', relation: 'grootmoeder', hasCustody: false },
        { name: 'Buurvrouw Anja', relation: 'buurvrouw', hasCustody: false },
        { name: 'Moeder Visser', relation: 'moeder', hasCustody: true },
      ],
    });
    // Cato: an earlier measure that ended (ruled later, so only "running first" picks the right one)…
    const endedId = randomUUID();
    await tx.insert(maatregelen).values({
      id: endedId,
      organisationId: f.orgA,
      caseId: cato.case,
      type: 'vots',
      court: 'Rechtbank Den Haag',
      rulingDate: '2026-08-01',
      startDate: '2026-08-01',
      endDate: '2026-10-01',
      status: 'beeindigd',
      endedOn: '2026-10-01',
      rowVersion,
    });
    await tx.insert(beschikkingen).values([
      {
        id: randomUUID(),
        organisationId: f.orgA,
        maatregelId: cato.maatregel,
        kind: 'uitspraak',
        date: '2026-05-01',
        court: 'Rechtbank Rotterdam',
        reference: 'C/10/111',
        rowVersion,
      },
      {
        id: randomUUID(),
        organisationId: f.orgA,
        maatregelId: endedId,
        kind: 'uitspraak',
        date: '2026-08-01',
        court: 'Rechtbank Den Haag',
        reference: 'C/09/222',
        rowVersion,
      },
    ]);
    // …and a second koers version, in concept, last changed 10 November.
    await tx
      .insert(koersen)
      .values(
        koersRow(f, cato.case, rowVersion, { version: 2, updatedAt: new Date('2026-11-10T10:00:00Z') }),
      );
    const daan = await addWorker1Case(tx, f, rowVersion, {
      firstName: 'Daan',
      lastName: 'de Wit',
      gemeenteId: rotterdam,
      rulingDate: '2026-11-17',
      endDate: '2027-01-15',
      worker1: { role: 'waarnemer', from: '2026-11-18' },
      contacts: [{ at: '2026-11-18T12:00:00Z', report: 'Kennismaking met Daan' }],
    });
    const eef = await addWorker1Case(tx, f, rowVersion, {
      firstName: 'Eef',
      lastName: 'Jansen',
      gemeenteId: f.gemeenteId,
      rulingDate: '2026-03-02',
      endDate: '2027-09-01',
      worker1: { role: 'vast', from: '2026-03-20' },
      koersAgreedOn: '2026-04-01',
      help: { requestedAt: '2026-04-10T10:00:00Z', startedOn: '2026-05-01' },
      contacts: [{ at: '2026-11-01T08:00:00Z', report: 'Gesprek op school met Eef' }],
    });
    return {
      bo: bo.case,
      cato: cato.case,
      daan: daan.case,
      eef: eef.case,
      catoContacts: cato.contactIds,
    };
  });
};

/** A contact written on the server by someone else (another device, another user), with a new version. */
const addContact: BrowserCommand<
  [caseId: string, author: UserKey, contact: { at: string; report: string; amendsId?: string }]
> = async (_ctx, caseId, author, contact) => {
  const { database: db, fixture: f } = world();
  return inTransaction(db.db, async (tx) => {
    const rowVersion = await nextVersion(tx, f.orgA);
    const row = contactRow(f, caseId, rowVersion, {
      kind: 'telefonisch',
      occurredAt: new Date(contact.at),
      present: [],
      childSeen: false,
      report: contact.report,
      amendsId: contact.amendsId ?? null,
      authorId: f.users[author].id,
    });
    await tx.insert(contacts).values(row);
    return row.id;
  });
};

/** The organisation's holiday policy (as a team lead or beheerder saves it), for organisation A. */
const setHolidayPolicy: BrowserCommand<[policy: HolidayPolicy]> = async (_ctx, policy) => {
  const { database: db, fixture: f } = world();
  const values = {
    caseloadNorm: DEFAULT_CASELOAD_NORM,
    caseloadWeights: DEFAULT_CASELOAD_WEIGHTS,
    holidayPolicy: policy,
  };
  await db.db
    .insert(organisationSettings)
    .values({ organisationId: f.orgA, ...values })
    .onConflictDoUpdate({ target: organisationSettings.organisationId, set: values });
  return true;
};

/** Distinctive strings in every kind of case content of one case, to look for on the device's disk. */
interface Canaries {
  childName: string;
  betrokkeneName: string;
  betrokkenePhone: string;
  report: string;
  koersText: string;
}

const seedCanaries: BrowserCommand<[caseKey: CaseKey, canaries: Canaries]> = async (
  _ctx,
  caseKey,
  canaries,
) => {
  const { database: db, fixture: f } = world();
  const caseId = f.cases[caseKey];
  await inTransaction(db.db, async (tx) => {
    const rowVersion = await nextVersion(tx, f.orgA);
    const [child] = await tx
      .select({ id: jeugdigen.id, gezinId: jeugdigen.gezinId })
      .from(cases)
      .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
      .where(eq(cases.id, caseId));
    if (!child) throw new Error(`no child for ${caseKey}`);
    await tx
      .update(jeugdigen)
      .set({ firstName: canaries.childName, rowVersion })
      .where(eq(jeugdigen.id, child.id));
    await tx.insert(betrokkenen).values({
      id: randomUUID(),
      organisationId: f.orgA,
      gezinId: child.gezinId,
      name: canaries.betrokkeneName,
      relation: 'oom',
      hasCustody: false,
      phone: canaries.betrokkenePhone,
      rowVersion,
    });
    await tx.insert(contacts).values(
      contactRow(f, caseId, rowVersion, {
        occurredAt: new Date('2026-11-20T10:00:00Z'),
        present: ['oom'],
        report: canaries.report,
      }),
    );
    await tx.insert(koersen).values(
      koersRow(f, caseId, rowVersion, {
        content: { ...emptyKoersContent(), visieGezin: canaries.koersText, zorgpunten: [canaries.koersText] },
      }),
    );
  });
  return true;
};

/** The access-log rows that came from devices (offline reads). */
const deviceReads: BrowserCommand<[]> = async () => {
  const { database: db } = world();
  const rows = await db.db
    .select({
      clientEventId: accessLog.clientEventId,
      caseId: accessLog.caseId,
      userId: accessLog.userId,
      at: accessLog.at,
      device: accessLog.device,
    })
    .from(accessLog)
    .where(isNotNull(accessLog.clientEventId));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
};

/** devices.register / share / revoke as `user`, at the server time `now` (the share's window follows it). */
const deviceCall: BrowserCommand<
  [user: UserKey, procedure: 'register' | 'share' | 'revoke', input: unknown, now: string]
> = async (_ctx, user, procedure, input, now) => {
  const { database: db, fixture: f } = world();
  const caller = callerFor(db, f.users[user], { now: new Date(now) });
  // biome-ignore lint/suspicious/noExplicitAny: the browser sends plain JSON; the router validates it.
  const json = input as any;
  if (procedure === 'register') return caller.devices.register(json);
  if (procedure === 'share') return caller.devices.share(json);
  return caller.devices.revoke(json);
};

/**
 * The session lock (session.*) as a signed-in phone of `user` calls it: one
 * server-side session per user, made at the first call ('signIn' makes a new
 * one, as a new sign-in with the password would).
 */
type SessionProcedure = 'signIn' | 'unlockChallenge' | 'unlock' | 'setUnlockKey' | 'lock';
const sessionsOf = new Map<string, { sessionId: string; signedInAt: Date }>();

const sessionCall: BrowserCommand<
  [user: UserKey, procedure: SessionProcedure, input: unknown, now: string]
> = async (_ctx, user, procedure, input, now) => {
  const { database: db, fixture: f } = world();
  const at = new Date(now);
  let session = sessionsOf.get(user);
  if (!session || procedure === 'signIn') {
    const made = await createSession(db.db, testConfig, f.users[user].id, 'wachtwoord', at, {
      ip: '10.0.0.1',
      userAgent: 'vitest',
    });
    session = { sessionId: made.sessionId, signedInAt: at };
    sessionsOf.set(user, session);
    if (procedure === 'signIn') return { ok: true };
  }
  const caller = callerFor(db, f.users[user], {
    now: at,
    sessionId: session.sessionId,
    authenticatedAt: session.signedInAt,
  });
  // biome-ignore lint/suspicious/noExplicitAny: the browser sends plain JSON; the router validates it.
  const json = input as any;
  if (procedure === 'unlockChallenge') {
    // As the phone's adapter reads the answer (sync/transport.ts): a refusal with its reason.
    return caller.session.unlockChallenge(json).catch((error: unknown) => {
      if (error instanceof TRPCError && error.cause instanceof SessionLockError) {
        return { refused: error.cause.reason };
      }
      throw error;
    });
  }
  if (procedure === 'unlock') return caller.session.unlock(json);
  if (procedure === 'setUnlockKey') return caller.session.setUnlockKey(json);
  return caller.session.lock();
};

export const serverCommands = {
  resetServer,
  deviceCall,
  sessionCall,
  serverCall,
  httpPost,
  reassignCase,
  serverState,
  seedCaseload,
  addContact,
  seedCanaries,
  deviceReads,
  setHolidayPolicy,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    resetServer: () => Promise<{
      users: Fixture['users'];
      cases: Fixture['cases'];
      regionId: string;
      gemeenteId: string;
    }>;
    serverCall: (user: UserKey, procedure: Procedure, input: unknown) => Promise<unknown>;
    deviceCall: (
      user: UserKey,
      procedure: 'register' | 'share' | 'revoke',
      input: unknown,
      now: string,
    ) => Promise<unknown>;
    sessionCall: (
      user: UserKey,
      procedure: SessionProcedure,
      input: unknown,
      now: string,
    ) => Promise<unknown>;
    httpPost: (path: string, body: string) => Promise<{ status: number; body: string }>;
    reassignCase: (caseKey: CaseKey, to: UserKey) => Promise<boolean>;
    serverState: () => Promise<{
      contacts: { id: string; caseId: string }[];
      koersen: { id: string; status: string; content: Record<string, unknown> }[];
      conflicts: { koersId: string; field: string; mine: unknown }[];
      results: { clientId: string; mutationId: number; status: string; name: string; args: unknown }[];
    }>;
    seedCaseload: () => Promise<{
      bo: string;
      cato: string;
      daan: string;
      eef: string;
      catoContacts: string[];
    }>;
    addContact: (
      caseId: string,
      author: UserKey,
      contact: { at: string; report: string; amendsId?: string },
    ) => Promise<string>;
    seedCanaries: (caseKey: CaseKey, canaries: Canaries) => Promise<boolean>;
    setHolidayPolicy: (policy: HolidayPolicy) => Promise<boolean>;
    deviceReads: () => Promise<
      {
        clientEventId: string | null;
        caseId: string | null;
        userId: string | null;
        at: string;
        device: string | null;
      }[]
    >;
  }
}
