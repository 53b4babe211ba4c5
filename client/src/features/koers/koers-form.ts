/**
 * The koers editor's form model, pure: the koers as the form holds it (lists
 * as lines of text), back to the fields a save sends, which fields changed,
 * and what the form refuses before a save (in the worker's words, per field,
 * for the error summary). Nothing is cut: a text over its limit is refused.
 */
import type { TFunction } from 'i18next';
import type { IsoDate } from '../../../../shared/rules/dates';
import { duplicateGoals, evaluationDateInPast } from '../../../../shared/rules/koers';
import { KOERS_LIMITS, type KoersAgreement, type KoersContent } from '../../../../shared/schemas/koers';
import { isTooLong, tooLongMessage } from '../../components/char-counter';
import type { FormErrors } from '../../components/form-errors';
import type { LocalData } from '../../local/store';

export const LIST_FIELDS = [
  'zorgpunten',
  'sterkePunten',
  'ontwikkelingsbedreigingen',
  'veiligheidsafspraken',
  'benodigdeHulp',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export interface GoalForm {
  id: string;
  goal: string;
  actions: string;
  owner: string;
}

export interface KoersForm {
  lists: Record<ListField, string>;
  visieGezin: string;
  doelen: GoalForm[];
  evaluationDate: string;
}

export const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function formOf(koers: LocalData<'koers'>): KoersForm {
  const c = koers.content;
  return {
    lists: Object.fromEntries(LIST_FIELDS.map((f) => [f, c[f].join('\n')])) as Record<ListField, string>,
    visieGezin: c.visieGezin,
    doelen: c.doelen.map((d) => ({ id: d.id, goal: d.goal, actions: d.actions.join('\n'), owner: d.owner })),
    evaluationDate: koers.evaluationDate ?? '',
  };
}

export function valuesOf(form: KoersForm): Partial<KoersContent> & { evaluationDate: string | null } {
  return {
    ...(Object.fromEntries(LIST_FIELDS.map((f) => [f, toLines(form.lists[f])])) as Record<
      ListField,
      string[]
    >),
    visieGezin: form.visieGezin.trim(),
    doelen: form.doelen
      .filter((d) => d.goal.trim())
      .map((d) => ({ id: d.id, goal: d.goal.trim(), actions: toLines(d.actions), owner: d.owner.trim() })),
    evaluationDate: form.evaluationDate || null,
  };
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The first problem of a list field (one point per line): a point too long, or too many points. */
function listProblem(t: TFunction, text: string): string | undefined {
  const lines = toLines(text);
  const long = lines.findIndex((l) => l.length > KOERS_LIMITS.item);
  if (long >= 0) {
    const line = lines[long] ?? '';
    return t('koers.errors.lineTooLong', {
      line: long + 1,
      count: line.length - KOERS_LIMITS.item,
      max: KOERS_LIMITS.item,
    });
  }
  if (lines.length > KOERS_LIMITS.items)
    return t('koers.errors.tooManyLines', { count: lines.length, max: KOERS_LIMITS.items });
  return undefined;
}

const tooLong = (t: TFunction, value: string, max: number) =>
  isTooLong(value, max) ? tooLongMessage(t, value, max) : undefined;

/**
 * What the form refuses, per field (ids as `fieldId('koers', field)`): texts over their limit,
 * a goal without words, goals typed twice and an evaluation date before today when they were
 * changed (what the user did not touch stays as it came).
 */
export function koersFormErrors(
  t: TFunction,
  form: KoersForm,
  opts: { today: IsoDate; evaluationTouched: boolean; goalsTouched: boolean },
): FormErrors {
  // In the order of the screen, which the summary follows.
  const errors: FormErrors = {};
  for (const f of LIST_FIELDS.slice(0, 2)) errors[f] = listProblem(t, form.lists[f]);
  errors.visieGezin = tooLong(t, form.visieGezin.trim(), KOERS_LIMITS.text);
  errors.ontwikkelingsbedreigingen = listProblem(t, form.lists.ontwikkelingsbedreigingen);
  form.doelen.forEach((d, i) => {
    const goal = d.goal.trim();
    if (!goal && (d.actions.trim() || d.owner.trim()))
      errors[`doelen.${i}.goal`] = t('koers.errors.goalEmpty', { n: i + 1 });
    else errors[`doelen.${i}.goal`] = tooLong(t, goal, KOERS_LIMITS.goal);
    errors[`doelen.${i}.actions`] = listProblem(t, d.actions);
    errors[`doelen.${i}.owner`] = tooLong(t, d.owner.trim(), KOERS_LIMITS.owner);
  });
  // Only goals being changed are compared: a koers that came with a goal twice still saves its other fields.
  if (opts.goalsTouched)
    for (const { index, sameAs } of duplicateGoals(form.doelen))
      errors[`doelen.${index}.goal`] ??= t('koers.errors.goalDuplicate', { n: sameAs + 1 });
  const goals = form.doelen.filter((d) => d.goal.trim()).length;
  if (goals > KOERS_LIMITS.goals)
    errors.doelen = t('koers.errors.tooManyGoals', { count: goals, max: KOERS_LIMITS.goals });
  for (const f of LIST_FIELDS.slice(3)) errors[f] = listProblem(t, form.lists[f]);
  if (opts.evaluationTouched && evaluationDateInPast(form.evaluationDate, opts.today))
    errors.evaluationDate = t('koers.errors.evaluationPast');
  return Object.fromEntries(Object.entries(errors).filter(([, m]) => m));
}

/** What a status change refuses: vastgesteld needs the family's agreement, and the note has a limit. */
export function agreementErrors(t: TFunction, agreement: KoersAgreement, vaststellen: boolean): FormErrors {
  const errors: FormErrors = {};
  if (vaststellen && !agreement.gezin) errors['agreement.gezin'] = t('koers.needsFamily');
  const note = tooLong(t, agreement.toelichting, KOERS_LIMITS.toelichting);
  if (note) errors['agreement.toelichting'] = note;
  return errors;
}
