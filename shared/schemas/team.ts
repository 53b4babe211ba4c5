import { z } from 'zod';

export const teamWorkerSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  fte: z.number(),
  caseCount: z.number().int(),
  breachedCount: z.number().int(),
});
export type TeamWorker = z.infer<typeof teamWorkerSchema>;
