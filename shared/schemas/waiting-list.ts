/**
 * The waiting list under the landelijke handelingswijze wachtlijsten, and the
 * stand-in (waarnemer) during a worker's absence: inputs and outputs of the
 * team lead's procedures. A child in acute danger never waits: its triage is
 * accepted here only so the server can refuse it with the reason.
 */

import { z } from 'zod';
import { handoverNote } from './documents';
import { isoDate, limitedText } from './primitives';
import { WAITING_LIMITS } from './waiting-list-limits';

export const TRIAGES = ['acuut', 'niet_acuut'] as const;
export type Triage = (typeof TRIAGES)[number];

const text = (label: string, field: keyof typeof WAITING_LIMITS) =>
  limitedText(label, WAITING_LIMITS[field]).trim();

/** What a non-acute triage must record: the risk assessment, who is the contact, when safety is checked next. */
const waitingFacts = {
  riskOutcome: text('De uitkomst van de risicotaxatie', 'riskOutcome').min(
    1,
    'Vul de uitkomst van de risicotaxatie in',
  ),
  riskAssessedOn: isoDate,
  riskInstrument: text('Het instrument', 'riskInstrument').min(1, 'Vul het instrument in'),
  interimContactId: z.uuid(),
  nextSafetyCheckOn: isoDate,
  bridging: text('De overbrugging', 'bridging').default(''),
};

export const placeOnWaitingListInput = z.discriminatedUnion('triage', [
  z.strictObject({ caseId: z.uuid(), triage: z.literal('acuut') }),
  z.strictObject({ caseId: z.uuid(), triage: z.literal('niet_acuut'), ...waitingFacts }),
]);
export type PlaceOnWaitingListInput = z.input<typeof placeOnWaitingListInput>;

/** A safety check done (next date), a new risk assessment, other bridging or another contact. */
export const updateWaitingInput = z.strictObject({
  caseId: z.uuid(),
  riskOutcome: waitingFacts.riskOutcome.optional(),
  riskAssessedOn: isoDate.optional(),
  riskInstrument: waitingFacts.riskInstrument.optional(),
  interimContactId: z.uuid().optional(),
  nextSafetyCheckOn: isoDate.optional(),
  bridging: text('De overbrugging', 'bridging').optional(),
  priorityReason: text('De reden voor de volgorde', 'priorityReason').optional(),
});
export type UpdateWaitingInput = z.infer<typeof updateWaitingInput>;

/** The team lead moves a child up or down the order, and says why. */
export const moveWaitingInput = z.strictObject({
  caseId: z.uuid(),
  direction: z.enum(['up', 'down']),
  reason: text('De reden voor de volgorde', 'priorityReason').min(3, 'Geef een reden voor deze volgorde'),
});
export type MoveWaitingInput = z.infer<typeof moveWaitingInput>;

/** Assign a vaste jeugdbeschermer now: an acute child, or a waiting child when someone has room. */
export const assignNowInput = z.strictObject({ caseId: z.uuid(), userId: z.uuid() });
export type AssignNowInput = z.infer<typeof assignNowInput>;

export const waitingEntrySchema = z.object({
  caseId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: isoDate,
  since: isoDate,
  /** Calendar days since the child was put on the list. */
  daysWaiting: z.number().int(),
  rulingDate: isoDate.nullable(),
  /** The 5-working-day norm for a vaste jeugdbeschermer, counted from the ruling. */
  assignmentDue: isoDate.nullable(),
  pastNorm: z.boolean(),
  triage: z.enum(TRIAGES),
  riskOutcome: z.string(),
  riskAssessedOn: isoDate.nullable(),
  riskInstrument: z.string(),
  interimContactId: z.uuid().nullable(),
  interimContactName: z.string().nullable(),
  nextSafetyCheckOn: isoDate.nullable(),
  /** The next safety check is today or already past. */
  safetyCheckDue: z.boolean(),
  bridging: z.string(),
  priority: z.number().int(),
  priorityReason: z.string(),
});
export type WaitingEntry = z.infer<typeof waitingEntrySchema>;

/** A child of the team without a vaste jeugdbeschermer that is not (yet) on the list. */
export const waitingCandidateSchema = z.object({
  caseId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.enum(['instroom', 'wachtlijst']),
  rulingDate: isoDate.nullable(),
  assignmentDue: isoDate.nullable(),
  pastNorm: z.boolean(),
});
export type WaitingCandidate = z.infer<typeof waitingCandidateSchema>;

export const teamPersonSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.enum(['jeugdbeschermer', 'teamleider']),
  caseCount: z.number().int(),
});
export type TeamPerson = z.infer<typeof teamPersonSchema>;

export interface WaitingList {
  today: string;
  entries: WaitingEntry[];
  candidates: WaitingCandidate[];
  /** Active jeugdbeschermers and team leads of the team: interim contacts; the jeugdbeschermers can be assigned. */
  people: TeamPerson[];
}

// ── Stand-in (waarnemer) ─────────────────────────────────────────────────────

export const startStandInInput = z
  .strictObject({
    absentUserId: z.uuid(),
    standInUserId: z.uuid(),
    from: isoDate,
    until: isoDate,
  })
  .refine((s) => s.from <= s.until, { path: ['until'], message: 'De einddatum ligt voor de begindatum' })
  .refine((s) => s.absentUserId !== s.standInUserId, {
    path: ['standInUserId'],
    message: 'Kies een andere jeugdbeschermer als waarnemer',
  });
export type StartStandInInput = z.infer<typeof startStandInInput>;

/** One stand-in arrangement: the waarnemer rows of one stand-in for one absent worker over one period. */
export const standInSchema = z.object({
  absentUserId: z.uuid(),
  absentName: z.string(),
  standInUserId: z.uuid(),
  standInName: z.string(),
  from: isoDate,
  until: isoDate,
  caseCount: z.number().int(),
  state: z.enum(['lopend', 'gepland']),
});
export type StandIn = z.infer<typeof standInSchema>;

export const endStandInInput = z.strictObject({
  absentUserId: z.uuid(),
  standInUserId: z.uuid(),
  from: isoDate,
  until: isoDate,
  /** What the stand-in leaves for the returning worker (issue 21): on their vaste assignment, synced. */
  handoverNote: handoverNote.optional(),
});
export type EndStandInInput = z.infer<typeof endStandInInput>;
