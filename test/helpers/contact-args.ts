/**
 * The arguments of a logContact mutation as a phone sends them: a home visit
 * with the mother present, the child seen, no amendment. A test names only
 * what it is about (the case, the report, the time).
 */
import { randomUUID } from 'node:crypto';
import type { LogContactArgs } from '../../shared/schemas/mutations';

export function logContactArgs(caseId: string, fields: Partial<LogContactArgs> = {}): LogContactArgs {
  return {
    id: randomUUID(),
    caseId,
    kind: 'huisbezoek',
    occurredAt: '2026-11-24T09:30:00+01:00',
    present: ['moeder'],
    childSeen: true,
    report: 'Huisbezoek.',
    amendsId: null,
    ...fields,
  };
}
