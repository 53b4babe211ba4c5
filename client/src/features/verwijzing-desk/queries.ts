/**
 * The verwijzing desk's data access: the mutation hooks (each one invalidates
 * the desk's queries, so queue, request and reports show the change) and the
 * CSV export.
 */
import './texts';
import { hashKey, useMutation } from '@tanstack/react-query';
import type { VerwijzingStatus } from '../../../../shared/schemas/verwijzing';
import { downloadFile } from '../../app/office';
import { queryClient, trpc, trpcClient } from '../../app/trpc';
import { useStepUp } from '../../components/step-up-dialog';

/** After a change, and after a refusal too: a refusal often means someone else moved the request first. */
const refreshDesk = () => queryClient.invalidateQueries({ queryKey: trpc.verwijzingen.pathKey() });

/** A step that closes a request: it then leaves the desk (and its child, without another open request). */
export const closesRequest = (status: VerwijzingStatus) => status === 'beeindigd' || status === 'ingetrokken';

export const useReferralStep = () =>
  useMutation(
    trpc.verwijzingen.step.mutationOptions({
      onSettled: (result, _error, input) => {
        // A request this step closed is not asked for again: the server would now refuse it (and log
        // the refusal). The screen goes back to the queue instead (step-form.tsx).
        const closed = result && closesRequest(result.status);
        const detail = hashKey(trpc.verwijzingen.get.queryKey({ id: input.verwijzingId }));
        return queryClient.invalidateQueries({
          queryKey: trpc.verwijzingen.pathKey(),
          predicate: (q) => !closed || q.queryHash !== detail,
        });
      },
    }),
  );
export const useSetBridging = () =>
  useMutation(trpc.verwijzingen.setBridging.mutationOptions({ onSettled: refreshDesk }));
export const useOfferAlternative = () =>
  useMutation(trpc.verwijzingen.offerAlternative.mutationOptions({ onSettled: refreshDesk }));
export const useFollowUp = () =>
  useMutation(trpc.verwijzingen.followUp.mutationOptions({ onSettled: refreshDesk }));
/** The export asks for a step-up when the server wants one: render `stepUpDialog` beside the button. */
export const useExportCsv = () => {
  const { withStepUp, dialog } = useStepUp();
  const mutation = useMutation({
    ...trpc.verwijzingen.exportCsv.mutationOptions({
      onSuccess: ({ filename, csv }) => downloadFile(filename, csv),
    }),
    mutationFn: (input) => withStepUp(() => trpcClient.verwijzingen.exportCsv.mutate(input)),
  });
  return Object.assign(mutation, { stepUpDialog: dialog });
};
