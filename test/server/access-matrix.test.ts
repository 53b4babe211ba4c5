/**
 * The access matrix: every procedure of appRouter × every role (and nobody
 * signed in) × objects inside and outside the user's scope (own case, a
 * colleague's case in the same team, another team's, another organisation's).
 * The expected allow/deny follows from the rules (access-matrix/rules.ts) and
 * the procedure's spec (access-matrix/specs.ts), never from a copied result.
 *
 * Checked per call: an allowed call is not refused (business errors such as
 * BAD_REQUEST or CONFLICT are fine); a denied one answers FORBIDDEN
 * (UNAUTHORIZED when nobody is signed in), its message names nothing of the
 * child, and a refused case or request is in access_log as 'geweigerd'. Every
 * answer is scanned for children outside the caller's scope and, for roles
 * without the need, for contact report text.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/routers';
import { mayReadContactReports } from '../../server/services/access';
import { ROLES } from '../../shared/schemas/user';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import {
  BUCKETS,
  type Bucket,
  expectedAccess,
  PERSONAS,
  type Persona,
  passesGuard,
  READS_CONTACT_REPORTS,
  visibleBuckets,
} from './access-matrix/rules';
import { callAs } from './access-matrix/run';
import {
  buildMatrixWorld,
  FIRST_NAMES,
  type MatrixWorld,
  missingSpecs,
  procedurePaths,
  SPECS,
  scopeOf,
  type Target,
  targetOf,
} from './access-matrix/specs';

const world = fixtureDatabaseForFile();
let w: MatrixWorld;
beforeAll(async () => {
  const { worker1, lead1, support, admin } = world.f.users;
  w = await buildMatrixWorld(world.database, world.f, { signIn: [worker1, lead1, support, admin] });
});

const paths = procedurePaths(appRouter);

const personaUser = (persona: Persona) => {
  const u = world.f.users;
  return { jeugdbeschermer: u.worker1, teamleider: u.lead1, ondersteuner: u.support, beheerder: u.admin }[
    persona as Exclude<Persona, 'anonymous'>
  ];
};

/** Strings that only a child's own data contains. */
function markersOf(t: Target): string[] {
  const name = FIRST_NAMES[t.bucket];
  return [
    t.caseId,
    t.verwijzingId,
    `${name} Testkind`,
    `"${name}"`,
    `Gezin ${name}`,
    `Moeder van ${name}`,
    `Verslag over ${name}`,
    `Hulp voor ${name}`,
  ];
}
/** What a refusal's message may never contain: any child's name, birth date or report. */
const CHILD_DATA = /\b(Anna|Bram|Cas|Dewi)\b|Testkind|2015-06-01|Verslag over|geheim|Moeder van/;
const REPORT_TEXT = /Verslag over [A-Za-z]+: geheim/;

const tally = {
  calls: 0,
  allowed: 0,
  unauthorized: 0,
  forbiddenByRole: 0,
  forbiddenByObject: 0,
  unexpectedAllows: 0,
  unexpectedDenies: 0,
  /** Guard refusals of a procedure that names a case: not in access_log (the guard in server/trpc.ts does not log). */
};
const reportTextSeen: Record<string, boolean> = {};

afterAll(() => {
  const roles = PERSONAS.length;
  console.log(
    `access matrix: ${paths.length} procedures × ${roles} roles (incl. anonymous) × up to ${BUCKETS.length} targets = ${tally.calls} calls; ` +
      `${tally.allowed} allowed, ${tally.unauthorized} unauthorized, ${tally.forbiddenByRole} forbidden by role, ` +
      `${tally.forbiddenByObject} forbidden by object; unexpected allows: ${tally.unexpectedAllows}, ` +
      `unexpected denies: ${tally.unexpectedDenies}`,
  );
});

describe('the access matrix', () => {
  it('has a spec for every procedure of appRouter', () => {
    const missing = missingSpecs(paths);
    expect(
      missing,
      `procedures without an access-matrix spec (add them to test/server/access-matrix/specs.ts): ${missing.join(', ')}`,
    ).toEqual([]);
    // Specs ahead of the router (a procedure another branch adds) are skipped, not failed.
    const ahead = Object.keys(SPECS).filter((p) => !paths.includes(p));
    if (ahead.length) console.log(`access matrix: specs without a procedure (skipped): ${ahead.join(', ')}`);
  });

  it('keeps the need-to-know rule of the services (mayReadContactReports)', () => {
    for (const role of ROLES) expect(mayReadContactReports({ role }), role).toBe(READS_CONTACT_REPORTS[role]);
  });

  it.each(paths.filter((p) => p in SPECS))('%s: allows exactly what the rules allow', async (path) => {
    const spec = SPECS[path];
    if (!spec) throw new Error(`no spec for ${path}`);
    const scope = scopeOf(spec);
    const buckets: readonly (Bucket | null)[] = spec.target === 'none' ? [null] : BUCKETS;
    const failures: string[] = [];

    for (const persona of PERSONAS) {
      for (const bucket of buckets) {
        const target = targetOf(w, bucket ?? 'own');
        const expected = expectedAccess(spec.callers, scope, persona, bucket);
        const user = persona === 'anonymous' ? null : personaUser(persona);
        const at = `${path} as ${persona}${bucket ? ` on ${bucket}` : ''}`;
        tally.calls++;
        const { result, error, refusalsLogged } = await callAs(world.database, w, path, spec, user, target);
        const code = error instanceof TRPCError ? error.code : error ? 'NOT_A_TRPC_ERROR' : null;
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'NOT_A_TRPC_ERROR') {
          failures.push(`${at}: crashed: ${String((error as Error).message)}`);
          continue;
        }
        const answer = result === undefined ? '' : JSON.stringify(result);

        // Whatever the verdict: no child outside the caller's scope in the answer, no report text without the need.
        const visible = visibleBuckets(persona, spec.reveals);
        for (const other of BUCKETS) {
          if (visible.includes(other)) continue;
          const leaked = markersOf(targetOf(w, other)).find((m) => answer.includes(m));
          if (leaked) {
            tally.unexpectedAllows++;
            failures.push(`${at}: the answer holds ${other}'s data (${leaked})`);
          }
        }
        if (REPORT_TEXT.test(answer)) {
          if (persona === 'anonymous' || !READS_CONTACT_REPORTS[persona]) {
            tally.unexpectedAllows++;
            failures.push(`${at}: the answer holds contact report text`);
          } else reportTextSeen[persona] = true;
        }
        if (error instanceof TRPCError && CHILD_DATA.test(error.message)) {
          failures.push(`${at}: the error message names the child: ${error.message}`);
        }

        // A push answers per mutation; an upload of offline reads names the reads it refused.
        const answered = result as
          | { outcomes?: { status: string; reason?: string }[]; refused?: { reason: string }[] }
          | undefined;
        const refusedRead = answered?.refused?.[0];
        const outcome = refusedRead
          ? { status: 'geweigerd', reason: refusedRead.reason }
          : answered?.outcomes?.[0];
        const refusedOutcome =
          outcome?.status === 'geweigerd' && (!!refusedRead || /geen toegang/.test(outcome.reason ?? ''));
        if (outcome?.reason && CHILD_DATA.test(outcome.reason)) {
          failures.push(`${at}: the refusal names the child: ${outcome.reason}`);
        }

        if (expected === 'allow') {
          tally.allowed++;
          const refused =
            code === 'FORBIDDEN' ||
            code === 'UNAUTHORIZED' ||
            (spec.refusal === 'outcome' && refusedOutcome) ||
            (spec.refusal === 'filtered' && bucket !== null && !answer.includes(target.caseId));
          if (refused) {
            tally.unexpectedDenies++;
            failures.push(
              `${at}: refused but the rules allow it (${code ?? outcome?.reason ?? 'left out of the answer'}: ${
                (error as Error | undefined)?.message ?? ''
              })`,
            );
          }
          continue;
        }

        if (expected === 'unauthorized' || expected === 'forbidden-role') {
          if (expected === 'unauthorized') tally.unauthorized++;
          else tally.forbiddenByRole++;
          const want = expected === 'unauthorized' ? 'UNAUTHORIZED' : 'FORBIDDEN';
          if (!error) {
            tally.unexpectedAllows++;
            failures.push(`${at}: allowed, but the rules refuse it (${want})`);
          } else if (code !== want) failures.push(`${at}: refused with ${code}, expected ${want}`);
          // Refused by the role guard: logged too (server/trpc.ts roleProcedure), with the child when named.
          if (user && refusalsLogged === 0) failures.push(`${at}: refused for the role, but not logged`);
          continue;
        }

        // Refused for the object: outside the user's scope.
        tally.forbiddenByObject++;
        if (spec.refusal === 'filtered') {
          if (code && code !== 'FORBIDDEN')
            failures.push(`${at}: refused with ${code}, expected FORBIDDEN or left out`);
          if (answer.includes(target.caseId)) {
            tally.unexpectedAllows++;
            failures.push(`${at}: the case outside the scope is in the answer`);
          }
          continue;
        }
        if (spec.refusal === 'outcome') {
          // Any refusal of the mutation will do here (a beheerder's is refused for the role before the case).
          if (!error && outcome?.status !== 'geweigerd') {
            tally.unexpectedAllows++;
            failures.push(`${at}: applied, but the rules refuse it (${JSON.stringify(outcome)})`);
          }
        } else if (!error) {
          tally.unexpectedAllows++;
          failures.push(`${at}: allowed, but the rules refuse it`);
        } else if (code !== 'FORBIDDEN') {
          failures.push(`${at}: refused with ${code} (${(error as Error).message}), expected FORBIDDEN`);
        }
        const mustLog = spec.logsRefusal ?? true;
        if (mustLog && refusalsLogged === 0)
          failures.push(`${at}: refused, but not in access_log as geweigerd`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('shows contact report text to the roles that need it, and only to them', () => {
    for (const role of ROLES) {
      if (!passesGuard(['jeugdbeschermer', 'teamleider', 'ondersteuner'], role)) continue;
      expect(reportTextSeen[role] ?? false, role).toBe(READS_CONTACT_REPORTS[role]);
    }
  });

  it('found no unexpected allows', () => {
    expect(tally.unexpectedAllows).toBe(0);
    expect(tally.calls).toBeGreaterThan(paths.length * PERSONAS.length);
  });
});
