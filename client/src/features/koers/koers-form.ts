/**
 * The koers editor's form model, pure: the koers as the form holds it (lists
 * as lines of text), back to the fields a save sends, and which fields changed.
 */
import type { KoersContent } from '../../../../shared/schemas/koers';
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
