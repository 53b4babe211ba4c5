/**
 * The load generator of pull-load.ts, run as a child process of its own (so it
 * can be pinned to another core than the server): autocannon without
 * pipelining, one connection per signed-in worker, each connection sending
 * that worker's own request (session cookie and body) again and again. A
 * warm-up run first, then the measured run.
 *
 * Usage: node --import tsx test/bench/pull-load-cannon.ts <config.json>
 * Prints the measured result as one JSON line prefixed with RESULT.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface CannonConfig {
  url: string;
  path: string;
  warmupSeconds: number;
  seconds: number;
  /** One per connection. */
  requests: { headers: Record<string, string>; body: string }[];
}

export interface CannonResult {
  requests: number;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  duration: number;
  warmupRps: number;
  /** Filled in by the bench (pull-load.ts), which sees the processes: CPU per answer. */
  cpu?: { serverMsPerAnswer: number; postgresMsPerAnswer: number; serverCoreBusy: number };
}

async function run(config: CannonConfig, seconds: number) {
  let next = 0;
  return autocannon({
    url: `${config.url}${config.path}`,
    method: 'POST',
    connections: config.requests.length,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    setupClient(client) {
      const request = config.requests[next % config.requests.length];
      next += 1;
      if (request) client.setHeadersAndBody(request.headers, request.body);
    },
  });
}

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as CannonConfig;
const warm = await run(config, config.warmupSeconds);
const r = await run(config, config.seconds);
const statusCodes: Record<string, number> = {};
for (const [code, stats] of Object.entries(r.statusCodeStats ?? {}))
  statusCodes[code] = Number((stats as { count: number }).count);
const result: CannonResult = {
  requests: r.requests.total,
  rps: r.requests.total / r.duration,
  p50: r.latency.p50,
  p975: r.latency.p97_5,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
  statusCodes,
  duration: r.duration,
  warmupRps: warm.requests.total / warm.duration,
};
console.log(`RESULT ${JSON.stringify(result)}`);
