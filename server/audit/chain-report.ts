/**
 * What a verification of the access log reports: each problem by entry id
 * and kind (gewijzigd, verwijderd, ingevoegd, bewaartermijn), each chain's
 * head, and the records of months dropped after their term; and the Dutch
 * one-line descriptions the command line prints.
 */
import { NO_ORGANISATION } from './chain-text';

export type ChainProblem =
  | { kind: 'gewijzigd'; organisationId: string | null; id: number; seq: number }
  | {
      kind: 'verwijderd';
      organisationId: string | null;
      beforeId: number;
      missingFrom: number;
      missingTo: number;
    }
  | { kind: 'ingevoegd'; organisationId: string | null; id: number; seq: number; afterId: number | null }
  | {
      kind: 'bewaartermijn';
      organisationId: string | null;
      /** The retention record concerned, if one. */
      recordId: number | null;
      /** The entry concerned, if one. */
      id: number | null;
      reason: string;
    };

/** Where a checked stretch of a chain links on to. */
export type ChainAnchor =
  | { kind: 'begin' }
  /** An entry outside the month checked (normally the last of the month before). */
  | { kind: 'item'; id: number; seq: number; month: string }
  /** The last position dropped with a month after its retention term. */
  | { kind: 'bewaartermijn'; seq: number; hash: string; month: string };

export interface ChainSummary {
  organisationId: string | null;
  entries: number;
  /** The first position present (0: none). */
  firstSeq: number;
  /** The chain's head (in month mode: the last position in the month). */
  headSeq: number;
  headHash: string;
  /** Entries dropped after their retention term (recorded in access_log_retention). */
  dropped: number;
  /** What the first entry present links to. */
  anchor: ChainAnchor;
}

export interface RetentionSummary {
  id: number;
  organisationId: string | null;
  /** YYYY-MM */
  month: string;
  entries: number;
  firstSeq: number;
  lastSeq: number;
  droppedAt: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** Set when one month was checked (YYYY-MM). */
  month?: string;
  chains: ChainSummary[];
  /** The months dropped after their retention term (of the month checked, in month mode). */
  dropped: RetentionSummary[];
  problems: ChainProblem[];
}

export interface VerifyOptions {
  /** Check one month (UTC, YYYY-MM) instead of the whole log. */
  month?: string;
}

/** A Dutch, one-line-per-problem description for the command line. */
export function describeProblem(p: ChainProblem): string {
  const chain = `keten ${p.organisationId ?? NO_ORGANISATION}`;
  switch (p.kind) {
    case 'gewijzigd':
      return `${chain}: item ${p.id} (positie ${p.seq}) is gewijzigd: de inhoud past niet bij de hash`;
    case 'verwijderd':
      return `${chain}: positie ${p.missingFrom}${p.missingTo > p.missingFrom ? `–${p.missingTo}` : ''} ontbreekt vóór item ${p.beforeId}: verwijderd`;
    case 'ingevoegd':
      return p.afterId === null
        ? `${chain}: item ${p.id} (positie ${p.seq}) is ingevoegd: het sluit niet aan op het begin`
        : `${chain}: item ${p.id} (positie ${p.seq}) sluit niet aan op item ${p.afterId}: ingevoegd, of item ${p.afterId} is herschreven`;
    case 'bewaartermijn':
      return `${chain}: bewaartermijn: ${p.reason}`;
  }
}

/** Where a checked stretch starts, in Dutch. */
export function describeAnchor(a: ChainAnchor): string {
  switch (a.kind) {
    case 'begin':
      return 'begint bij het begin van de keten';
    case 'item':
      return `sluit aan op item ${a.id} (positie ${a.seq}, maand ${a.month})`;
    case 'bewaartermijn':
      return `sluit aan op positie ${a.seq}, verwijderd na de bewaartermijn met maand ${a.month} (hash ${a.hash})`;
  }
}
