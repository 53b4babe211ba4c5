/**
 * Koers rules, run by the phone offline and by the server as the authority.
 *  - States: concept → in_afstemming → vastgesteld (and back from in_afstemming
 *    to concept); a vastgestelde koers is read-only, a revision is a new version.
 *  - Field-level merge: an edit carries, per field, the version it was based
 *    on. A field nobody else changed since is taken; a field changed elsewhere
 *    in the meantime keeps the server's value when the two differ, and the
 *    edit becomes a conflict its author sees and resolves. Nothing is lost.
 */
import type { KoersContent, KoersStatus } from '../schemas/koers';

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
