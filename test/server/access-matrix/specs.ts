/**
 * One spec per procedure of appRouter: who may call it (the role guard), which
 * kind of object it touches, and a valid input for a given target object. The
 * access matrix (../access-matrix.test.ts), the multi-organisation test and the
 * fuzzer read these; a procedure without a spec fails the matrix, so a new
 * procedure cannot slip in untested.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/connection';
import {
  beschikkingen,
  betrokkenen,
  cases,
  devices,
  gezinnen,
  jeugdigen,
  koersen,
  maatregelen,
  sessions,
  users,
  verwijzingen,
  verwijzingStappen,
} from '../../../server/db/schema';
import { appRouter } from '../../../server/routers';
import type { TestDatabase } from '../../helpers/db';
import type { Fixture, FixtureUser } from '../../helpers/fixture';
import { FIXTURE_PASSWORD } from '../../helpers/fixture';
import { callerFor } from '../../helpers/server';
import type { Bucket, Callers, Entity, Scope } from './rules';
import { procedureAt } from './run';

/** The fixture's day ("now" in every call is 24 November 2026). */
export const TODAY = '2026-11-24';

export interface MatrixWorld {
  f: Fixture;
  /** One submitted help request (verwijzing) per target case. */
  verwijzingen: Record<Bucket, string>;
  /** The (running) measure of each target case. */
  measures: Record<Bucket, string>;
  /** A signed-in session of each persona (step-up needs one). */
  sessionIds: Record<string, string>;
  /** The registered phone of each target case's jeugdbeschermer (when the router has devices). */
  devices: Partial<Record<Bucket, { deviceId: string; deviceSecret: string }>>;
}

/** One target object, seen from the personas of GI Alfa (rules.ts BUCKETS). */
export interface Target {
  bucket: Bucket;
  caseId: string;
  verwijzingId: string;
  maatregelId: string;
  /** The jeugdbeschermer who carries the case. */
  user: FixtureUser;
  /** That jeugdbeschermer's registered phone. */
  device: { deviceId: string; deviceSecret: string };
  /** Another jeugdbeschermer of team Een (the lead's team), to move or assign to. */
  colleague: FixtureUser;
  firstName: string;
}

export const FIRST_NAMES: Record<Bucket, string> = {
  own: 'Anna',
  team: 'Bram',
  otherTeam: 'Cas',
  otherOrg: 'Dewi',
};

export function targetOf(w: MatrixWorld, bucket: Bucket): Target {
  const { cases, users } = w.f;
  const carrier = {
    own: users.worker1,
    team: users.worker2,
    otherTeam: users.worker3,
    otherOrg: users.workerB,
  }[bucket];
  const caseId = {
    own: cases.ofWorker1,
    team: cases.ofWorker2,
    otherTeam: cases.ofWorker3,
    otherOrg: cases.ofWorkerB,
  }[bucket];
  return {
    bucket,
    caseId,
    verwijzingId: w.verwijzingen[bucket],
    maatregelId: w.measures[bucket],
    user: carrier,
    device: w.devices[bucket] ?? {
      deviceId: '00000000-0000-4000-8000-000000000000',
      deviceSecret: 'x'.repeat(43),
    },
    colleague: carrier.id === users.worker1.id ? users.worker2 : users.worker1,
    firstName: FIRST_NAMES[bucket],
  };
}

/**
 * Text that only one field of one child's file holds (the child named by its first name): found in
 * an answer, it says which field of whose file went out. The matrix plants each in every target
 * case (buildMatrixWorld) and checks every answer against the caller's need-to-know (rules.ts FIELDS).
 */
export const FIELD_MARKERS: readonly { entity: Entity; field: string; text: (name: string) => string }[] = [
  { entity: 'gezin', field: 'name', text: (n) => `Gezin ${n}` },
  { entity: 'gezin', field: 'address', text: (n) => `Adresstraat ${n} 1` },
  { entity: 'gezin', field: 'postcode', text: (n) => `PC-${n}` },
  { entity: 'betrokkene', field: 'name', text: (n) => `Moeder van ${n}` },
  { entity: 'betrokkene', field: 'phone', text: (n) => `06-tel-${n}` },
  { entity: 'betrokkene', field: 'email', text: (n) => `mail-${n}@example.nl` },
  { entity: 'betrokkene', field: 'note', text: (n) => `Netwerknotitie ${n}` },
  { entity: 'beschikking', field: 'reference', text: (n) => `Zaak-${n}` },
  { entity: 'beschikking', field: 'summary', text: (n) => `Beschikkingstekst ${n}` },
  { entity: 'koers', field: 'content.zorgpunten', text: (n) => `Zorgpunt ${n}` },
  { entity: 'koers', field: 'content.sterkePunten', text: (n) => `Sterk punt ${n}` },
  { entity: 'koers', field: 'content.visieGezin', text: (n) => `Visie gezin ${n}` },
  { entity: 'koers', field: 'content.ontwikkelingsbedreigingen', text: (n) => `Bedreiging ${n}` },
  { entity: 'koers', field: 'content.doelen.goal', text: (n) => `Doel ${n}` },
  { entity: 'koers', field: 'content.doelen.actions', text: (n) => `Actie ${n}` },
  { entity: 'koers', field: 'content.doelen.owner', text: (n) => `Eigenaar ${n}` },
  { entity: 'koers', field: 'content.veiligheidsafspraken', text: (n) => `Veiligheidsafspraak ${n}` },
  { entity: 'koers', field: 'content.benodigdeHulp', text: (n) => `Benodigde hulp ${n}` },
  { entity: 'koers', field: 'agreement.toelichting', text: (n) => `Toelichting ${n}` },
  { entity: 'contact', field: 'report', text: (n) => `Verslag over ${n}: geheim` },
  { entity: 'verwijzing', field: 'need', text: (n) => `Hulp voor ${n}` },
  { entity: 'verwijzing', field: 'urgencyReason', text: (n) => `Reden urgentie ${n}` },
  { entity: 'verwijzing', field: 'familyViews', text: (n) => `Mening gezin ${n}` },
  { entity: 'verwijzing', field: 'gemeenteNote', text: (n) => `Gemeentenotitie ${n}` },
  { entity: 'verwijzingStap', field: 'answer', text: (n) => `Antwoord aanbieder ${n}` },
];

/** Adds what the fixture lacks for the matrix: a submitted help request on every case, and every field of the file filled with its marker. */
export async function buildMatrixWorld(
  database: TestDatabase,
  f: Fixture,
  options: { signIn?: readonly FixtureUser[] } = {},
): Promise<MatrixWorld> {
  const verwijzingIds = {} as Record<Bucket, string>;
  const measures = {} as Record<Bucket, string>;
  const w: MatrixWorld = { f, verwijzingen: verwijzingIds, measures, devices: {}, sessionIds: {} };
  // A real session for those who step up (argon2 makes each sign-in slow: only where needed).
  for (const user of options.signIn ?? []) {
    await callerFor(database, null).auth.login({ username: user.username, password: FIXTURE_PASSWORD });
    const [session] = await database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, user.id));
    if (session) w.sessionIds[user.id] = session.id;
  }
  for (const bucket of ['own', 'team', 'otherTeam', 'otherOrg'] as const) {
    verwijzingIds[bucket] = randomUUID();
    const [measure] = await database.db
      .select({ id: maatregelen.id })
      .from(maatregelen)
      .where(eq(maatregelen.caseId, targetOf(w, bucket).caseId));
    measures[bucket] = measure?.id ?? randomUUID();
  }
  for (const bucket of ['own', 'team', 'otherTeam', 'otherOrg'] as const) {
    const t = targetOf(w, bucket);
    await database.db.insert(verwijzingen).values({
      id: t.verwijzingId,
      organisationId: t.user.organisationId,
      caseId: t.caseId,
      status: 'ingediend',
      productCategory: '45',
      productName: 'Ambulante gezinsbegeleiding',
      productCode: '45A01',
      need: `Hulp voor ${t.firstName}: structuur thuis`,
      urgency: 'regulier',
      urgencyReason: `Reden urgentie ${t.firstName}`,
      familyViews: `Mening gezin ${t.firstName}`,
      gemeenteNote: `Gemeentenotitie ${t.firstName}`,
      goalIds: [goalIdOf(t)],
      gemeenteId: f.gemeenteId,
      helpDueDate: '2027-01-01',
      requestedBy: t.user.id,
      requestedAt: new Date('2026-11-20T09:00:00Z'),
    });
    await fillFile(database.db, t);
    if ('devices.register' in appRouter._def.procedures) {
      const register = procedureAt(callerFor(database, t.user), 'devices.register');
      const device = (await register({ clientId: randomUUID(), label: `Telefoon ${t.firstName}` })) as {
        deviceId: string;
        deviceSecret: string;
      };
      w.devices[bucket] = { deviceId: device.deviceId, deviceSecret: device.deviceSecret };
    }
  }
  return w;
}

const goalIds = new Map<string, string>();
/** The id of the koers goal the target's help request names. */
const goalIdOf = (t: Target) => {
  const id = goalIds.get(t.caseId) ?? randomUUID();
  goalIds.set(t.caseId, id);
  return id;
};

/** Fills every field of the target's file that FIELD_MARKERS names with its marker. */
async function fillFile(db: Db, t: Target) {
  const n = t.firstName;
  const organisationId = t.user.organisationId;
  const [file] = await db
    .select({ gezinId: jeugdigen.gezinId, maatregelId: maatregelen.id })
    .from(cases)
    .innerJoin(jeugdigen, eq(jeugdigen.id, cases.jeugdigeId))
    .innerJoin(maatregelen, eq(maatregelen.caseId, cases.id))
    .where(eq(cases.id, t.caseId));
  if (!file) throw new Error(`matrix: case of ${n} incomplete`);
  await db
    .update(gezinnen)
    .set({ address: `Adresstraat ${n} 1`, postcode: `PC-${n}` })
    .where(eq(gezinnen.id, file.gezinId));
  await db
    .update(betrokkenen)
    .set({ phone: `06-tel-${n}`, email: `mail-${n}@example.nl`, note: `Netwerknotitie ${n}` })
    .where(eq(betrokkenen.gezinId, file.gezinId));
  await db.insert(beschikkingen).values({
    id: randomUUID(),
    organisationId,
    maatregelId: file.maatregelId,
    kind: 'uitspraak',
    date: '2026-06-01',
    court: 'Rechtbank Den Haag',
    reference: `Zaak-${n}`,
    summary: `Beschikkingstekst ${n}`,
  });
  await db.insert(koersen).values({
    id: randomUUID(),
    organisationId,
    caseId: t.caseId,
    version: 1,
    status: 'vastgesteld',
    content: {
      zorgpunten: [`Zorgpunt ${n}`],
      sterkePunten: [`Sterk punt ${n}`],
      visieGezin: `Visie gezin ${n}`,
      ontwikkelingsbedreigingen: [`Bedreiging ${n}`],
      doelen: [{ id: goalIdOf(t), goal: `Doel ${n}`, actions: [`Actie ${n}`], owner: `Eigenaar ${n}` }],
      veiligheidsafspraken: [`Veiligheidsafspraak ${n}`],
      benodigdeHulp: [`Benodigde hulp ${n}`],
    },
    agreement: { gezin: true, jeugdige: true, netwerk: false, toelichting: `Toelichting ${n}` },
    agreedOn: '2026-11-01',
    createdBy: t.user.id,
  });
  await db.insert(verwijzingStappen).values({
    id: randomUUID(),
    organisationId,
    verwijzingId: t.verwijzingId,
    caseId: t.caseId,
    step: 'indienen',
    fromStatus: 'concept',
    toStatus: 'ingediend',
    answer: `Antwoord aanbieder ${n}`,
    byUserId: t.user.id,
    byRole: 'jeugdbeschermer',
    at: new Date('2026-11-20T09:00:00Z'),
  });
}

/**
 * What an out-of-scope target gets: FORBIDDEN (the rule everywhere a single
 * object is named); 'filtered' where the procedure answers for the user's
 * scope only and silently leaves other objects out (sync); 'outcome' for a
 * sync push or an upload of offline reads, whose refusals are per mutation
 * or per read in the answer. Every refusal
 * of a signed-in user is in the access log, unless the spec says why not.
 */
export type Refusal = 'forbidden' | 'filtered' | 'outcome';

export interface ProcedureSpec {
  callers: Callers;
  /** The object kind the input names; 'none' for objectless procedures (lists, settings, sign-in). */
  target: 'none' | 'case' | 'referral' | 'teamMember' | 'device' | 'person';
  /** Overrides the scope that follows from the target kind. */
  scope?: Scope;
  refusal?: Refusal;
  /** A denied call names a child's file and must leave a 'geweigerd' row in access_log (default: true for case/referral). */
  logsRefusal?: boolean;
  /** Why a spec departs from the defaults: printed nowhere, read by people. */
  note?: string;
  input: (w: MatrixWorld, t: Target, clientId: string) => unknown;
  /** Needs a sync client of the caller registered first (offline reads). */
  needsClient?: boolean;
  /**
   * Whose children's names the answer may show: by default the case scope;
   * the access log's screen shows the beheerder which child a file is (name,
   * birth date) for the whole organisation, never its content.
   */
  reveals?: Scope;
  /** Brings the (rolled-back) world into the state the procedure is for, before the call. */
  setup?: (db: Db, w: MatrixWorld) => Promise<void>;
  /**
   * An export or a bulk read (a list of children leaves the system, or the access log is read):
   * only within STEP_UP_MINUTES of a sign-in or step-up. The matrix calls it with an older sign-in
   * too, and fails any procedure that logs an export without this mark.
   */
  stepUp?: true;
  /**
   * A document for one child (issue 21): logged as an export of exactly that child, without a
   * step-up (the worker hands the family its koers, the court its request); several at once need one.
   */
  oneChildExport?: true;
}

/** The online case file: the roles whose need-to-know covers it (rules.ts FIELDS). */
const fileReaders = ['jeugdbeschermer', 'teamleider'] as const;
/** The phone's bulk pull of whole files: the field role only. */
const field = ['jeugdbeschermer'] as const;
const bytes32 = () => randomBytes(32).toString('base64url');

/** Every phone of the world has an unlock key, as one set up with a PIN today. */
async function withUnlockKeys(db: Db, w: MatrixWorld) {
  for (const device of Object.values(w.devices)) {
    await db.update(devices).set({ unlockKey: bytes32() }).where(eq(devices.id, device.deviceId));
  }
}

const caseHolders = ['jeugdbeschermer', 'teamleider'] as const;
const lead = ['teamleider'] as const;
const support = ['ondersteuner'] as const;
const kaartKeepers = ['beheerder', 'ondersteuner'] as const;
const intakers = ['ondersteuner', 'teamleider'] as const;
const dashboard = ['teamleider'] as const;

const INTAKE_HEADER =
  'clientnummer;zaaknummer;voornaam;achternaam;geboortedatum;gemeente;gezinsreferentie;maatregel;uitspraakdatum;rechtbank;einddatum;team;complexe_scheiding;uithuisplaatsing';
const INTAKE_CSV = `${INTAKE_HEADER}\nC-900;Z/26/900;Eva;Nieuw;2014-03-01;Delft;F-900;ots;2026-11-19;Rechtbank Den Haag;;Team Een;nee;nee`;

export const SPECS: Record<string, ProcedureSpec> = {
  // ── Sign-in: public by nature ────────────────────────────────────────────
  'auth.login': {
    callers: 'public',
    target: 'none',
    input: () => ({ username: 'worker1', password: FIXTURE_PASSWORD }),
  },
  'auth.logout': { callers: 'public', target: 'none', input: () => undefined },
  'auth.me': { callers: 'public', target: 'none', input: () => undefined },
  'auth.methods': { callers: 'public', target: 'none', input: () => undefined },
  'auth.stepUp': { callers: 'authed', target: 'none', input: () => ({ password: FIXTURE_PASSWORD }) },

  // ── Devices: the phone's own calls, and revocation by the office ─────────
  'devices.register': {
    callers: ['jeugdbeschermer'],
    target: 'none',
    input: () => ({ clientId: randomUUID(), label: 'Telefoon' }),
  },
  'devices.share': {
    callers: 'authed',
    target: 'device',
    scope: 'self',
    logsRefusal: false,
    input: (_w, t) => ({ deviceId: t.device.deviceId }),
  },

  // ── Reminders: the phone's own push subscription and digest time ──────────
  'reminders.settings': { callers: ['jeugdbeschermer'], target: 'none', input: () => undefined },
  'reminders.saveSettings': {
    callers: ['jeugdbeschermer'],
    target: 'none',
    input: () => ({ digestEnabled: true, digestTime: '08:00' }),
  },
  'reminders.subscribe': {
    callers: ['jeugdbeschermer'],
    target: 'none',
    note: "the matrix's sessions have no device: PRECONDITION_FAILED, past the role check",
    input: () => ({
      endpoint: `https://push.example/${randomUUID()}`,
      keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
    }),
  },
  'reminders.unsubscribe': { callers: ['jeugdbeschermer'], target: 'none', input: () => undefined },

  // ── The session lock: the phone's own device, from the phone's own session ──
  'session.lock': { callers: 'authed', target: 'none', input: () => undefined },
  'session.unlockChallenge': {
    callers: 'authed',
    target: 'device',
    scope: 'self',
    logsRefusal: false,
    setup: withUnlockKeys,
    input: (_w, t) => ({ deviceId: t.device.deviceId }),
  },
  'session.unlock': {
    callers: 'authed',
    target: 'device',
    scope: 'self',
    logsRefusal: false,
    note: 'an unknown nonce is a BAD_REQUEST for the own device: past the access check',
    setup: withUnlockKeys,
    input: (_w, t) => ({ deviceId: t.device.deviceId, nonce: bytes32(), proof: bytes32() }),
  },
  'session.setUnlockKey': {
    callers: 'authed',
    target: 'device',
    scope: 'self',
    logsRefusal: false,
    setup: withUnlockKeys,
    input: (_w, t) => ({ deviceId: t.device.deviceId, unlockKey: bytes32() }),
  },
  // Without a session: the device's own secret is the key, so anyone holding it may ask.
  'devices.status': {
    callers: 'public',
    target: 'none',
    input: (w) => ({ ...targetOf(w, 'own').device }),
  },
  // Only a revoked device reports its wipe; the setup revokes worker1's phone (rolled back after).
  'devices.confirmWiped': {
    callers: 'public',
    target: 'none',
    setup: async (db, w) => {
      await db
        .update(devices)
        .set({ revokedAt: new Date('2026-11-24T09:00:00Z') })
        .where(eq(devices.id, targetOf(w, 'own').device.deviceId));
    },
    input: (w) => ({ ...targetOf(w, 'own').device }),
  },
  // Only a disabled user's phone hands in its work this way; the setup disables worker1 (rolled back after).
  'devices.surrender': {
    callers: 'public',
    target: 'none',
    setup: async (db, w) => {
      await db.update(users).set({ active: false }).where(eq(users.id, w.f.users.worker1.id));
    },
    input: (w) => ({
      ...targetOf(w, 'own').device,
      mutations: [
        {
          id: 1,
          name: 'logContact',
          createdAt: '2026-11-24T09:00:00Z',
          args: {
            id: randomUUID(),
            caseId: w.f.cases.ofWorker1,
            kind: 'telefonisch',
            occurredAt: '2026-11-24T09:00:00Z',
            present: [],
            childSeen: false,
            report: 'Gebeld.',
            amendsId: null,
          },
        },
      ],
    }),
  },
  'devices.list': { callers: ['teamleider', 'beheerder'], target: 'none', input: () => undefined },
  'devices.revoke': {
    callers: ['teamleider', 'beheerder'],
    target: 'device',
    logsRefusal: true,
    input: (_w, t) => ({ deviceId: t.device.deviceId, reason: 'Telefoon verloren' }),
  },
  'devices.disableUser': {
    callers: ['teamleider', 'beheerder'],
    target: 'person',
    logsRefusal: true,
    input: (_w, t) => ({ userId: t.user.id, reason: 'Uit dienst' }),
  },

  // ── The access log, for the beheerder (with a fresh sign-in) ─────────────
  'accessLog.searchCases': {
    stepUp: true,
    callers: ['beheerder'],
    target: 'none',
    reveals: 'organisation',
    input: () => ({ query: 'Testkind' }),
  },
  'accessLog.verifyChain': { callers: ['beheerder'], target: 'none', stepUp: true, input: () => undefined },
  'accessLog.entries': {
    stepUp: true,
    callers: ['beheerder'],
    target: 'case',
    scope: 'organisation',
    reveals: 'organisation',
    input: (_w, t) => ({ caseId: t.caseId }),
  },
  'accessLog.exportCsv': {
    stepUp: true,
    callers: ['beheerder'],
    target: 'case',
    scope: 'organisation',
    reveals: 'organisation',
    input: (_w, t) => ({ caseId: t.caseId }),
  },
  'accessLog.users': { callers: ['beheerder'], target: 'none', input: () => undefined },

  // ── Cases ────────────────────────────────────────────────────────────────
  'cases.mine': { callers: ['jeugdbeschermer'], target: 'none', input: () => undefined },
  'cases.team': { callers: lead, target: 'none', input: () => undefined },
  'cases.file': { callers: fileReaders, target: 'case', input: (_w, t) => ({ caseId: t.caseId }) },

  // ── Documents (issue 21): made on request, downloaded, logged as an export ──
  'documents.koersCopy': {
    callers: ['jeugdbeschermer'],
    target: 'case',
    oneChildExport: true,
    note: 'the team lead passes the role guard but the service refuses (no koers content in its need); no vastgestelde koers in the world: an allowed call answers PRECONDITION_FAILED',
    input: (_w, t) => ({ caseId: t.caseId, for: 'gezin' }),
  },
  'documents.extensionRequest': {
    callers: caseHolders,
    target: 'case',
    oneChildExport: true,
    input: (_w, t) => ({ caseId: t.caseId }),
  },
  'documents.extensionRequests': {
    stepUp: true,
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseIds: [t.caseId] }),
  },
  'documents.extensionStatus': {
    callers: caseHolders,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId }),
  },
  'documents.approveExtension': {
    callers: caseHolders,
    target: 'case',
    note: 'no second reader configured: an allowed call answers PRECONDITION_FAILED',
    input: (_w, t) => ({ caseId: t.caseId }),
  },
  'documents.handoverLetter': {
    callers: caseHolders,
    target: 'case',
    oneChildExport: true,
    input: (_w, t) => ({ caseId: t.caseId, phone: '', email: '' }),
  },
  'documents.settings': { callers: 'authed', target: 'none', input: () => undefined },
  'documents.saveSettings': {
    callers: ['beheerder'],
    target: 'none',
    input: () => ({ childCopyFrom12: false, secondReader: 'geen' }),
  },
  'documents.template': { callers: ['beheerder'], target: 'none', input: () => undefined },
  'documents.uploadTemplate': {
    callers: ['beheerder'],
    target: 'none',
    note: 'not a DOCX: an allowed call answers BAD_REQUEST',
    input: () => ({ fileName: 'x.docx', base64: 'eA==' }),
  },
  'documents.removeTemplate': { callers: ['beheerder'], target: 'none', input: () => undefined },
  'documents.defaultTemplate': { callers: ['beheerder'], target: 'none', input: () => undefined },

  // ── A measure's life: the case's jeugdbeschermer and its team lead ────────
  'measures.extend': {
    callers: caseHolders,
    target: 'case',
    input: (_w, t) => ({
      caseId: t.caseId,
      maatregelId: t.maatregelId,
      rulingDate: TODAY,
      endDate: '2028-06-01',
    }),
  },
  'measures.convert': {
    callers: caseHolders,
    target: 'case',
    input: (_w, t) => ({
      caseId: t.caseId,
      maatregelId: t.maatregelId,
      toType: 'voogdij',
      rulingDate: TODAY,
      court: 'Rechtbank Den Haag',
      outOfHomePlacement: false,
    }),
  },
  'measures.end': {
    callers: caseHolders,
    target: 'case',
    input: (_w, t) => ({
      caseId: t.caseId,
      maatregelId: t.maatregelId,
      endedOn: TODAY,
      reason: 'doel_bereikt',
    }),
  },

  // ── Team lead ────────────────────────────────────────────────────────────
  'team.overview': { callers: lead, target: 'none', input: () => undefined },
  'team.balance': { callers: lead, target: 'none', input: () => undefined },
  'team.exportBalanceCsv': { stepUp: true, callers: lead, target: 'none', input: () => undefined },
  'team.reassign': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, toUserId: t.colleague.id }),
  },
  'team.setComplexDivorce': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, complexDivorce: true }),
  },
  'team.moveCases': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ moves: [{ caseId: t.caseId, toUserId: t.colleague.id }] }),
  },
  'team.saveSettings': {
    callers: ['teamleider', 'beheerder'],
    target: 'none',
    input: () => ({
      caseloadNorm: { low: 12, high: 14 },
      caseloadWeights: {
        base: 1,
        complexDivorce: 0.5,
        startPhase: 0.5,
        startPhaseMonths: 3,
        outOfHomePlacement: 0.5,
        jeugdreclassering: 0,
        siblingDiscount: 0.5,
      },
      holidayPolicy: { bevrijdingsdag: 'lustrum', goedeVrijdag: false, extraDays: [] },
    }),
  },

  // ── Referral desk (support staff) ────────────────────────────────────────
  'verwijzingen.queue': { callers: support, target: 'none', input: () => undefined },
  'verwijzingen.get': { callers: support, target: 'referral', input: (_w, t) => ({ id: t.verwijzingId }) },
  'verwijzingen.step': {
    callers: support,
    target: 'referral',
    input: (_w, t) => ({ verwijzingId: t.verwijzingId, step: 'afstemmen', answer: 'Afgestemd' }),
  },
  'verwijzingen.setBridging': {
    callers: support,
    target: 'referral',
    input: (_w, t) => ({
      verwijzingId: t.verwijzingId,
      bridging: { description: 'Wekelijks gesprek', provider: 'Wijkteam Delft', startedOn: TODAY },
    }),
  },
  'verwijzingen.offerAlternative': {
    callers: support,
    target: 'referral',
    input: (_w, t) => ({
      verwijzingId: t.verwijzingId,
      offer: 'Groepsaanbod',
      aanbiederId: null,
      expectedStartOn: null,
    }),
  },
  'verwijzingen.followUp': {
    callers: support,
    target: 'referral',
    input: (_w, t) => ({ verwijzingId: t.verwijzingId, note: 'Nagebeld', nextOn: null }),
  },
  'verwijzingen.helpReport': { callers: support, target: 'none', input: () => ({ peildatum: TODAY }) },
  'verwijzingen.waitingReport': { callers: support, target: 'none', input: () => ({ peildatum: TODAY }) },
  'verwijzingen.exportCsv': {
    stepUp: true,
    callers: support,
    target: 'none',
    input: () => ({ kind: 'queue', filter: {} }),
  },

  // ── Sociale kaart ────────────────────────────────────────────────────────
  'kaart.list': { callers: kaartKeepers, target: 'none', input: () => undefined },
  'kaart.saveAanbieder': {
    callers: kaartKeepers,
    target: 'none',
    input: (w) => ({
      id: randomUUID(),
      name: 'Zorg Delft',
      agbCode: '12345678',
      products: [{ category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
      regionIds: [w.f.regionId],
      waitWeeks: 4,
      contactRoute: 'aanmelding@zorg.example',
      active: true,
      baseVersion: 0,
    }),
  },
  'kaart.saveArrangement': {
    callers: kaartKeepers,
    target: 'none',
    input: (w) => ({
      regionId: w.f.regionId,
      consultation: 'email',
      contactPoint: 'jeugd@gemeente.example',
      answerWorkdays: 5,
      expertteamContact: '',
      notes: '',
    }),
  },
  'kaart.forDevice': { callers: ['jeugdbeschermer'], target: 'none', input: () => ({ etag: null }) },

  // ── Sync: the phone's door; the user's scope decides what goes in or out ───
  'sync.push': {
    callers: 'authed',
    target: 'case',
    refusal: 'outcome',
    input: (_w, t, clientId) => ({
      clientId,
      mutations: [
        {
          id: 1,
          name: 'logContact',
          args: {
            id: randomUUID(),
            caseId: t.caseId,
            kind: 'telefonisch',
            occurredAt: '2026-11-24T09:00:00Z',
            present: ['moeder'],
            childSeen: false,
            report: 'Gebeld met moeder.',
            amendsId: null,
          },
        },
      ],
    }),
  },
  'sync.pull': {
    callers: field,
    target: 'case',
    refusal: 'filtered',
    input: (_w, t, clientId) => ({ clientId, cookie: null, refetchCaseIds: [t.caseId] }),
  },
  'sync.reads': {
    // Reads are made in the field app: a jeugdbeschermer's phone. A read is logged as allowed only for
    // a case the device held at that time (the own case); another case of the organisation is refused
    // per read in the answer (and logged as refused), another organisation's refuses the upload.
    callers: ['jeugdbeschermer'],
    target: 'case',
    refusal: 'outcome',
    needsClient: true,
    input: (_w, t, clientId) => ({
      clientId,
      reads: [{ id: randomUUID(), caseId: t.caseId, at: '2026-11-24T10:00:00Z' }],
    }),
  },

  // ── Bijlagen: the phone that announced one sends its bytes; the case's holders read them ──
  'attachments.uploadState': {
    callers: field,
    target: 'none',
    note: 'an attachment id, not a case: the service answers only its announcing user and device (attachments.test.ts)',
    input: () => ({ id: randomUUID() }),
  },
  'attachments.finish': {
    callers: field,
    target: 'none',
    note: 'an attachment id, not a case: the service answers only its announcing user and device (attachments.test.ts)',
    input: () => ({ id: randomUUID() }),
  },
  'attachments.listForCase': {
    callers: caseHolders,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId }),
  },

  // ── Instroom ─────────────────────────────────────────────────────────────
  'intake.list': { callers: intakers, target: 'none', input: () => undefined },
  'intake.preview': { callers: intakers, target: 'none', input: () => ({ csv: INTAKE_CSV }) },
  'intake.import': { callers: intakers, target: 'none', input: () => ({ csv: INTAKE_CSV }) },
  'intake.register': {
    callers: intakers,
    target: 'none',
    input: () => ({
      clientNumber: 'C-901',
      zaaknummer: 'Z/26/901',
      firstName: 'Fleur',
      lastName: 'Nieuw',
      birthDate: '2013-02-02',
      gemeente: 'Delft',
      familyRef: 'F-901',
      type: 'ots',
      rulingDate: '2026-11-20',
      court: 'Rechtbank Den Haag',
      team: 'Team Een',
    }),
  },
  'intake.assign': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, userId: t.colleague.id }),
  },

  // ── Waiting list and stand-ins (team lead) ───────────────────────────────
  'waitingList.list': { callers: lead, target: 'none', input: () => undefined },
  'waitingList.exportCsv': { stepUp: true, callers: lead, target: 'none', input: () => undefined },
  'waitingList.place': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, triage: 'acuut' }),
  },
  'waitingList.update': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, bridging: 'Wijkteam' }),
  },
  'waitingList.move': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, direction: 'up', reason: 'Veiligheid thuis' }),
  },
  'waitingList.assign': {
    callers: lead,
    target: 'case',
    input: (_w, t) => ({ caseId: t.caseId, userId: t.colleague.id }),
  },
  'waitingList.standIns': { callers: lead, target: 'none', input: () => undefined },
  'waitingList.startStandIn': {
    callers: lead,
    target: 'teamMember',
    input: (_w, t) => ({
      absentUserId: t.user.id,
      standInUserId: t.colleague.id,
      from: '2026-11-25',
      until: '2026-12-05',
    }),
  },
  'waitingList.endStandIn': {
    callers: lead,
    target: 'teamMember',
    input: (_w, t) => ({
      absentUserId: t.user.id,
      standInUserId: t.colleague.id,
      from: '2026-11-25',
      until: '2026-12-05',
    }),
  },

  // ── Norms dashboard ──────────────────────────────────────────────────────
  'normsDashboard.board': { callers: dashboard, target: 'none', input: () => ({}) },
  'normsDashboard.exportCsv': {
    stepUp: true,
    callers: dashboard,
    target: 'none',
    input: () => ({ list: 'breaches' }),
  },
};

export function scopeOf(spec: ProcedureSpec): Scope | null {
  if (spec.scope) return spec.scope;
  switch (spec.target) {
    case 'none':
      return null;
    case 'case':
    case 'referral':
      return 'case';
    case 'teamMember':
      return 'team';
    case 'device':
    case 'person':
      return 'office';
  }
}

/** Every procedure path of a router, from tRPC's flat record. */
export function procedurePaths(router: { _def: { procedures: object } }): string[] {
  return Object.keys(router._def.procedures).sort();
}

/** The procedures of the router that have no spec here, for the matrix's failure message. */
export function missingSpecs(paths: readonly string[]): string[] {
  return paths.filter((p) => !(p in SPECS));
}
