/** The local query the agenda screen and the tab's count share: one computation, one cache entry. */
export const AGENDA_QUERY = ['agenda'] as const;
