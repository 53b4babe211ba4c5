/**
 * The phone's side of each mutation: the optimistic rows it writes at once,
 * so the UI shows the change before any network. The same function runs again
 * when pending mutations are re-applied on top of pulled server state (rebase).
 */
import type { LogContactArgs, MutationName } from '../../../shared/schemas/mutations';
import type { LocalRow } from '../local/store';

export type OptimisticWrite = (args: never, userId: string) => LocalRow[];

const logContact = (args: LogContactArgs, userId: string): LocalRow[] => [
  {
    entity: 'contact',
    id: args.id,
    caseId: args.caseId,
    version: 0,
    data: { ...args, authorId: userId },
  },
];

export const optimisticWrites: { [N in MutationName]: (args: LogContactArgs, userId: string) => LocalRow[] } =
  {
    logContact,
  };

export function caseIdOfArgs(args: unknown): string | null {
  const caseId = (args as { caseId?: unknown } | null)?.caseId;
  return typeof caseId === 'string' ? caseId : null;
}
