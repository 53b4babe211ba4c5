/**
 * A simulated phone for load and fault tests: one signed-in jeugdbeschermer
 * with a client id and an outbox, speaking the real sync protocol over real
 * HTTP with the real tRPC client. It writes at random (mostly contacts, some
 * koers edits), pushes and pulls with think times in between, loses answers
 * on purpose (the answer is dropped, or the request is cut off in flight, so
 * the server may or may not have committed) and then resends the same
 * mutation ids, and, with several server addresses, picks one per request as
 * a load balancer would. Every mutation it makes is remembered, so the run can
 * check afterwards that each was applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '../../server/routers';
import type { MutationName, PushResult } from '../../shared/schemas/mutations';
import { SYNC_PROTOCOL_VERSION } from '../../shared/schemas/sync';
import type { LoadWorker } from './seed';
import type { LoadStats } from './stats';

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface SentMutation {
  id: number;
  name: MutationName;
  args: Record<string, unknown>;
  /** The contact it creates (logContact), with the marker written in its report. */
  contactId?: string;
  marker?: string;
  /** The phase of the run it was made in. */
  scenario: string;
}

export interface DeviceOptions {
  worker: LoadWorker;
  baseUrls: string[];
  stats: LoadStats;
  /** Uniform [0, 1): the run's seeded random source. */
  random: () => number;
  /** Chance that a push or pull answer is lost after the server answered. */
  lostAnswerRate?: number;
  /** Chance that a request is cut off in flight (the server may or may not have committed). */
  abortRate?: number;
  /** Share of writes that are koers edits instead of contacts. */
  koersRate?: number;
  /** A request not answered within this is a hang: an error, never waited out. */
  requestTimeoutMs?: number;
}

/** What a call came back with, when it did not bring an answer. */
const NO_ANSWER = Symbol('no answer');
type Answer<T> = T | typeof NO_ANSWER;

const CONTACT_KINDS = ['huisbezoek', 'telefonisch', 'kind_alleen', 'school', 'videogesprek'] as const;

export class SimulatedDevice {
  readonly clientId = randomUUID();
  readonly worker: LoadWorker;
  readonly sent = new Map<number, SentMutation>();
  /** Outcomes the server reported in push answers. */
  readonly outcomes = new Map<number, 'toegepast' | 'geweigerd'>();
  /** Contact ids this device has received in pulls. */
  readonly pulledContactIds = new Set<string>();
  outbox: SentMutation[] = [];
  private nextId = 1;
  private cookie = '';
  private pullCookie: string | null = null;
  private signedIn = false;
  private readonly clients: Client[];
  private readonly koersOf = new Map<string, string>();
  private readonly opts: Required<Omit<DeviceOptions, 'worker' | 'baseUrls' | 'stats' | 'random'>> &
    Pick<DeviceOptions, 'stats' | 'random'>;

  constructor(options: DeviceOptions) {
    this.worker = options.worker;
    this.opts = {
      stats: options.stats,
      random: options.random,
      lostAnswerRate: options.lostAnswerRate ?? 0.05,
      abortRate: options.abortRate ?? 0.02,
      koersRate: options.koersRate ?? 0.15,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    };
    this.clients = options.baseUrls.map((base) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${base}/trpc`,
            methodOverride: 'POST',
            headers: () => (this.cookie ? { cookie: this.cookie } : {}),
            fetch: async (url, init) => {
              const res = await fetch(url, init as RequestInit);
              // The session cookie: taken from the sign-in answer (and any renewal), sent with every call.
              const set = res.headers.getSetCookie().find((c) => c.includes('jb_sessie='));
              if (set) this.cookie = set.split(';')[0] ?? '';
              return res;
            },
          }),
        ],
      }),
    );
  }

  get lastSentId(): number {
    return this.nextId - 1;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.opts.random() * items.length)] as T;
  }

  /** One call through a server picked at random; a lost answer or a failure comes back as NO_ANSWER. */
  private async call<T>(
    path: string,
    run: (client: Client, signal: AbortSignal) => Promise<T>,
  ): Promise<Answer<T>> {
    const { stats, random } = this.opts;
    const client = this.pick(this.clients);
    const controller = new AbortController();
    let cutOff = false;
    const hang = setTimeout(() => controller.abort(new Error('timeout')), this.opts.requestTimeoutMs);
    let cut: NodeJS.Timeout | undefined;
    if (random() < this.opts.abortRate) {
      cut = setTimeout(
        () => {
          cutOff = true;
          controller.abort(new Error('cut off'));
        },
        1 + random() * 30,
      );
    }
    const started = performance.now();
    stats.request(path);
    try {
      // The abort signal alone is not enough: a tRPC call aborted at an unlucky moment can stay
      // pending for ever (seen in the soak), so the wait itself is bounded too.
      const pending = run(client, controller.signal);
      pending.catch(() => {});
      let giveUp: NodeJS.Timeout | undefined;
      const answer = await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          giveUp = setTimeout(() => {
            controller.abort(new Error('timeout'));
            reject(new Error('no answer'));
          }, this.opts.requestTimeoutMs + 2000);
        }),
      ]).finally(() => clearTimeout(giveUp));
      stats.latency(path, performance.now() - started);
      if (random() < this.opts.lostAnswerRate) {
        stats.lostAnswer(path);
        return NO_ANSWER;
      }
      return answer;
    } catch (err) {
      if (cutOff) {
        stats.lostAnswer(path);
        if ((err as Error).message === 'no answer') stats.stalledAbort();
      } else if (controller.signal.aborted) {
        stats.unexpected(path, 'HANG', `no answer within ${this.opts.requestTimeoutMs} ms`);
      } else if (err instanceof TRPCClientError && err.data?.code === 'SERVICE_UNAVAILABLE') {
        stats.transient(path, 'SERVICE_UNAVAILABLE', err.message);
      } else if (err instanceof TRPCClientError && err.data?.code) {
        stats.unexpected(path, String(err.data.code), err.message);
      } else {
        let cause = (err as { cause?: { message?: string; code?: string; cause?: unknown } }).cause;
        // fetch's TypeError hides the socket's own error one level further down.
        while (cause?.cause) cause = cause.cause as typeof cause;
        stats.unexpected(
          path,
          'NETWORK',
          `${(err as Error).message}${cause ? `: ${cause.code ?? cause.message}` : ''}`,
        );
      }
      return NO_ANSWER;
    } finally {
      clearTimeout(hang);
      if (cut) clearTimeout(cut);
    }
  }

  /** Signs in; retried while the database is away. Returns whether it worked. */
  async signIn(): Promise<boolean> {
    const answer = await this.call('auth.login', (c, signal) =>
      c.auth.login.mutate({ username: this.worker.username, password: this.worker.password }, { signal }),
    );
    this.signedIn = answer !== NO_ANSWER && this.cookie !== '';
    return this.signedIn;
  }

  get isSignedIn() {
    return this.signedIn;
  }

  /** A local write: goes to the outbox with the next mutation id, like the phone's Dexie transaction. */
  write(scenario: string): SentMutation {
    const id = this.nextId++;
    const caseId = this.pick(this.worker.caseIds);
    let mutation: SentMutation;
    if (this.opts.random() < this.opts.koersRate) {
      const koersId = this.koersOf.get(caseId);
      if (!koersId) {
        const newId = randomUUID();
        this.koersOf.set(caseId, newId);
        mutation = { id, name: 'startKoers', args: { id: newId, caseId }, scenario };
      } else {
        mutation = {
          id,
          name: 'editKoers',
          args: {
            koersId,
            caseId,
            values: { visieGezin: `Visie bijgesteld (${this.clientId.slice(0, 8)}, ${id})` },
            // This device is the field's last writer, so its own older edits never conflict.
            baseVersions: { visieGezin: 0 },
          },
          scenario,
        };
      }
    } else {
      const contactId = randomUUID();
      const marker = `load:${this.clientId}:${id}`;
      mutation = {
        id,
        name: 'logContact',
        contactId,
        marker,
        scenario,
        args: {
          id: contactId,
          caseId,
          kind: this.pick(CONTACT_KINDS),
          occurredAt: new Date(Date.now() - Math.floor(this.opts.random() * 86_400_000)).toISOString(),
          present: ['moeder', 'jeugdige'],
          childSeen: this.opts.random() < 0.7,
          report: `${marker} Gesprek over de afspraken van deze week; het gaat redelijk.`,
          amendsId: null,
          nextContactOn: null,
        },
      };
    }
    this.sent.set(id, mutation);
    this.outbox.push(mutation);
    return mutation;
  }

  /** The server has applied (or refused) everything up to `last`: those leave the outbox. */
  private acknowledge(last: number) {
    this.outbox = this.outbox.filter((m) => m.id > last);
  }

  /** Pushes (part of) the outbox; the same ids again after a lost answer. Returns whether it got an answer. */
  async push(maxBatch = 20): Promise<boolean> {
    if (!this.outbox.length) return true;
    const batch = this.outbox.slice(0, maxBatch);
    const answer: Answer<PushResult> = await this.call('sync.push', (c, signal) =>
      c.sync.push.mutate(
        {
          clientId: this.clientId,
          mutations: batch.map((m) => ({ id: m.id, name: m.name, args: m.args })),
          protocolVersion: SYNC_PROTOCOL_VERSION,
        },
        { signal },
      ),
    );
    if (answer === NO_ANSWER) return false;
    if (answer.status === 'gap') this.opts.stats.gap();
    else for (const o of answer.outcomes) this.outcomes.set(o.id, o.status);
    this.acknowledge(answer.lastMutationId);
    return true;
  }

  /** Pulls until the server says there is no more; a lost page is simply asked again next time. */
  async pull(): Promise<boolean> {
    for (let page = 0; page < 50; page++) {
      const answer = await this.call('sync.pull', (c, signal) =>
        c.sync.pull.mutate(
          {
            clientId: this.clientId,
            cookie: this.pullCookie,
            limit: 1000,
            protocolVersion: SYNC_PROTOCOL_VERSION,
          },
          { signal },
        ),
      );
      if (answer === NO_ANSWER) return false;
      for (const row of answer.rows) if (row.entity === 'contact') this.pulledContactIds.add(row.id);
      this.pullCookie = answer.cookie;
      this.acknowledge(answer.lastMutationId);
      if (!answer.more) return true;
    }
    return false;
  }
}
