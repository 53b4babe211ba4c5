/**
 * Every procedure's input refuses what no screen sends: keys it does not
 * know, and strings or lists longer than any real user would type. Checked
 * twice: by walking each input schema of appRouter (every object strict,
 * every string and array with a maximum), and by sending each procedure's
 * valid input (from the access matrix's specs) with an extra key in every
 * object and with each string and list blown up past its limit.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appRouter } from '../../server/routers';
import { mutationArgSchemas } from '../../shared/schemas/mutations';
import type { Fixture, FixtureUser } from '../helpers/fixture';
import { BUCKETS, type Bucket } from '../server/access-matrix/rules';
import { type MatrixWorld, SPECS, targetOf } from '../server/access-matrix/specs';

type Schema = z.core.$ZodType;
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (s: Schema) => s._zod.def as unknown as Def;

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: Schema[] } }>;
const withInput = Object.entries(procedures).filter(([, p]) => p._def.inputs.length > 0);

/** Where `args` is opaque on purpose: a pushed mutation's arguments are checked by its own schema (below). */
const OPAQUE = new Set(['sync.push:mutations.[].args', 'devices.surrender:mutations.[].args']);

/** Every object that is not strict, string without a maximum, array without a maximum, or open value. */
function looseParts(schema: Schema, where: string, owner: string, seen = new Set<Schema>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (s: unknown, at: string) => looseParts(s as Schema, at, owner, seen);
  const checks = ((def.checks as { _zod: { def: { check: string; format?: string } } }[]) ?? []).map(
    (c) => c._zod.def,
  );
  const hasMax = checks.some((c) => c.check === 'max_length' || c.check === 'length_equals');
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as Schema | undefined;
      const out = catchall && defOf(catchall).type === 'never' ? [] : [`${where}: object accepts extra keys`];
      for (const [key, value] of Object.entries(def.shape as Record<string, Schema>)) {
        out.push(...inner(value, `${where}.${key}`));
      }
      return out;
    }
    case 'string': {
      // A format (uuid, ISO date-time) or an anchored pattern without repetition bounds the length.
      if (hasMax || def.format) return [];
      const patterns = checks.filter((c) => c.check === 'string_format' && c.format === 'regex');
      const bounded = patterns.some((c) => {
        const source = String((c as unknown as { pattern: RegExp }).pattern?.source ?? '');
        return source.startsWith('^') && source.endsWith('$') && !/[+*]|\{\d+,\}/.test(source);
      });
      return bounded ? [] : [`${where}: string without a maximum length`];
    }
    case 'array':
      return [
        ...(hasMax ? [] : [`${where}: array without a maximum length`]),
        ...inner(def.element, `${where}.[]`),
      ];
    case 'tuple':
      return (def.items as Schema[]).flatMap((s, i) => inner(s, `${where}.${i}`));
    case 'record': {
      const keyType = defOf(def.keyType as Schema).type;
      return [
        ...(keyType === 'enum' || keyType === 'literal' ? [] : [`${where}: record with open keys`]),
        ...inner(def.valueType, `${where}.*`),
      ];
    }
    case 'union':
      return (def.options as Schema[]).flatMap((s) => inner(s, where));
    case 'intersection':
      return [...inner(def.left, where), ...inner(def.right, where)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType, where);
    case 'pipe':
      return [...inner(def.in, where), ...inner(def.out, where)];
    case 'lazy':
      return inner((def.getter as () => Schema)(), where);
    case 'unknown':
    case 'any':
      return OPAQUE.has(`${owner}:${where.slice(1)}`) ? [] : [`${where}: any value accepted`];
    default:
      // enum, literal, boolean, number, null, never, transform: nothing unbounded to send.
      return [];
  }
}

/** A world of random ids: enough for the specs to build inputs that parse (nothing is looked up). */
function fakeWorld(): MatrixWorld {
  const person = (role: FixtureUser['role']): FixtureUser => ({
    id: randomUUID(),
    username: role,
    role,
    organisationId: randomUUID(),
    teamId: randomUUID(),
    displayName: role,
  });
  const byBucket = <T>(make: () => T) =>
    Object.fromEntries(BUCKETS.map((b) => [b, make()])) as Record<Bucket, T>;
  const f = {
    orgA: randomUUID(),
    orgB: randomUUID(),
    team1: randomUUID(),
    team2: randomUUID(),
    gemeenteId: randomUUID(),
    regionId: randomUUID(),
    users: Object.fromEntries(
      ['worker1', 'worker2', 'worker3', 'workerB'].map((k) => [k, person('jeugdbeschermer')]),
    ),
    cases: {
      ofWorker1: randomUUID(),
      ofWorker2: randomUUID(),
      ofWorker3: randomUUID(),
      ofWorkerB: randomUUID(),
    },
  } as unknown as Fixture;
  return {
    f,
    verwijzingen: byBucket(randomUUID),
    measures: byBucket(randomUUID),
    devices: byBucket(() => ({ deviceId: randomUUID(), deviceSecret: 'A'.repeat(43) })),
    sessionIds: {},
  };
}

const w = fakeWorld();
const validInput = (path: string) => SPECS[path]?.input(w, targetOf(w, 'own'), randomUUID());

async function accepts(path: string, input: unknown): Promise<boolean> {
  for (const parser of procedures[path]?._def.inputs ?? []) {
    const result = await (parser as z.ZodType).safeParseAsync(input);
    if (!result.success) return false;
  }
  return true;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value, with a function that returns a copy changed there. */
function places(value: Json, path: string[] = []): { path: string[]; node: Json }[] {
  const here = [{ path, node: value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => places(v, [...path, String(i)]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  }
  return here;
}
function changedAt(value: Json, path: string[], change: (node: Json) => Json): Json {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Json = Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) };
  (copy as Record<string, Json>)[head] = changedAt(
    (value as Record<string, Json>)[head] as Json,
    rest,
    change,
  );
  return copy;
}
/** Fields whose documented limit is above 100 KB: the intake file travels as text (max. 1 MB). */
const LARGE_LIMITS: Record<string, number> = {
  'intake.preview:csv': 1_000_000,
  'intake.import:csv': 1_000_000,
  // The template's bytes as base64: 512 KB is about 700,000 characters.
  'documents.uploadTemplate:base64': 700_000,
};
/** 100 KB, or 50 KB past a field's larger documented limit. */
const oversized = (path: string, at: string[]) =>
  'x'.repeat((LARGE_LIMITS[`${path}:${at.join('.')}`] ?? 50_000) + 50_000);

/** Inside a pushed mutation's opaque `args` (checked by the mutation's own schema at push). */
const insideArgs = (path: string[]) => path.includes('args');

describe('procedure inputs', () => {
  it('are strict, with a maximum on every string and list', () => {
    const loose = withInput.flatMap(([path, p]) =>
      p._def.inputs.flatMap((s) => looseParts(s, '', path).map((m) => `${path}${m}`)),
    );
    for (const [name, schema] of Object.entries(mutationArgSchemas)) {
      loose.push(...looseParts(schema as Schema, '', name).map((m) => `mutation ${name}${m}`));
    }
    expect(loose, loose.join('\n')).toEqual([]);
  });

  it.each(withInput.map(([path]) => path))(
    '%s refuses an extra key and oversized strings and lists',
    async (path) => {
      const input = validInput(path);
      expect(SPECS[path], `no spec with a valid input for ${path}`).toBeDefined();
      expect(await accepts(path, input), 'the valid input of the spec').toBe(true);
      const failures: string[] = [];
      const base = (input ?? {}) as Json;
      if (input === undefined && !(await accepts(path, {}))) return;
      for (const { path: at, node } of places(base)) {
        if (insideArgs(at)) continue;
        const where = at.join('.') || '(top)';
        if (node && typeof node === 'object' && !Array.isArray(node)) {
          const extra = changedAt(base, at, (n) => ({ ...(n as Record<string, Json>), onbekendVeld: 'x' }));
          if (await accepts(path, extra)) failures.push(`${where}: accepts an extra key`);
        }
        if (typeof node === 'string') {
          const long = changedAt(base, at, () => oversized(path, at));
          if (await accepts(path, long)) failures.push(`${where}: accepts an oversized string`);
        }
        if (Array.isArray(node) && node.length > 0) {
          const many = changedAt(base, at, (n) =>
            Array.from({ length: 10_000 }, () => (n as Json[])[0] as Json),
          );
          if (await accepts(path, many)) failures.push(`${where}: accepts 10 000 items`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    },
  );

  it('refuses an extra key in a pushed mutation', () => {
    const push = validInput('sync.push') as { mutations: { args: Record<string, unknown> }[] };
    const args = push.mutations[0]?.args ?? {};
    expect(mutationArgSchemas.logContact.safeParse(args).success).toBe(true);
    expect(mutationArgSchemas.logContact.safeParse({ ...args, onbekendVeld: 'x' }).success).toBe(false);
  });
});
