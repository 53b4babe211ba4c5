/**
 * Koers rules, run by the phone offline and by the server as the authority.
 *  - States: concept → in_afstemming → vastgesteld (and back from in_afstemming
 *    to concept); a vastgestelde koers is read-only, a revision is a new version.
 *  - Field-level merge: an edit carries, per field, the version it was based
 *    on. A field nobody else changed since is taken; a field changed elsewhere
 *    in the meantime keeps the server's value when the two differ, and the
 *    edit becomes a conflict its author sees and resolves. Nothing is lost.
 *  - A goal appears once: two goals with the same words (whatever the case or
 *    spacing) are one goal typed twice, refused rather than kept double.
 *  - The evaluation date lies ahead: a new version does not inherit a date
 *    that has passed (the worker chooses a new one), and an edit may not set
 *    one before today.
 */
import type { KoersContent, KoersStatus } from '../schemas/koers';
import type { IsoDate } from './dates';

export type KoersField = keyof KoersContent | 'evaluationDate';
export type KoersValues = Partial<KoersContent> & { evaluationDate?: string | null };

const TRANSITIONS: Record<KoersStatus, readonly KoersStatus[]> = {
  concept: ['in_afstemming'],
  in_afstemming: ['concept', 'vastgesteld'],
  vastgesteld: [],
};

export function canTransitionKoers(from: KoersStatus, to: KoersStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isKoersEditable(status: KoersStatus): boolean {
  return status !== 'vastgesteld';
}

export interface FieldConflict {
  field: KoersField;
  /** The value the server kept. */
  theirs: unknown;
  /** The value of this edit, kept in the conflict for its author. */
  mine: unknown;
}

export interface MergeResult {
  /** Fields to write, with their new values. */
  apply: KoersValues;
  conflicts: FieldConflict[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges an edit into the current koers. `fieldVersions` holds, per field, the
 * sync version of the last accepted change; `baseVersions` what the editor had
 * seen. A field missing from `fieldVersions` was never changed after creation (0).
 * `ownFields`: fields whose last accepted change came from the same device as
 * this edit. A device makes its edits one after the other, each on top of its
 * own earlier ones, so such a change is not "elsewhere" even though the
 * device could not yet know its version.
 */
export function mergeKoersEdit(
  current: KoersValues,
  fieldVersions: Partial<Record<KoersField, number>>,
  edit: KoersValues,
  baseVersions: Partial<Record<KoersField, number>>,
  ownFields: ReadonlySet<KoersField> = new Set(),
): MergeResult {
  const apply: KoersValues = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(edit) as KoersField[]) {
    const mine = edit[field];
    const theirs = current[field];
    const changedElsewhere =
      !ownFields.has(field) && (fieldVersions[field] ?? 0) > (baseVersions[field] ?? 0);
    if (!changedElsewhere || same(mine, theirs)) {
      if (!same(mine, theirs)) (apply as Record<string, unknown>)[field] = mine;
    } else {
      conflicts.push({ field, theirs, mine });
    }
  }
  return { apply, conflicts };
}

/** How goals are compared: the same words, whatever the case or the spacing. */
export const goalKey = (goal: string) => goal.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

export interface DuplicateGoal {
  /** The goal that repeats an earlier one (0-based). */
  index: number;
  /** The first goal with the same words. */
  sameAs: number;
}

/** Goals that repeat an earlier goal's words; empty goals are not compared. */
export function duplicateGoals(goals: readonly { goal: string }[]): DuplicateGoal[] {
  const first = new Map<string, number>();
  const found: DuplicateGoal[] = [];
  goals.forEach((g, index) => {
    const key = goalKey(g.goal);
    if (!key) return;
    const sameAs = first.get(key);
    if (sameAs === undefined) first.set(key, index);
    else found.push({ index, sameAs });
  });
  return found;
}

/** An evaluation date before `today` (a Dutch calendar day) cannot be planned any more. */
export const evaluationDateInPast = (date: string | null | undefined, today: IsoDate): boolean =>
  !!date && date < today;

/**
 * The evaluation date a new version starts with: the previous version's while it still lies
 * ahead (today counts), none once it has passed — the worker plans a new one with the family.
 */
export const carriedEvaluationDate = (previous: string | null | undefined, today: IsoDate): string | null =>
  previous && !evaluationDateInPast(previous, today) ? previous : null;

/** A koers with nothing in it yet: where a first version starts. */
export const emptyKoersContent = (): KoersContent => ({
  zorgpunten: [],
  sterkePunten: [],
  visieGezin: '',
  ontwikkelingsbedreigingen: [],
  doelen: [],
  veiligheidsafspraken: [],
  benodigdeHulp: [],
});
