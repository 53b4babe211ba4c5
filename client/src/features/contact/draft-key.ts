/** Where a contact being written is kept as an encrypted draft: one per case for a new contact, one per addendum. */
export const contactDraftKey = (caseId: string, amendsId?: string) =>
  `contact:${caseId}:${amendsId ?? 'nieuw'}`;
