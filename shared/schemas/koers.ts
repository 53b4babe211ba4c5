import { z } from 'zod';

/** concept → in afstemming → vastgesteld; a vastgestelde koers is read-only, a revision is a new version. */
export const KOERS_STATUSES = ['concept', 'in_afstemming', 'vastgesteld'] as const;
export const koersStatusSchema = z.enum(KOERS_STATUSES);
export type KoersStatus = z.infer<typeof koersStatusSchema>;

/** A koers conflict is resolved by keeping one side: the device's edit or the server's value. */
export const KOERS_CONFLICT_SIDES = ['mine', 'theirs'] as const;

const text = z.string().max(4000);
const list = z.array(z.string().trim().min(1).max(1000)).max(50);

export const koersGoalSchema = z.strictObject({
  id: z.uuid(),
  goal: z.string().trim().min(1).max(1000),
  actions: list,
  owner: z.string().max(120),
});
export type KoersGoal = z.infer<typeof koersGoalSchema>;

/** The content of a koers as the worker shapes it with the family. */
export const koersContentSchema = z.object({
  zorgpunten: list,
  sterkePunten: list,
  visieGezin: text,
  ontwikkelingsbedreigingen: list,
  doelen: z.array(koersGoalSchema).max(30),
  veiligheidsafspraken: list,
  benodigdeHulp: list,
});
export type KoersContent = z.infer<typeof koersContentSchema>;

export const koersAgreementSchema = z.strictObject({
  gezin: z.boolean(),
  jeugdige: z.boolean(),
  netwerk: z.boolean(),
  toelichting: z.string().max(2000),
});
export type KoersAgreement = z.infer<typeof koersAgreementSchema>;

export const emptyKoersContent = (): KoersContent => ({
  zorgpunten: [],
  sterkePunten: [],
  visieGezin: '',
  ontwikkelingsbedreigingen: [],
  doelen: [],
  veiligheidsafspraken: [],
  benodigdeHulp: [],
});
