/**
 * Sending reminders: the worker's daily digest and the notice that the desk
 * answered a referral. Guarantees:
 *  - every message is the same fixed text (REMINDER_PAYLOAD): no name, no
 *    case, no count; the details are on the phone, behind its PIN;
 *  - a digest goes at most once a day per worker, however many server
 *    processes run: the day is claimed with a conditional UPDATE … RETURNING
 *    before anything is sent (a process that dies after the claim loses that
 *    day's digest rather than sending it twice);
 *  - never to a revoked device or a disabled user, even if a subscription row
 *    lingered: the sender joins both;
 *  - a subscription the push service no longer knows (404/410) is deleted;
 *  - nothing of an endpoint or a payload reaches the log: it gets counts.
 * Network calls run outside any database transaction.
 */
import { and, eq, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { dutchToday } from '../../../shared/rules/dates';
import {
  DIGEST_CATCH_UP_MINUTES,
  digestDue,
  dutchClock,
  REMINDER_TAG,
  REMINDER_TEXT,
} from '../../../shared/rules/reminders';
import { isWorkingDay } from '../../../shared/rules/working-days';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { withOrganisation } from '../../db/organisation-scope';
import {
  caseAssignments,
  devices,
  organisations,
  pushSubscriptions,
  reminderSettings,
  users,
  verwijzingStappen,
} from '../../db/schema';
import { usersWithAgendaItems } from '../agenda';
import { holidayPolicyOf } from '../settings';
import { type FetchLike, type PushOutcome, sendPush } from './transport';
import { describePushSetup, type PushSetup, pushSetup } from './vapid';

/** What every push message carries, whatever it is about. */
export const REMINDER_PAYLOAD = JSON.stringify({ title: REMINDER_TEXT, tag: REMINDER_TAG });
const MESSAGE_OPTIONS = { ttlSeconds: 12 * 3600, topic: 'herinnering' };

export interface SendReport {
  sent: number;
  gone: number;
  failed: number;
}
export interface DigestReport extends SendReport {
  /** Workers whose digest this run claimed for today. */
  claimed: number;
}

export interface ReminderLog {
  info(message: string): void;
  error(message: string): void;
}

export interface Reminders {
  readonly setup: PushSetup;
  /** The VAPID public key the phone subscribes with; null when this server sends nothing. */
  readonly publicKey: string | null;
  /** Sends the digests due at `now` (the scheduler calls it every minute). */
  runDigest(now: Date): Promise<DigestReport>;
  /** After the desk's step `stepId` committed: a notice to the case's workers. */
  referralAnswered(organisationId: string, stepId: string, now?: Date): Promise<SendReport>;
  /** Runs `task` off the request path; its failure is logged (without content), never thrown. */
  later(task: () => Promise<unknown>): void;
  /** Waits until the tasks handed to `later` are done. */
  idle(): Promise<void>;
}

export interface ReminderOptions {
  db: Db;
  config: Config;
  log?: ReminderLog;
  /** The HTTP client towards the push services (tests: a stand-in's). */
  fetch?: FetchLike;
  /** Given: this setup instead of the configuration's (tests). */
  setup?: PushSetup;
}

interface Target {
  deviceId: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

const silentLog: ReminderLog = { info: () => {}, error: () => {} };

export function createReminders(options: ReminderOptions): Reminders {
  const { db } = options;
  const log = options.log ?? silentLog;
  const setup = options.setup ?? pushSetup(options.config);
  log.info(describePushSetup(setup));
  const inFlight = new Set<Promise<unknown>>();

  /** The live subscriptions of these users: unrevoked devices of active users only. */
  async function targetsOf(tx: Db, organisationId: string, userIds: string[]): Promise<Target[]> {
    if (userIds.length === 0) return [];
    return tx
      .select({
        deviceId: pushSubscriptions.deviceId,
        userId: pushSubscriptions.userId,
        endpoint: pushSubscriptions.endpoint,
        p256dh: pushSubscriptions.p256dh,
        auth: pushSubscriptions.auth,
      })
      .from(pushSubscriptions)
      .innerJoin(devices, eq(devices.id, pushSubscriptions.deviceId))
      .innerJoin(users, eq(users.id, pushSubscriptions.userId))
      .where(
        and(
          eq(pushSubscriptions.organisationId, organisationId),
          inArray(pushSubscriptions.userId, userIds),
          eq(devices.userId, pushSubscriptions.userId),
          isNull(devices.revokedAt),
          eq(users.active, true),
        ),
      );
  }

  async function deliver(organisationId: string, targets: Target[]): Promise<SendReport> {
    const report: SendReport = { sent: 0, gone: 0, failed: 0 };
    const keys = setup.keys;
    if (!keys || targets.length === 0) return report;
    const outcomes = await Promise.all(
      targets.map(
        async (t): Promise<[Target, PushOutcome]> => [
          t,
          await sendPush(
            { endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } },
            REMINDER_PAYLOAD,
            keys,
            MESSAGE_OPTIONS,
            options.fetch,
          ),
        ],
      ),
    );
    const gone = outcomes.filter(([, o]) => o === 'gone').map(([t]) => t);
    for (const [, outcome] of outcomes) report[outcome] += 1;
    if (gone.length) {
      await withOrganisation(db, organisationId, async (tx) => {
        for (const t of gone) {
          // Only that subscription: the phone may have handed in a new one meanwhile.
          await tx
            .delete(pushSubscriptions)
            .where(
              and(eq(pushSubscriptions.deviceId, t.deviceId), eq(pushSubscriptions.endpoint, t.endpoint)),
            );
        }
      });
    }
    return report;
  }

  async function digestFor(organisationId: string, now: Date): Promise<DigestReport> {
    const { day, minutes } = dutchClock(now);
    const claimed = await withOrganisation(db, organisationId, async (tx) => {
      const policy = await holidayPolicyOf(tx, organisationId);
      if (!isWorkingDay(day, policy)) return { userIds: [] as string[], targets: [] as Target[] };
      // Candidates whose chosen time has come within the catch-up window; digestDue decides.
      const earliest = Math.max(0, minutes - DIGEST_CATCH_UP_MINUTES);
      const rows = await tx
        .select({
          userId: reminderSettings.userId,
          digestEnabled: reminderSettings.digestEnabled,
          digestTime: reminderSettings.digestTime,
          lastDigestOn: reminderSettings.lastDigestOn,
        })
        .from(reminderSettings)
        .innerJoin(users, eq(users.id, reminderSettings.userId))
        .where(
          and(
            eq(reminderSettings.organisationId, organisationId),
            eq(reminderSettings.digestEnabled, true),
            eq(users.active, true),
            or(isNull(reminderSettings.lastDigestOn), lt(reminderSettings.lastDigestOn, day)),
            gte(reminderSettings.digestTime, hhmm(earliest)),
            lte(reminderSettings.digestTime, hhmm(minutes)),
          ),
        );
      const due = rows.filter((r) => digestDue(r, now, policy).due).map((r) => r.userId);
      const withDevice = new Set((await targetsOf(tx, organisationId, due)).map((t) => t.userId));
      const candidates = due.filter((id) => withDevice.has(id));
      if (candidates.length === 0) return { userIds: [], targets: [] };
      // The claim: whichever process updates the row first sends; the other finds it claimed.
      const won = await tx
        .update(reminderSettings)
        .set({ lastDigestOn: day })
        .where(
          and(
            inArray(reminderSettings.userId, candidates),
            or(isNull(reminderSettings.lastDigestOn), lt(reminderSettings.lastDigestOn, day)),
          ),
        )
        .returning({ userId: reminderSettings.userId });
      const wonIds = won.map((w) => w.userId);
      const busy = await usersWithAgendaItems(tx, organisationId, wonIds, day);
      return { userIds: wonIds, targets: await targetsOf(tx, organisationId, [...busy]) };
    });
    const report = await deliver(organisationId, claimed.targets);
    return { claimed: claimed.userIds.length, ...report };
  }

  return {
    setup,
    publicKey: setup.keys?.publicKey ?? null,

    async runDigest(now) {
      const total: DigestReport = { claimed: 0, sent: 0, gone: 0, failed: 0 };
      if (!setup.keys) return total;
      const orgs = await db.select({ id: organisations.id }).from(organisations);
      for (const org of orgs) {
        const r = await digestFor(org.id, now);
        total.claimed += r.claimed;
        total.sent += r.sent;
        total.gone += r.gone;
        total.failed += r.failed;
      }
      if (total.claimed || total.gone || total.failed) {
        log.info(
          `Herinneringen: dagoverzicht voor ${total.claimed} medewerker(s); ${total.sent} verstuurd, ${total.gone} verlopen abonnement(en) verwijderd, ${total.failed} mislukt`,
        );
      }
      return total;
    },

    async referralAnswered(organisationId, stepId, now = new Date()) {
      if (!setup.keys) return { sent: 0, gone: 0, failed: 0 };
      const today = dutchToday(now);
      const targets = await withOrganisation(db, organisationId, async (tx) => {
        // Only a committed step is found: a rolled-back request sends nothing.
        const [step] = await tx
          .select({ caseId: verwijzingStappen.caseId, byUserId: verwijzingStappen.byUserId })
          .from(verwijzingStappen)
          .where(eq(verwijzingStappen.id, stepId));
        if (!step) return [];
        const carriers = await tx
          .selectDistinct({ userId: caseAssignments.userId })
          .from(caseAssignments)
          .innerJoin(users, eq(users.id, caseAssignments.userId))
          .where(
            and(
              eq(caseAssignments.caseId, step.caseId),
              eq(users.role, 'jeugdbeschermer'),
              ne(caseAssignments.userId, step.byUserId),
              lte(caseAssignments.fromDate, today),
              or(isNull(caseAssignments.untilDate), gte(caseAssignments.untilDate, today)),
            ),
          );
        return targetsOf(
          tx,
          organisationId,
          carriers.map((c) => c.userId),
        );
      });
      const report = await deliver(organisationId, targets);
      if (report.gone || report.failed) {
        log.info(
          `Herinneringen: melding verwijzing; ${report.sent} verstuurd, ${report.gone} verlopen abonnement(en) verwijderd, ${report.failed} mislukt`,
        );
      }
      return report;
    },

    later(task) {
      const running: Promise<unknown> = Promise.resolve()
        .then(task)
        .catch((err: unknown) => log.error(`Herinnering versturen mislukt (${errorName(err)})`))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    },

    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The kind of error only: its message might quote an endpoint. */
const errorName = (err: unknown) => (err instanceof Error ? err.name : typeof err);

/**
 * Runs the digest every `everyMs` (a minute), now and then, until stopped.
 * The clock is injectable for tests; a failed run (database away) is reported
 * and tried at the next tick; the timer never keeps the process alive.
 */
export function startReminderScheduler(
  reminders: Reminders,
  options: { everyMs?: number; clock?: () => Date; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  const everyMs = options.everyMs ?? 60_000;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = reminders
      .runDigest(clock())
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await reminders.idle();
    },
  };
}
