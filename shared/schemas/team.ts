import { z } from 'zod';
import { handoverNote } from './documents';
import { isoDate } from './primitives';

export const teamWorkerSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  fte: z.number(),
  caseCount: z.number().int(),
  breachedCount: z.number().int(),
});
export type TeamWorker = z.infer<typeof teamWorkerSchema>;

/** A team lead moves a case to another jeugdbeschermer of the team (the vaste jeugdbeschermer changes today). */
export const reassignInput = z.strictObject({
  caseId: z.uuid(),
  toUserId: z.uuid(),
  /** What the previous worker or the team lead writes for the new worker (issue 21): syncs to their phone. */
  handoverNote: handoverNote.optional(),
});
export type ReassignInput = z.infer<typeof reassignInput>;

export const complexDivorceInput = z.strictObject({ caseId: z.uuid(), complexDivorce: z.boolean() });
export type ComplexDivorceInput = z.infer<typeof complexDivorceInput>;

/** Several cases moved at once (the "what if" committed); all or nothing. */
export const moveCasesInput = z.strictObject({ moves: z.array(reassignInput).min(1).max(50) });
export type MoveCasesInput = z.infer<typeof moveCasesInput>;

const weight = z.number().min(-5).max(5);

/** The organisation's team settings, as a team lead or beheerder saves them. */
export const organisationSettingsInput = z
  .strictObject({
    caseloadNorm: z.strictObject({ low: z.number().min(1).max(40), high: z.number().min(1).max(40) }),
    caseloadWeights: z.strictObject({
      base: z.number().min(0).max(5),
      complexDivorce: weight,
      startPhase: weight,
      startPhaseMonths: z.number().int().min(0).max(24),
      outOfHomePlacement: weight,
      jeugdreclassering: weight,
      siblingDiscount: z.number().min(0).max(5),
    }),
    holidayPolicy: z.strictObject({
      bevrijdingsdag: z.enum(['yearly', 'lustrum', 'never']),
      goedeVrijdag: z.boolean(),
      extraDays: z.array(isoDate).max(50),
    }),
  })
  .refine((s) => s.caseloadNorm.low <= s.caseloadNorm.high, {
    path: ['caseloadNorm', 'high'],
    message: 'De bovengrens moet minstens de ondergrens zijn',
  });
export type OrganisationSettingsInput = z.infer<typeof organisationSettingsInput>;
