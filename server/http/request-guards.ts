/**
 * The edges of the server, checked before any handler sees a request.
 *
 * For every request: the path must be spelled the one plain way. A path with
 * an encoded letter (`/%74rpc`), an empty or dot segment (`//trpc`, `/./trpc`,
 * `/trpc/../trpc`), an encoded dot, slash or backslash, a backslash, a
 * control character, a `;` (which the router reads as the start of the
 * query) or an absolute-form target (`GET http://host/trpc`) is refused with
 * 400 before it reaches a route: the router decodes such a path into another
 * one, and nothing may be decided on a spelling the router does not use.
 *
 * For every request routed to the API (registerApiGuards, hooked onto the
 * routes themselves, so no spelling of the URL passes by them):
 *  - POST only: queries travel as POST too (the client's methodOverride), so
 *    no child's id or search term ends up in a URL, a proxy log or the
 *    browser history; a GET is refused with 405.
 *  - A body must be JSON: multipart and form posts (what a hostile page can
 *    send without CORS preflight) are refused with 415.
 *  - Cross-site requests are refused with 403: an Origin header must be the
 *    app's own (PUBLIC_ORIGIN or the host addressed), and where the browser says Sec-Fetch-Site it
 *    must be same-origin. Non-browser clients send neither and carry no
 *    ambient cookie, so they are not a cross-site risk.
 *  - One sign-in per request: a batch with two password checks is refused
 *    with 400 (the lockout counts each attempt before it checks, too).
 *  - Every answer carries Cache-Control: no-store.
 * Every refusal is a short Dutch JSON message, never a stack trace.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * A path in its one plain spelling: segments of characters that need no
 * escaping, and escapes only for what must be escaped (never a letter, digit,
 * `-._~`, `/`, `\` or a control character); no empty, `.` or `..` segment.
 */
const PLAIN_SEGMENT =
  /^(?:[A-Za-z0-9\-._~!$&'()*+,=:@]|%(?![01][0-9A-F]|[46][1-9A-F]|[57][0-9A]|3[0-9]|2[DEF]|5[CF]|7[EF])[0-9A-F]{2})+$/i;

export function isPlainPath(target: string): boolean {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (!path.startsWith('/')) return false;
  if (path === '/') return true;
  const segments = path.slice(1).split('/');
  // A trailing slash leaves one empty last segment: fine (`/team/`); any other empty one is `//`.
  if (segments.at(-1) === '' && segments.length > 1) segments.pop();
  return segments.every((s) => s !== '.' && s !== '..' && PLAIN_SEGMENT.test(s));
}

/** The procedures that check a password: one of them per request at most. */
const SIGN_IN_PROCEDURES = new Set(['auth.login', 'auth.stepUp']);

export function refuse(reply: FastifyReply, status: number, error: string) {
  return reply.code(status).header('Cache-Control', 'no-store').send({ error });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function registerRequestGuards(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isPlainPath(request.url)) {
      request.log.warn('request with a non-canonical path refused');
      return refuse(reply, 400, 'Ongeldig adres');
    }
  });

  // Fastify's own errors (a body too large, bad JSON, …) keep their 4xx and their message; anything
  // else becomes a plain 500 without details in production, logged with its stack on the server.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message =
      status < 500 ? error.message : config.NODE_ENV === 'production' ? 'Interne fout' : error.message;
    return refuse(reply, status, message);
  });
}

/**
 * A request another website made the browser send (with the user's cookie): its Origin is not the
 * app's configured one nor the very host the request was sent to (which a browser sets itself, so
 * another site cannot fake it: e.g. 127.0.0.1 instead of localhost), or the browser says it is not
 * same-origin. Non-browser clients send neither and carry no ambient cookie.
 */
export function isCrossSite(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  const sameHost = `${request.protocol}://${request.headers.host}`;
  if (origin !== undefined && origin !== new URL(config.PUBLIC_ORIGIN).origin && origin !== sameHost) {
    request.log.warn({ origin }, 'cross-site request refused');
    return true;
  }
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export const CROSS_SITE_REFUSAL = 'Verzoek van een andere website geweigerd';

/**
 * The API's guards, for the routes of the scope they are registered in (the
 * tRPC handler's): decided by the route a request reached, not by its URL.
 */
export function registerApiGuards(api: FastifyInstance, config: Config): void {
  api.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });
  api.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') {
      reply.header('Allow', 'POST');
      return refuse(reply, 405, 'Alleen POST: gegevens horen niet in een adres');
    }
    if (isCrossSite(request, config)) return refuse(reply, 403, CROSS_SITE_REFUSAL);
    const type = request.headers['content-type'];
    // A declared type that is not JSON is refused even with an empty body (tRPC would read a
    // multipart one as FormData and fail with a 500); no type at all is fine without a body.
    if (type !== undefined ? !JSON_TYPE.test(type) : hasBody(request)) {
      return refuse(reply, 415, 'Alleen JSON wordt aangenomen');
    }
    // The procedures as the router decoded them (`auth.login,auth.login` for a batch).
    const procedures = String((request.params as { path?: unknown }).path ?? '').split(',');
    if (procedures.filter((p) => SIGN_IN_PROCEDURES.has(p)).length > 1) {
      return refuse(reply, 400, 'Eén aanmelding per verzoek');
    }
  });
}
