/**
 * The demo's running measures of active cases whose extension request is due at the court this
 * week (extensionAlert "nu"): the demo always has one (test/seed/demo-invariants.test.ts), and the
 * browser test and the documents bench take theirs from here.
 */
import type { DemoData } from '../../server/seed/demo';
import type { IsoDate } from '../../shared/rules/dates';
import { extensionAlert } from '../../shared/rules/extension';

export function extensionsDueThisWeek(data: DemoData, today: IsoDate): DemoData['maatregelen'] {
  const active = new Set(data.cases.filter((c) => c.status === 'actief').map((c) => c.id));
  return data.maatregelen.filter(
    (m) =>
      active.has(m.caseId) && extensionAlert({ ...m, endDate: m.endDate ?? null }, today)?.state === 'nu',
  );
}
