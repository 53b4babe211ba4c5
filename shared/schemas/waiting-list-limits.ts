/**
 * The waiting list's free texts: refused past these (limitedText in
 * ./waiting-list.ts), counted on the form, never cut. Apart from the schemas,
 * so the team lead's forms take the numbers without the server's zod schemas.
 */
export const WAITING_LIMITS = {
  riskOutcome: 500,
  riskInstrument: 80,
  bridging: 1000,
  priorityReason: 500,
} as const;
