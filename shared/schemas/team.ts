import { z } from 'zod';

export const teamWorkerSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  fte: z.number(),
  caseCount: z.number().int(),
  breachedCount: z.number().int(),
});
export type TeamWorker = z.infer<typeof teamWorkerSchema>;

/** A team lead moves a case to another jeugdbeschermer of the team (the vaste jeugdbeschermer changes today). */
export const reassignInput = z.strictObject({ caseId: z.uuid(), toUserId: z.uuid() });
export type ReassignInput = z.infer<typeof reassignInput>;
