/**
 * The beheerder's view of the access log (NEN 7513): find a child's file,
 * then see who opened it, when, how and with what result.
 */
import { z } from 'zod';
import { limitedText } from './primitives';

/** The search's length: refused past it (limitedText), counted on the form, never cut. */
export const ACCESS_LOG_QUERY_MAX = 100;

export const accessLogSearchInput = z.strictObject({
  /** A name (part), a client number, or a birth date (jjjj-mm-dd). */
  query: limitedText('De zoekterm', ACCESS_LOG_QUERY_MAX)
    .trim()
    .min(2, 'Typ minstens 2 tekens van de naam, het cliëntnummer of de geboortedatum'),
});
export type AccessLogSearchInput = z.infer<typeof accessLogSearchInput>;

const day = (message: string) => z.iso.date(message);

/** Whose log: a child, a user, a period (from/to, Dutch days, both included), or a combination. */
const filterShape = {
  caseId: z.uuid('Kies een kind uit de zoekresultaten').optional(),
  userId: z.uuid('Kies een gebruiker uit de lijst').optional(),
  from: day('Vul de begindatum in als dag-maand-jaar').optional(),
  to: day('Vul de einddatum in als dag-maand-jaar').optional(),
};

type FilterValues = {
  caseId?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

function checkFilter(f: FilterValues, ctx: z.RefinementCtx) {
  if (!f.caseId && !f.userId && !f.from && !f.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['userId'],
      message: 'Kies een kind, een gebruiker of een periode',
    });
  }
  if (f.from && f.to && f.from > f.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'De einddatum ligt vóór de begindatum' });
  }
}

export const accessLogFilter = z.strictObject(filterShape).superRefine(checkFilter);
export type AccessLogFilter = z.infer<typeof accessLogFilter>;

export const accessLogEntriesInput = z
  .strictObject({
    ...filterShape,
    /** Paging backwards in time: entries before this id. */
    beforeId: z.number().int().positive().optional(),
  })
  .superRefine(checkFilter);
export type AccessLogEntriesInput = z.infer<typeof accessLogEntriesInput>;

/** A user of the organisation, to filter the log by. */
export interface AccessLogUser {
  id: string;
  name: string;
  role: string;
}

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
  /** The child whose file it was; null for an access of no one file. */
  caseName: string | null;
  action: string;
  /** What happened, in Dutch ("Dossier geopend op telefoon"): shared/rules/access-log-words.ts. */
  what: string;
  result: 'toegestaan' | 'geweigerd';
  /** The device by the name its user gave it, else what the browser is; never a raw User-Agent or id. */
  device: string | null;
  reason: string | null;
}

export interface AccessLogPage {
  lines: AccessLogLine[];
  /** Pass as beforeId for the next (older) page; null at the start of the log. */
  nextBeforeId: number | null;
}

/** The log as a CSV file (server/services/csv.ts). */
export interface AccessLogExport {
  filename: string;
  csv: string;
  count: number;
}

/** The organisation's chain, checked on request (it reads the whole log). */
export interface AccessLogChainCheck {
  ok: boolean;
  entries: number;
  /** One Dutch line per problem, naming the entry. */
  problems: string[];
}
