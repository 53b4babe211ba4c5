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
 * answer is scanned for children outside the caller's scope and, field by
 * field, for anything of a visible child's file outside the caller's
 * need-to-know (access-matrix/rules.ts FIELDS, found by the text only that
 * field holds: specs.ts FIELD_MARKERS).
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/routers';
import { mayReadContactReports } from '../../server/services/access';
import { NEED_TO_KNOW } from '../../server/services/projection';
import { StepUpRequired } from '../../server/services/step-up';
import { ROLES } from '../../shared/schemas/user';
import { fixtureDatabaseForFile } from '../helpers/fixture';
import { testConfig } from '../helpers/server';
import {
  BUCKETS,
  type Bucket,
  type Entity,
  expectedAccess,
  FIELDS,
  needsField,
  PERSONAS,
  type Persona,
  passesGuard,
  READS_CONTACT_REPORTS,
  visibleBuckets,
} from './access-matrix/rules';
import { callAs } from './access-matrix/run';
import {
  buildMatrixWorld,
  FIELD_MARKERS,
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
    ...FIELD_MARKERS.map((m) => m.text(name)),
  ];
}

/** The fields of a child's file (entity.field) whose marker the answer holds. */
function fieldsIn(answer: string, t: Target): { entity: Entity; field: string }[] {
  return FIELD_MARKERS.filter((m) => answer.includes(m.text(FIRST_NAMES[t.bucket])));
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
/** Per role, the fields of a file (entity.field) some answer gave it: what the matrix saw served. */
const fieldsSeen: Record<string, Set<string>> = {};

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
        const { result, error, refusalsLogged, exportsLogged } = await callAs(
          world.database,
          w,
          path,
          spec,
          user,
          target,
        );
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
        // Field by field: nothing of a visible child's file outside the caller's need-to-know.
        if (persona !== 'anonymous') {
          for (const bucket of visible) {
            for (const { entity, field } of fieldsIn(answer, targetOf(w, bucket))) {
              if (needsField(persona, entity, field)) {
                fieldsSeen[persona] = (fieldsSeen[persona] ?? new Set()).add(`${entity}.${field}`);
                continue;
              }
              tally.unexpectedAllows++;
              failures.push(
                `${at}: the answer holds ${entity}.${field} of ${bucket}, outside a ${persona}'s need`,
              );
            }
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

        if (exportsLogged > (spec.oneChildExport ? 1 : 0) && !spec.stepUp) {
          failures.push(
            `${at}: exports children without needing a fresh sign-in (mark the spec stepUp and call requireFreshAuth)`,
          );
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

  it.each(paths.filter((p) => SPECS[p]?.stepUp))(
    '%s: needs a fresh sign-in (step-up) for every role that may call it',
    async (path) => {
      const spec = SPECS[path];
      if (!spec) throw new Error(`no spec for ${path}`);
      const failures: string[] = [];
      for (const persona of PERSONAS) {
        if (persona === 'anonymous' || !passesGuard(spec.callers, persona)) continue;
        const stale = await callAs(world.database, w, path, spec, personaUser(persona), targetOf(w, 'own'), {
          signedInMinutesAgo: testConfig.STEP_UP_MINUTES + 1,
        });
        const stepUp = stale.error instanceof TRPCError && stale.error.cause instanceof StepUpRequired;
        if (!stepUp)
          failures.push(
            `${path} as ${persona}: answered a sign-in of ${testConfig.STEP_UP_MINUTES + 1} minutes ago`,
          );
        if (stale.exportsLogged > 0) failures.push(`${path} as ${persona}: logged an export it refused`);
      }
      expect(failures, failures.join('\n')).toEqual([]);
    },
  );

  it('shows contact report text to the roles that need it, and only to them', () => {
    for (const role of ROLES) {
      if (!passesGuard(['jeugdbeschermer', 'teamleider', 'ondersteuner'], role)) continue;
      expect(reportTextSeen[role] ?? false, role).toBe(READS_CONTACT_REPORTS[role]);
    }
  });

  it("keeps the services' need-to-know table (services/projection.ts) as the README writes it", () => {
    expect(NEED_TO_KNOW).toEqual(FIELDS);
  });

  it('serves each role the fields it needs, and found each marker where the table allows it', () => {
    const all = FIELD_MARKERS.map((m) => `${m.entity}.${m.field}`);
    // The field role gets the whole file through its pull: every marker is seen, so each is planted and found.
    expect([...(fieldsSeen.jeugdbeschermer ?? [])].sort()).toEqual([...all].sort());
    // The team lead's online file: the network's contact details and what was seen; the desk: the request and its goals.
    expect([...(fieldsSeen.teamleider ?? [])]).toEqual(
      expect.arrayContaining(['betrokkene.phone', 'contact.report', 'beschikking.reference']),
    );
    expect([...(fieldsSeen.ondersteuner ?? [])]).toEqual(
      expect.arrayContaining([
        'verwijzing.need',
        'verwijzing.familyViews',
        'koers.content.doelen.goal',
        'verwijzingStap.answer',
      ]),
    );
    expect([...(fieldsSeen.beheerder ?? [])]).toEqual([]);
  });

  it('found no unexpected allows', () => {
    expect(tally.unexpectedAllows).toBe(0);
    expect(tally.calls).toBeGreaterThan(paths.length * PERSONAS.length);
  });
});
