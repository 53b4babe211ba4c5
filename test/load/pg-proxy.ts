/**
 * A tiny TCP proxy between the server processes and PostgreSQL, so a test can
 * make the database "restart" without touching the shared real one: `cut(ms)`
 * drops every open connection at once and refuses new ones for that long,
 * which is what the servers see when PostgreSQL goes down and comes back.
 */
import net from 'node:net';

export interface PgProxy {
  port: number;
  /** Connections currently proxied. */
  readonly open: number;
  /** Drop all connections now and refuse new ones for `ms`; resolves when the database is back. */
  cut(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPgProxy(target: { host: string; port: number }): Promise<PgProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get open() {
      return pairs.size;
    },
    async cut(ms) {
      down = true;
      for (const { client, upstream } of [...pairs]) {
        // A reset, not a polite close: what a crashing database looks like to its clients.
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
      await new Promise((resolve) => setTimeout(resolve, ms));
      down = false;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
