/**
 * The tRPC API as a Fastify route whose answer is one buffered body.
 *
 * tRPC's own Fastify adapter hands Fastify the fetch Response's stream, so every answer, the
 * 300-byte "nothing changed" pull a phone sends every few minutes included, went through a
 * web-stream bridge and a brotli stream of its own: at 08:30 that was about a tenth of the
 * server's CPU. A buffered body has a length, so @fastify/compress leaves answers under its
 * threshold (1 KiB) as they are and compresses the rest in one go. Nothing is lost by buffering:
 * the app's link (httpBatchLink) does not stream, and there are no subscriptions.
 *
 * Otherwise the same as the adapter (`@trpc/server/adapters/fastify`, v11): the body reaches tRPC
 * as the raw JSON text, the request as a fetch Request, the answer through `resolveResponse`.
 */
import type { AnyTRPCRouter } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { type HTTPErrorHandler, resolveResponse } from '@trpc/server/http';
import type { FastifyInstance } from 'fastify';

export interface TrpcRouteOptions<TRouter extends AnyTRPCRouter> {
  prefix: string;
  router: TRouter;
  maxBatchSize: number;
  allowMethodOverride: boolean;
  createContext(opts: CreateFastifyContextOptions): Promise<unknown>;
  onError?: HTTPErrorHandler<TRouter, CreateFastifyContextOptions['req']>;
}

export function registerTrpcRoute<TRouter extends AnyTRPCRouter>(
  api: FastifyInstance,
  options: TrpcRouteOptions<TRouter>,
): void {
  // tRPC parses the body itself; Fastify passes JSON on as text (multipart the API guards refuse).
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  api.all<{ Params: { path: string } }>(`${options.prefix}/:path`, async (req, reply) => {
    const incoming = req.raw as typeof req.raw & { body?: unknown };
    if ('body' in req) incoming.body = req.body;
    const request = incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null });
    const response = await resolveResponse({
      router: options.router,
      req: request,
      path: req.params.path,
      error: null,
      maxBatchSize: options.maxBatchSize,
      allowMethodOverride: options.allowMethodOverride,
      createContext: ({ info }) => options.createContext({ req, res: reply, info }),
      onError: (o) => options.onError?.({ ...o, req }),
    } as Parameters<typeof resolveResponse<TRouter>>[0]);
    reply.status(response.status);
    for (const [name, value] of response.headers) if (name !== 'set-cookie') reply.header(name, value);
    for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
}
