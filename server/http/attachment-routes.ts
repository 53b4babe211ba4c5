/**
 * The bytes of bijlagen over plain HTTP (shared/schemas/attachment.ts), beside the tRPC API:
 *  - `PUT /api/bijlagen/:id/delen/:index`: one chunk, raw `application/octet-stream`, at most
 *    ATTACHMENT_LIMITS.chunkBytes; only from the user and device that announced the attachment;
 *    answers `{ stored }` (false: the server held that chunk already).
 *  - `GET /api/bijlagen/:id` (`?weergave=bekijken` when the page shows it rather than saves it):
 *    the bytes, as a download that no browser renders as a page of this origin
 *    (`Content-Disposition: attachment`, `nosniff`, a sandboxing CSP), never cached.
 *
 * The same guards as the tRPC route: the session cookie, the locked session refused, cross-site
 * requests refused (request-guards.ts isCrossSite), `Cache-Control: no-store`; ids and indexes in
 * their one plain spelling (lowercase UUID, decimal without leading zeros). Nothing about a child
 * is in these URLs: the id is a random UUID.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_LIMITS } from '../../shared/schemas/attachment';
import type { Config } from '../config';
import type { Context } from '../context';
import { withOrganisation } from '../db/organisation-scope';
import { retryTransient } from '../db/transient';
import { ChunkRefused, DownloadRefused, openAttachment, storeChunk } from '../services/attachments';
import type { AuthedContext } from '../trpc';
import { CROSS_SITE_REFUSAL, isCrossSite, refuse } from './request-guards';

export const ATTACHMENT_PREFIX = '/api/bijlagen';

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHUNK_INDEX = /^(0|[1-9][0-9]{0,4})$/;
const OCTET_STREAM = /^application\/octet-stream\s*(;|$)/i;

export interface AttachmentRouteOptions {
  config: Config;
  /** The request's context, as the tRPC route builds it (session from the cookie). */
  context(request: FastifyRequest, reply: FastifyReply): Promise<Context>;
}

/** A file name that is safe in a header and on any disk: the extension is the type's own. */
export function safeFileName(name: string, mime: string): { ascii: string; utf8: string } {
  const extension = mime === 'application/pdf' ? '.pdf' : '.jpg';
  const base =
    name
      .normalize('NFC')
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      // Separators, control and header characters out: nothing that escapes the quotes or a folder.
      .replace(/[\\/:*?"<>|;\p{Cc}\p{Cf}]+/gu, '_')
      .replace(/^[.\s_]+|[.\s]+$/g, '')
      .slice(0, 100) || 'bijlage';
  const utf8 = `${base}${extension}`;
  const ascii = `${
    base
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[%'`]/g, '_')
      .trim() || 'bijlage'
  }${extension}`;
  return { ascii, utf8 };
}

export function contentDisposition(name: string, mime: string): string {
  const { ascii, utf8 } = safeFileName(name, mime);
  const encoded = encodeURIComponent(utf8).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function registerAttachmentRoutes(app: FastifyInstance, options: AttachmentRouteOptions) {
  const { config } = options;
  await app.register(async (scope) => {
    // Raw bytes, at most one chunk: a larger body is refused (413) before it is read whole.
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMITS.chunkBytes },
      (_request, body, done) => done(null, body),
    );
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    scope.addHook('onRequest', async (request, reply) => {
      if (isCrossSite(request, config)) return refuse(reply, 403, CROSS_SITE_REFUSAL);
      if (request.method === 'PUT') {
        const type = request.headers['content-type'];
        if (type === undefined || !OCTET_STREAM.test(type)) {
          return refuse(reply, 415, 'Een deel van een bijlage wordt als application/octet-stream gestuurd');
        }
      }
    });

    /** A refusal from inside a request's work: answered once the work (and its transaction) ended. */
    class Refused extends Error {
      constructor(
        readonly statusCode: number,
        message: string,
      ) {
        super(message);
      }
    }

    /**
     * Runs `fn` as the signed-in user, scoped to their organisation on PostgreSQL (as server/trpc.ts
     * does for a procedure); a refusal (thrown) is answered after the transaction ended.
     */
    async function asUser<T>(
      request: FastifyRequest,
      reply: FastifyReply,
      fn: (ctx: AuthedContext) => Promise<T>,
    ): Promise<{ value: T } | { refused: FastifyReply }> {
      const ctx = await options.context(request, reply);
      const user = ctx.user;
      if (!user) return { refused: refuse(reply, 401, 'Niet ingelogd of sessie verlopen') };
      if (user.sessionLocked) {
        return { refused: refuse(reply, 403, 'De app is vergrendeld; ontgrendel haar eerst') };
      }
      try {
        const value =
          ctx.dbKind !== 'postgres' || !ctx.auditDb
            ? await fn({ ...ctx, user })
            : await retryTransient(() =>
                withOrganisation(ctx.db, user.organisationId, (tx) => fn({ ...ctx, user, db: tx })),
              );
        return { value };
      } catch (err) {
        if (err instanceof Refused || err instanceof ChunkRefused || err instanceof DownloadRefused) {
          return { refused: refuse(reply, err.statusCode, err.message) };
        }
        throw err;
      }
    }

    scope.put<{ Params: { id: string; index: string }; Body: Buffer }>(
      `${ATTACHMENT_PREFIX}/:id/delen/:index`,
      async (request, reply) => {
        const { id, index } = request.params;
        if (!LOWERCASE_UUID.test(id) || !CHUNK_INDEX.test(index)) return refuse(reply, 400, 'Ongeldig adres');
        if (!Buffer.isBuffer(request.body)) return refuse(reply, 400, 'Een leeg deel van een bijlage.');
        const body = request.body;
        const result = await asUser(request, reply, async (ctx) => {
          if (ctx.user.role !== 'jeugdbeschermer') {
            throw new Refused(403, 'Alleen de jeugdbeschermer stuurt bijlagen op vanaf de telefoon');
          }
          return storeChunk(ctx, id, Number(index), body);
        });
        return 'refused' in result ? result.refused : result.value;
      },
    );

    scope.get<{ Params: { id: string }; Querystring: { weergave?: string } }>(
      `${ATTACHMENT_PREFIX}/:id`,
      async (request, reply) => {
        const { id } = request.params;
        if (!LOWERCASE_UUID.test(id)) return refuse(reply, 400, 'Ongeldig adres');
        const mode = request.query.weergave === 'bekijken' ? 'view' : 'download';
        const result = await asUser(request, reply, (ctx) => openAttachment(ctx, id, mode));
        if ('refused' in result) return result.refused;
        const file = result.value;
        return reply
          .header('Content-Type', file.mime)
          .header('Content-Disposition', contentDisposition(file.fileName, file.mime))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "sandbox; default-src 'none'")
          .header('Cross-Origin-Resource-Policy', 'same-origin')
          .send(file.content);
      },
    );
  });
}
