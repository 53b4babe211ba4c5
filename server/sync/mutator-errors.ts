/** A business refusal of a mutation: recorded as its outcome, with this message as the reason the user reads. */
export class MutationRefused extends Error {
  constructor(
    message: string,
    readonly caseId: string | null = null,
  ) {
    super(message);
  }
}
