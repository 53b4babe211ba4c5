/**
 * Need-to-know per role: which fields of a child's file each role may
 * receive, per entity, as lists of field names. The README's table
 * "Need-to-know per role" is this table in words. Which children (rows) a
 * role may see is access.ts (caseScope); which fields of them, this.
 *
 * Every path that sends case content reads the table: the phone's pull (per
 * entity, the role's fields: `project`), the online case file, the referral
 * desk and its report. The doors follow from it too: the bulk pull is for the
 * roles whose need is the whole file (PULL_ROLES), the online case file for
 * the roles whose need covers what it shows (CASE_FILE_ROLES).
 *
 * Guarantee: a field not in a role's list never leaves the server for that
 * role. An entity missing from a role's list: nothing of it. The field role
 * gets the whole file of the cases it carries (WHOLE); the office roles an
 * explicit list, so a field added later stays out for them until someone
 * decides they need it.
 */
import { SYNC_ENTITIES, type SyncEntity } from '../../shared/schemas/sync';
import { ROLES, type Role } from '../../shared/schemas/user';

/** The parts of a child's file, named as the pull names them. */
export type FileEntity = SyncEntity;

/** Every field of the entity, also ones added later. */
export const WHOLE = '*';
/** Field names; a dotted name is a field inside a JSON field (`content.doelen.goal`: only the goals' text). */
export type FieldList = typeof WHOLE | readonly string[];
export type Projection = Readonly<Partial<Record<FileEntity, FieldList>>>;

const wholeFile = Object.fromEntries(SYNC_ENTITIES.map((e) => [e, WHOLE])) as Record<FileEntity, FieldList>;

export const NEED_TO_KNOW: Readonly<Record<Role, Projection>> = {
  /**
   * The child's fixed contact (and a waarnemer, for the cases and the period they stand in for):
   * visits the family, shapes the koers with them, arranges help, reports to the court. The whole
   * file, on the phone, offline. Conflicts only their own (a row rule in the pull).
   */
  jeugdbeschermer: wholeFile,
  /**
   * Divides the team's cases, watches the norms and the load, is the interim contact of a waiting
   * child and weighs its safety: who the child is, the measure and rulings, the network's contact
   * details, what was seen at visits, where the koers and the help stand. Not the family's
   * address, the network's notes, the text of a ruling or the koers itself.
   */
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
      // The measure's life (services/measure-life.ts): the team lead registers court decisions too.
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
    // The case's photos and documents (name, kind, size, date, author) and, on request, their bytes.
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
  /**
   * Arranges care (makelaarsfunctie) for a child with an open request: who the child is and where
   * it lives (woonplaatsbeginsel), the measure and its ruling (the 3-month help deadline and the
   * weight of a court ruling in the afwegingskader), the request itself with its history, and the
   * text of the koers goals the request names. Not the network, the family, the rest of the koers,
   * the contacts or the rulings' text. Registers new measures (instroom): client and case number.
   */
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
  /** Configuration (sociale kaart, settings, devices) and the access log: no case content. */
  beheerder: {},
};

/** Whether `needed` (maybe dotted) is inside `allowed`: the field itself or a field around it. */
const within = (needed: string, allowed: string) => needed === allowed || needed.startsWith(`${allowed}.`);

/** May this role receive this field of this entity? */
export function mayRead(role: Role, entity: FileEntity, field: string): boolean {
  const fields = NEED_TO_KNOW[role][entity];
  if (fields === WHOLE) return true;
  return !!fields?.some((allowed) => within(field, allowed));
}

/** Does the role's need cover every field a view reads? */
export function covers(role: Role, reads: Partial<Record<FileEntity, readonly string[] | typeof WHOLE>>) {
  return Object.entries(reads).every(([entity, fields]) =>
    fields === WHOLE
      ? NEED_TO_KNOW[role][entity as FileEntity] === WHOLE
      : (fields ?? []).every((field) => mayRead(role, entity as FileEntity, field)),
  );
}

/** Keeps the given (maybe dotted) paths of a value; arrays keep them of each item. */
function pick(value: unknown, paths: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, paths));
  if (value === null || typeof value !== 'object') return value;
  // Per top-level key: null keeps it whole, a list keeps only those paths inside it.
  const keep = new Map<string, string[] | null>();
  for (const path of paths) {
    const [head = '', ...rest] = path.split('.');
    if (rest.length === 0 || keep.get(head) === null) keep.set(head, null);
    else keep.set(head, [...(keep.get(head) ?? []), rest.join('.')]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of keep) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    out[key] = inner === null ? v : pick(v, inner);
  }
  return out;
}

/**
 * One row of an entity as this role may receive it: the fields outside its need are left out
 * (an entity outside its need: nothing). The type says what the widest role gets; a caller that
 * serves several roles treats each field as possibly absent.
 */
export function project<T extends object>(role: Role, entity: FileEntity, row: T): Partial<T> {
  const fields = NEED_TO_KNOW[role][entity];
  if (fields === WHOLE) return row;
  if (!fields) return {};
  return pick(row, fields) as Partial<T>;
}

/**
 * The bulk pull delivers whole files to a phone: only for the roles whose need is the whole
 * file of their cases (the field roles). Office roles read through their screens.
 */
export const PULL_ROLES: readonly Role[] = ROLES.filter((role) =>
  SYNC_ENTITIES.every((entity) => NEED_TO_KNOW[role][entity] === WHOLE),
);

/** What the online case file (cases.file) shows; the contact report only to those who may read it. */
export const CASE_FILE_READS = {
  case: ['complexDivorce', 'status', 'closedOn'],
  jeugdige: ['firstName', 'lastName', 'birthDate', 'gemeente'],
  gezin: ['name'],
  betrokkene: ['id', 'name', 'relation', 'hasCustody', 'phone', 'email'],
  maatregel: [
    'id',
    'type',
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
  contact: ['id', 'kind', 'occurredAt', 'childSeen'],
  // Who carries the case (and stands in for it); the norms in the summary: assigned, koers agreed, help started.
  assignment: ['userId', 'role', 'fromDate', 'untilDate'],
  koers: ['agreedOn'],
  verwijzing: ['startedOn'],
} as const satisfies Partial<Record<FileEntity, readonly string[]>>;

/** The roles whose need covers the online case file: the others are refused it. */
export const CASE_FILE_ROLES: readonly Role[] = ROLES.filter((role) => covers(role, CASE_FILE_READS));

/**
 * `project` for a view whose roles are known to need `reads` (a guard made of `covers`): those
 * fields are then present, and typed so. A role that does not cover them is a programming error.
 */
export function projectView<T extends object, K extends keyof T & string>(
  role: Role,
  entity: FileEntity,
  row: T,
  reads: readonly K[],
): Pick<T, K> & Partial<T> {
  const missing = reads.filter((field) => !mayRead(role, entity, field));
  if (missing.length) throw new Error(`${entity}.${missing.join(', ')} is niet voor ${role}`);
  return project(role, entity, row) as Pick<T, K> & Partial<T>;
}
