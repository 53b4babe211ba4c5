/**
 * The access rules as written in /work/shared/architecture.md ("Security
 * model") and server/services/access.ts, as a small table. The access matrix
 * derives every expected allow/deny from these rules and a procedure's spec
 * (who may call it, which kind of object it touches); no result is copied by
 * hand.
 */
import type { Role } from '../../../shared/schemas/user';

export const PERSONAS = ['jeugdbeschermer', 'teamleider', 'ondersteuner', 'beheerder', 'anonymous'] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * Where a target object sits, seen from the fixture's persona of each role
 * (worker1 and lead1 of team Een in GI Alfa, support and admin of GI Alfa):
 *  - own: worker1's case (team Een);
 *  - team: worker2's case (team Een, another worker);
 *  - otherTeam: worker3's case (team Twee, same organisation);
 *  - otherOrg: workerB's case (GI Beta).
 */
export const BUCKETS = ['own', 'team', 'otherTeam', 'otherOrg'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Who may call a procedure at all: the role guard in server/trpc.ts, as the architecture assigns the work. */
export type Callers = 'public' | 'authed' | readonly Role[];

/**
 * Which objects a role may reach:
 *  - case: a child's file (access.ts caseScope). A jeugdbeschermer the cases
 *    they carry (own); a team lead the team's (own, team); support staff the
 *    organisation's (what a referral needs); a beheerder none (configuration only).
 *  - team: a person of the user's own team (a team lead plans their own team).
 *  - organisation: anything of the user's own organisation;
 *  - self: the user's own things only (their phone's key share);
 *  - office: people and their phones that a team lead (own team) or a
 *    beheerder (own organisation) may revoke or disable.
 */
export type Scope = 'case' | 'team' | 'organisation' | 'self' | 'office';

const inOrganisation: readonly Bucket[] = ['own', 'team', 'otherTeam'];

export const SCOPES: Record<Scope, Record<Role, readonly Bucket[]>> = {
  case: {
    jeugdbeschermer: ['own'],
    teamleider: ['own', 'team'],
    ondersteuner: inOrganisation,
    beheerder: [],
  },
  team: {
    jeugdbeschermer: ['own', 'team'],
    teamleider: ['own', 'team'],
    ondersteuner: [],
    beheerder: [],
  },
  organisation: {
    jeugdbeschermer: inOrganisation,
    teamleider: inOrganisation,
    ondersteuner: inOrganisation,
    beheerder: inOrganisation,
  },
  self: {
    jeugdbeschermer: ['own'],
    teamleider: [],
    ondersteuner: [],
    beheerder: [],
  },
  office: {
    jeugdbeschermer: [],
    teamleider: ['own', 'team'],
    ondersteuner: [],
    beheerder: inOrganisation,
  },
};

/**
 * Field-level need-to-know: who gets the text of a contact report.
 * Jeugdbeschermers write them for the cases they carry. Team leads keep it:
 * the domain (/work/shared/domain.md) has them divide the cases and watch the
 * load, and the waiting list makes a team lead the interim contact of a
 * waiting child and the one who weighs its safety, which needs what was seen
 * at the last visit; services/access.ts mayReadContactReports says the same.
 * Support staff arrange care (a referral needs the request, not the report)
 * and the beheerder configures: neither ever receives report text.
 */
export const READS_CONTACT_REPORTS: Record<Role, boolean> = {
  jeugdbeschermer: true,
  teamleider: true,
  ondersteuner: false,
  beheerder: false,
};

export function passesGuard(callers: Callers, persona: Persona): boolean {
  if (callers === 'public') return true;
  if (persona === 'anonymous') return false;
  if (callers === 'authed') return true;
  return callers.includes(persona);
}

/** The expected outcome of one call: allowed, or refused by the guard or by the object rule. */
export function expectedAccess(
  callers: Callers,
  scope: Scope | null,
  persona: Persona,
  bucket: Bucket | null,
): 'allow' | 'unauthorized' | 'forbidden-role' | 'forbidden-object' {
  if (!passesGuard(callers, persona)) return persona === 'anonymous' ? 'unauthorized' : 'forbidden-role';
  if (scope === null || bucket === null || persona === 'anonymous') return 'allow';
  return SCOPES[scope][persona].includes(bucket) ? 'allow' : 'forbidden-object';
}

/** The buckets whose children a persona may see in an answer (the case scope, unless a procedure reveals more). */
export function visibleBuckets(persona: Persona, reveals: Scope = 'case'): readonly Bucket[] {
  return persona === 'anonymous' ? [] : SCOPES[reveals][persona];
}
