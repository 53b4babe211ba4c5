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

/** The parts of a child's file, as the pull names them. */
export type Entity =
  | 'case'
  | 'assignment'
  | 'jeugdige'
  | 'gezin'
  | 'betrokkene'
  | 'maatregel'
  | 'beschikking'
  | 'koers'
  | 'koersConflict'
  | 'contact'
  | 'verwijzing'
  | 'verwijzingStap'
  | 'bijlage';

/**
 * Need-to-know per role and field, as the README's table "Need-to-know per role" writes it: which
 * fields of a child's file a role may receive in any answer. '*': the whole entity; a dotted name
 * is a field inside a JSON field (`content.doelen.goal`: the text of the koers goals). The matrix
 * finds each field in an answer by a text only that field of that child holds (specs.ts
 * FIELD_MARKERS) and fails on a field outside the caller's list.
 */
export const FIELDS: Record<Role, Partial<Record<Entity, '*' | readonly string[]>>> = {
  // The whole file of the cases they carry or stand in for: they visit, shape the koers, arrange help.
  jeugdbeschermer: {
    case: '*',
    assignment: '*',
    jeugdige: '*',
    gezin: '*',
    betrokkene: '*',
    maatregel: '*',
    beschikking: '*',
    koers: '*',
    koersConflict: '*',
    contact: '*',
    verwijzing: '*',
    verwijzingStap: '*',
    bijlage: '*',
  },
  // The team's cases on line: who, the measure and rulings, the network's contact details, what was
  // seen at visits (interim contact, safety), where koers and help stand. No address, network notes,
  // ruling text, koers content or request history.
  teamleider: {
    case: ['id', 'jeugdigeId', 'teamId', 'status', 'openedOn', 'closedOn', 'complexDivorce'],
    assignment: ['id', 'caseId', 'userId', 'role', 'fromDate', 'untilDate'],
    jeugdige: [
      'id',
      'gezinId',
      'firstName',
      'lastName',
      'birthDate',
      'gemeenteId',
      'gemeente',
      'clientNumber',
    ],
    gezin: ['id', 'name'],
    betrokkene: ['id', 'gezinId', 'name', 'relation', 'hasCustody', 'phone', 'email'],
    maatregel: [
      'id',
      'caseId',
      'type',
      'zaaknummer',
      'court',
      'rulingDate',
      'startDate',
      'endDate',
      'outOfHomePlacement',
      'status',
      'endedOn',
      'endReason',
      'endReasonText',
      'previousMaatregelId',
      'normsFrom',
    ],
    beschikking: ['id', 'maatregelId', 'kind', 'date', 'validUntil', 'court', 'reference'],
    koers: ['id', 'caseId', 'version', 'status', 'evaluationDate', 'agreedOn'],
    contact: ['id', 'caseId', 'kind', 'occurredAt', 'childSeen', 'report'],
    verwijzing: [
      'id',
      'caseId',
      'status',
      'productCategory',
      'productName',
      'urgency',
      'helpDueDate',
      'startedOn',
      'endedOn',
      'escalation',
    ],
    // The case's photos and documents: what, when, by whom; their bytes on request (logged).
    bijlage: [
      'id',
      'caseId',
      'contactId',
      'kind',
      'mime',
      'bytes',
      'fileName',
      'addedAt',
      'authorId',
      'status',
    ],
  },
  // What a referral needs, for children with an open request: the child, where it lives, the
  // measure's ruling (the 3-month deadline), the request and its history, the goals it names.
  ondersteuner: {
    case: ['id'],
    jeugdige: ['id', 'firstName', 'lastName', 'birthDate', 'gemeenteId', 'gemeente', 'clientNumber'],
    maatregel: ['id', 'caseId', 'type', 'zaaknummer', 'rulingDate', 'status', 'endedOn'],
    koers: ['content.doelen.id', 'content.doelen.goal'],
    verwijzing: [
      'id',
      'caseId',
      'status',
      'productCategory',
      'productCode',
      'productName',
      'need',
      'goalIds',
      'urgency',
      'urgencyReason',
      'preferredAanbiederIds',
      'consent',
      'familyViews',
      'aanbiederId',
      'aanbiederName',
      'gemeenteId',
      'gemeenteNote',
      'helpDueDate',
      'requestedAt',
      'startedOn',
      'endedOn',
      'escalation',
      'expectedStartOn',
      'followUpOn',
      'bridging',
      'alternative',
    ],
    verwijzingStap: [
      'id',
      'caseId',
      'verwijzingId',
      'step',
      'fromStatus',
      'toStatus',
      'answer',
      'aanbiederName',
      'on',
      'byUserId',
      'byName',
      'byRole',
      'at',
    ],
  },
  // Configuration and the access log: no case content.
  beheerder: {},
};

/** Whether a role may receive a field (maybe dotted) of an entity by FIELDS. */
export function needsField(role: Role, entity: Entity, field: string): boolean {
  const fields = FIELDS[role][entity];
  if (fields === '*') return true;
  return !!fields?.some((f) => field === f || field.startsWith(`${f}.`));
}

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
