import { z } from 'zod';

/** concept → in afstemming → vastgesteld; a vastgestelde koers is read-only, a revision is a new version. */
export const KOERS_STATUSES = ['concept', 'in_afstemming', 'vastgesteld'] as const;
export const koersStatusSchema = z.enum(KOERS_STATUSES);
export type KoersStatus = z.infer<typeof koersStatusSchema>;

/** A koers conflict is resolved by keeping one side: the device's edit or the server's value. */
export const KOERS_CONFLICT_SIDES = ['mine', 'theirs'] as const;

/** The koers's length limits, once: the schemas below and the editor's counters and messages use them. */
export const KOERS_LIMITS = {
  /** The family's own view (visie van het gezin). */
  text: 4000,
  /** One point of a list (a zorgpunt, an action…), one line in the editor. */
  item: 1000,
  /** Points in one list. */
  items: 50,
  goal: 1000,
  owner: 120,
  goals: 30,
  /** The note on who agreed. */
  toelichting: 2000,
} as const;

const text = z.string().max(KOERS_LIMITS.text);
const list = z.array(z.string().trim().min(1).max(KOERS_LIMITS.item)).max(KOERS_LIMITS.items);

export const koersGoalSchema = z.strictObject({
  id: z.uuid(),
  goal: z.string().trim().min(1).max(KOERS_LIMITS.goal),
  actions: list,
  owner: z.string().max(KOERS_LIMITS.owner),
});
export type KoersGoal = z.infer<typeof koersGoalSchema>;

/** The content of a koers as the worker shapes it with the family. */
export const koersContentSchema = z.object({
  zorgpunten: list,
  sterkePunten: list,
  visieGezin: text,
  ontwikkelingsbedreigingen: list,
  doelen: z.array(koersGoalSchema).max(KOERS_LIMITS.goals),
  veiligheidsafspraken: list,
  benodigdeHulp: list,
});
export type KoersContent = z.infer<typeof koersContentSchema>;

export const koersAgreementSchema = z.strictObject({
  gezin: z.boolean(),
  jeugdige: z.boolean(),
  netwerk: z.boolean(),
  toelichting: z.string().max(KOERS_LIMITS.toelichting),
});
export type KoersAgreement = z.infer<typeof koersAgreementSchema>;

/** Defined beside the koers rules, so the phone's first screen does not load the schemas above. */
export { emptyKoersContent } from '../rules/koers';
