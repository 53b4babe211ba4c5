/**
 * A real listening server for tests about HTTP itself (URL spellings,
 * forwarded addresses, parallel requests): the app on a random port of
 * 127.0.0.1, reached with fetch, or with a raw socket for request lines that
 * fetch would normalise (`/%74rpc`, `/./trpc`, absolute-form targets).
 */
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface Listening {
  port: number;
  base: string;
  close(): Promise<void>;
}

export async function listen(app: FastifyInstance): Promise<Listening> {
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: Number(new URL(base).port), base, close: () => app.close() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 request exactly as written: `target` goes on the request line
 * unchanged. Answers the status, the headers (lower-case names) and the body
 * (de-chunked).
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<RawResponse> {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body || method === 'POST') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  const request = `${lines.join('\r\n')}\r\n\r\n${body}`;
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed socket may be dropped before a slow answer; Connection: close ends it.
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const rest = all.subarray(split + 4);
      const body = parsed['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest;
      resolve({ status: Number(statusLine.split(' ')[1]), headers: parsed, body: body.toString('utf8') });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
