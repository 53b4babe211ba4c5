/**
 * What each demo jeugdbeschermer carries on a day, weighed as the team lead's balance weighs it
 * (shared/rules/caseload.ts): the active cases they hold as vaste jeugdbeschermer that day. For the
 * demo's own checks and for browser tests that need to know a caseload without asking the app.
 */
import { workerCaseload } from '../../shared/rules/caseload';
import type { IsoDate } from '../../shared/rules/dates';
import { currentMeasureFirst } from '../../shared/rules/norms';
import type { DemoData } from './demo';

/** The active cases a worker carries as vaste jeugdbeschermer on `today`, as the balance weighs them. */
export function demoCaseloads(data: DemoData, today: IsoDate) {
  return data.users
    .filter((u) => u.role === 'jeugdbeschermer')
    .map((u) => {
      const carried = data.caseAssignments
        .filter(
          (a) =>
            a.userId === u.id &&
            a.role === 'vast' &&
            (a.fromDate as IsoDate) <= today &&
            (!a.untilDate || a.untilDate >= today),
        )
        .map((a) => data.cases.find((c) => c.id === a.caseId))
        .filter((c) => c?.status === 'actief')
        .map((c) => {
          const measures = data.maatregelen.filter((m) => m.caseId === c?.id);
          const running = measures.filter((m) => m.status === 'lopend');
          const child = data.jeugdigen.find((j) => j.id === c?.jeugdigeId);
          return {
            caseId: c?.id as string,
            gezinId: child?.gezinId as string,
            rulingDate: [...measures].sort(currentMeasureFirst)[0]?.rulingDate as IsoDate,
            complexDivorce: c?.complexDivorce ?? false,
            outOfHomePlacement: running.some((m) => m.outOfHomePlacement),
            jeugdreclassering: running.some((m) => m.type === 'jeugdreclassering'),
          };
        });
      return { user: u, caseload: workerCaseload(carried, u.fte ?? 1, today) };
    });
}
