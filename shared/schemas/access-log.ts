/**
 * The beheerder's view of the access log (NEN 7513): find a child's file,
 * then see who opened it, when, how and with what result.
 */
import { z } from 'zod';

export const accessLogSearchInput = z.strictObject({
  /** A name (part), a client number, or a birth date (jjjj-mm-dd). */
  query: z
    .string()
    .trim()
    .min(2, 'Typ minstens 2 tekens van de naam, het cliëntnummer of de geboortedatum')
    .max(100, 'Zoek met hoogstens 100 tekens'),
});
export type AccessLogSearchInput = z.infer<typeof accessLogSearchInput>;

export const accessLogForCaseInput = z.strictObject({
  caseId: z.uuid('Kies een dossier'),
  /** Paging backwards in time: entries before this id. */
  beforeId: z.number().int().positive().optional(),
});
export type AccessLogForCaseInput = z.infer<typeof accessLogForCaseInput>;

export interface AccessLogCaseHit {
  caseId: string;
  name: string;
  birthDate: string;
  clientNumber: string | null;
  teamName: string | null;
}

export interface AccessLogLine {
  id: number;
  at: string;
  /** For reads on a phone: when the server received them (`at` is the phone's time). */
  receivedAt: string | null;
  userName: string | null;
  role: string | null;
  onBehalfOfName: string | null;
  action: string;
  procedure: string;
  result: 'toegestaan' | 'geweigerd';
  device: string | null;
  reason: string | null;
}

export interface AccessLogPage {
  caseId: string;
  name: string;
  lines: AccessLogLine[];
  /** Pass as beforeId for the next (older) page; null at the start of the log. */
  nextBeforeId: number | null;
}

/** The organisation's chain, checked on request (it reads the whole log). */
export interface AccessLogChainCheck {
  ok: boolean;
  entries: number;
  /** One Dutch line per problem, naming the entry. */
  problems: string[];
}
