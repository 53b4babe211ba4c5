/**
 * The extension request from the case file (the phone's, online, and the team lead's): the draft
 * DOCX to download, whether a second reader must approve it, and for the second reader the button
 * that approves it (who and when are recorded).
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc, trpcClient } from '../../app/trpc';
import { useOnline } from '../../app/use-online';
import { formatDay } from '../../i18n';
import { DocumentButton } from './document-button';

/** Downloads the draft extension request of a case: the hook the agenda's "verzoek verlenging" item can call. */
export const makeExtensionDraft = (caseId: string) =>
  trpcClient.documents.extensionRequest.mutate({ caseId });

export function ExtensionDraft({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const online = useOnline();
  const status = useQuery({ ...trpc.documents.extensionStatus.queryOptions({ caseId }), enabled: online });
  const approve = useMutation(
    trpc.documents.approveExtension.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries({ queryKey: trpc.documents.extensionStatus.queryKey() }),
    }),
  );
  const s = status.data;
  return (
    <section className="card" aria-labelledby="extension-draft-title" data-testid="extension-draft">
      <h2 id="extension-draft-title">{t('documents.extensionTitle')}</h2>
      <p className="hint">{t('documents.extensionHint')}</p>
      <DocumentButton label={t('documents.extensionDraft')} make={() => makeExtensionDraft(caseId)} primary />
      {s && s.secondReader !== 'geen' && (
        <>
          <p>{t('documents.secondReader', { role: s.secondReader })}</p>
          <p className={s.approval ? 'ok' : 'muted'}>
            {s.approval
              ? t('documents.approvedBy', {
                  name: s.approval.name,
                  date: formatDay(s.approval.at.slice(0, 10)),
                })
              : t('documents.notApproved')}
          </p>
          {s.mayApprove && !s.approval && (
            <button
              type="button"
              className="button"
              disabled={approve.isPending}
              onClick={() => approve.mutate({ caseId })}
            >
              {t('documents.approve')}
            </button>
          )}
        </>
      )}
      {approve.isError && (
        <p className="error small" role="alert">
          {apiErrorText(approve.error, t)}
        </p>
      )}
      {approve.isSuccess && (
        <p className="ok small" role="status">
          {t('documents.approved')}
        </p>
      )}
    </section>
  );
}

export default ExtensionDraft;
