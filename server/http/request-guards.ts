/**
 * The edges of the API, checked before tRPC sees a request:
 *  - /trpc takes POST only: queries travel as POST too (the client's
 *    methodOverride), so no child's id or search term ends up in a URL, a
 *    proxy log or the browser history; a GET is refused with 405.
 *  - A body must be JSON: multipart and form posts (what a hostile page can
 *    send without CORS preflight) are refused with 415.
 *  - Cross-site requests are refused with 403: an Origin header must be the
 *    app's own (PUBLIC_ORIGIN or the host addressed), and where the browser says Sec-Fetch-Site it
 *    must be same-origin. Non-browser clients send neither and carry no
 *    ambient cookie, so they are not a cross-site risk.
 * Every refusal is a short Dutch JSON message, never a stack trace.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

function refuse(reply: FastifyReply, status: number, error: string) {
  return reply.code(status).header('Cache-Control', 'no-store').send({ error });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function registerRequestGuards(app: FastifyInstance, config: Config): void {
  const ownOrigin = new URL(config.PUBLIC_ORIGIN).origin;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/trpc')) return;
    if (request.method !== 'POST') {
      reply.header('Allow', 'POST');
      return refuse(reply, 405, 'Alleen POST: gegevens horen niet in een adres');
    }
    const origin = request.headers.origin;
    // The app's configured origin, or the very host the request was sent to (which a browser sets
    // itself, so another site cannot fake it): e.g. 127.0.0.1 instead of localhost.
    const sameHost = `${request.protocol}://${request.headers.host}`;
    if (origin !== undefined && origin !== ownOrigin && origin !== sameHost) {
      request.log.warn({ origin }, 'cross-site request refused');
      return refuse(reply, 403, 'Verzoek van een andere website geweigerd');
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return refuse(reply, 403, 'Verzoek van een andere website geweigerd');
    }
    const type = request.headers['content-type'];
    // A declared type that is not JSON is refused even with an empty body (tRPC would read a
    // multipart one as FormData and fail with a 500); no type at all is fine without a body.
    if (type !== undefined ? !JSON_TYPE.test(type) : hasBody(request)) {
      return refuse(reply, 415, 'Alleen JSON wordt aangenomen');
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
