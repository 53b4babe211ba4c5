/**
 * Builds the HTTP server: tRPC under /trpc, /healthz, and the built PWA from
 * the same origin. Tests build it in-process with their own database;
 * main.ts builds it for real. Nothing here starts listening.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { TRPCError } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Sealer, startSealer } from './audit/sealer';
import type { Config } from './config';
import type { Context } from './context';
import type { Database } from './db/connection';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db/transient';
import { ATTACHMENT_PREFIX, registerAttachmentRoutes } from './http/attachment-routes';
import { registerOidcRoutes } from './http/oidc-routes';
import { registerApiGuards, registerRequestGuards } from './http/request-guards';
import { registerTrpcRoute } from './http/trpc-route';
import { appRouter } from './routers';
import { resolveSession, sessionCookieOptions } from './services/auth';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Pino options or false; tests pass false, or a stream to read what the server logs. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** How long `close()` lets requests in flight finish before it cuts every connection; 5 s unless told. */
  closeGraceMs?: number;
}

const BODY_LIMIT = 1024 * 1024;
const MAX_BATCH = 10;

export async function buildApp({
  config,
  database,
  logger = false,
  closeGraceMs = 5000,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            ...(typeof logger === 'object' ? logger : {}),
            // Never write cookies or request bodies to the log: they carry sessions and case data.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    bodyLimit: BODY_LIMIT,
    // Only the configured proxies may tell who the client is; by default nobody (a forged
    // X-Forwarded-For would otherwise escape the sign-in lockout and end up in the logs).
    trustProxy: trustedProxies(config),
    routerOptions: { maxParamLength: 5000 },
  });

  // The access log's chain follows the appends a moment later, off the request path.
  const sealer = startSealer(database.auditDb ?? database.db);
  app.addHook('onClose', () => sealer.stop());
  boundClose(app, closeGraceMs);
  await app.register(cookie);
  // Answers travel compressed (brotli, else gzip) when the client accepts it: the first sync of a
  // 20-child caseload is over 1 MB of JSON and about a tenth of that compressed. Registered before
  // the routes, so it covers /trpc (whose answers are fetch Responses, streamed through the
  // compressor) and the app's files.
  await app.register(compress, { encodings: ['br', 'gzip'] });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // blob: a bijlage's photo shown in the page from the bytes it fetched (case-attachments.tsx).
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  });

  registerRequestGuards(app, config);

  app.get('/healthz', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      const result = await database.db.execute(sql`select count(*)::int as n from schema_migrations`);
      const n = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
      if (n === 0) throw new Error('not migrated');
      return { ok: true, db: database.kind };
    } catch {
      return reply.code(503).send({ ok: false, db: database.kind });
    }
  });

  await registerOidcRoutes(app, config, database);

  // The API in a scope of its own, with its guards hooked onto its routes: whatever spelling of a
  // URL the router sends to the tRPC handler has passed them.
  await app.register(async (api) => {
    registerApiGuards(api, config);
    registerTrpcRoute(api, {
      prefix: '/trpc',
      router: appRouter,
      // Queries go out as POST so that no argument (ids, search terms) ends up in a URL or access log.
      allowMethodOverride: true,
      maxBatchSize: MAX_BATCH,
      createContext: ({ req, res }: CreateFastifyContextOptions) =>
        createRequestContext(config, database, sealer, req, res),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ path, err: error }, 'procedure failed');
      },
    });
  });

  // Bijlagen's bytes, raw rather than JSON, with the same session and cross-site guards.
  await registerAttachmentRoutes(app, {
    config,
    context: (req, res) => createRequestContext(config, database, sealer, req, res),
  });

  serveClient(app, config);
  return app;
}

function trustedProxies(config: Config): false | string[] | ((address: string, hop: number) => boolean) {
  const trust = config.TRUST_PROXY;
  if (!trust) return false;
  if ('addresses' in trust) return trust.addresses;
  // A hop count: the socket's peer and the proxies behind it, up to that many (Fastify itself
  // would trust none for a bare number).
  return (_address, hop) => hop < trust.hops;
}

async function createRequestContext(
  config: Config,
  database: Database,
  sealer: Sealer,
  req: CreateFastifyContextOptions['req'],
  res: CreateFastifyContextOptions['res'],
): Promise<Context> {
  const now = new Date();
  const token = req.cookies[config.cookieName] ?? null;
  const user = token ? await resolveSessionOrUnavailable(database, config, token, now) : null;
  const cookieOptions = sessionCookieOptions(config);
  return {
    db: database.db,
    dbKind: database.kind,
    auditDb: database.auditDb,
    ...(database.forOrganisation ? { organisationDb: database.forOrganisation } : {}),
    sealer,
    config,
    user,
    now,
    request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? '', sessionToken: token },
    headers: { set: (name, value) => void res.header(name, value) },
    cookies: {
      setSession: (value, maxAge) =>
        void res.setCookie(config.cookieName, value, { ...cookieOptions, maxAge }),
      clearSession: () => void res.clearCookie(config.cookieName, cookieOptions),
    },
  };
}

/** The session behind the cookie; a database that is away is a 503 with a clear message, not a 500. */
async function resolveSessionOrUnavailable(database: Database, config: Config, token: string, now: Date) {
  try {
    return await resolveSession(database.db, config, token, now);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: err });
  }
}

/** The built PWA: hashed assets cached for a year, the shell and service worker always revalidated. */
function serveClient(app: FastifyInstance, config: Config) {
  const root = resolve(config.STATIC_DIR);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn(`Geen gebouwde app in ${root}; draai eerst npm run build`);
    return;
  }
  app.register(fastifyStatic, {
    root,
    wildcard: false,
    // The .br and .gz copies `npm run build` made (scripts/precompress.ts), when the browser takes them.
    preCompressed: true,
    setHeaders(reply, path) {
      const immutable = path.startsWith(resolve(root, 'assets'));
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const isPageRequest =
      request.method === 'GET' &&
      !request.url.startsWith('/trpc') &&
      !request.url.startsWith(`${ATTACHMENT_PREFIX}/`) &&
      request.headers.accept?.includes('text/html');
    if (isPageRequest) {
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'Niet gevonden' });
  });
}

/**
 * `close()` ends in bounded time. Node's server closes idle kept-alive sockets at once, but a socket
 * the client has begun a request on (or that looks busy) would hold the close until the keep-alive
 * timeout (72 s), and the sealer's last seal and the database's close with it. Requests in flight get
 * `graceMs` to finish, and their sockets close as soon as they have answered; then every connection
 * is cut.
 */
function boundClose(app: FastifyInstance, graceMs: number): void {
  let closing = false;
  let cut: ReturnType<typeof setTimeout> | undefined;
  app.addHook('preClose', (done) => {
    closing = true;
    cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
    cut.unref();
    done();
  });
  // A socket whose last answer went out after the close began is idle now: it goes at once.
  app.addHook('onResponse', (_req, _reply, done) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
  app.addHook('onClose', (_app, done) => {
    clearTimeout(cut);
    done();
  });
}
