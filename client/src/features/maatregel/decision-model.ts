/**
 * The court-decision form's model, without React: which decisions a measure
 * allows today, which fields each shows, and where a problem lands (the shared
 * rules' findings and the server's refusal alike).
 */
import { TRPCClientError } from '@trpc/client';
import type { LifeError, LifeField } from '../../../../shared/rules/measure-checks';
import { measureState } from '../../../../shared/rules/measure-life';
import type { CONVERSION_TARGETS, MaatregelType } from '../../../../shared/schemas/maatregel';

export type DecisionKind = 'verlenging' | 'omzetting' | 'beeindiging' | 'verlopen';

export interface DecisionMeasure {
  id: string;
  type: MaatregelType;
  status: 'lopend' | 'beeindigd';
  rulingDate: string;
  endDate: string | null;
  court: string;
  outOfHomePlacement: boolean;
  normsFrom?: string | null;
}

export interface DecisionDone {
  kind: DecisionKind;
  message: string;
  /** The case closed with it (its last measure ended). */
  closed: boolean;
}

/** What can be registered for this measure today, the most likely first. */
export function decisionKinds(m: DecisionMeasure, today: string): DecisionKind[] {
  const state = measureState(m, today);
  if (state === 'beeindigd') return [];
  const kinds: DecisionKind[] = [];
  if (state === 'verlopen') kinds.push('verlopen');
  if ((m.type === 'ots' || m.type === 'jeugdreclassering') && m.endDate) kinds.push('verlenging');
  if (m.type === 'vots' || m.type === 'ots') kinds.push('omzetting');
  kinds.push('beeindiging');
  return kinds;
}

export const NEXT_TYPE: Partial<Record<MaatregelType, (typeof CONVERSION_TARGETS)[number]>> = {
  vots: 'ots',
  ots: 'voogdij',
};

/** The field order, for the summary. */
export const FIELDS: LifeField[] = [
  'measure',
  'toType',
  'rulingDate',
  'endDate',
  'endedOn',
  'reason',
  'reasonText',
  'reference',
  'court',
  'zaaknummer',
];
export type Errors = Partial<Record<LifeField | 'form', string>>;

/** The fields the form shows for a kind of decision; a problem with any other is about the measure. */
export function shownFields(kind: DecisionKind, toType: string): LifeField[] {
  switch (kind) {
    case 'verlenging':
      return ['rulingDate', 'endDate', 'reference'];
    case 'omzetting':
      return toType === 'ots'
        ? ['toType', 'rulingDate', 'endDate', 'court', 'zaaknummer']
        : ['toType', 'rulingDate', 'court', 'zaaknummer'];
    case 'beeindiging':
      return ['endedOn', 'reason', 'reasonText'];
    case 'verlopen':
      return [];
  }
}

/** Each problem at its field; one about a field the form does not show is about the measure. */
export function placeErrors(found: Errors, kind: DecisionKind, toType: string): Errors {
  const shown = shownFields(kind, toType);
  const next: Errors = {};
  for (const [field, message] of Object.entries(found) as [LifeField | 'form', string][]) {
    const at = field === 'form' || shown.includes(field) ? field : 'measure';
    next[at] = next[at] ? `${next[at]} ${message}` : message;
  }
  return next;
}

/** The shared rules' findings, the first per field. */
export function errorsOfRule(found: LifeError[]): Errors {
  const next: Errors = {};
  for (const e of found) next[e.field] ??= e.message;
  return next;
}

/** A refusal of the server: its input issues at their fields, else `failed` (its message in Dutch, app/api-error.ts) for the form. */
export function errorsOfRefusal(error: unknown, failed: string): Errors {
  const issues =
    error instanceof TRPCClientError
      ? (error.data as { issues?: { path: string[]; message: string }[] } | undefined)?.issues
      : undefined;
  const next: Errors = {};
  for (const issue of issues ?? []) {
    const field = issue.path[0] as LifeField | undefined;
    if (field && FIELDS.includes(field)) next[field] ??= issue.message;
  }
  if (Object.keys(next).length === 0) {
    next.form = failed;
  }
  return next;
}
