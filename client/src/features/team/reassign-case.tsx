/** The team lead moves a case to another jeugdbeschermer of the team; both devices follow at their next sync. */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';

export function ReassignCase({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const team = useQuery(trpc.team.overview.queryOptions());
  const [to, setTo] = useState('');
  const reassign = useMutation(
    trpc.team.reassign.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries();
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (to) reassign.mutate({ caseId, toUserId: to });
  };
  return (
    <form className="card form" onSubmit={onSubmit}>
      <label htmlFor="reassign-to">{t('team.reassignTo')}</label>
      <select id="reassign-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t('team.choose')}</option>
        {(team.data ?? []).map((w) => (
          <option key={w.userId} value={w.userId}>
            {t('team.workerOption', { name: w.displayName, count: w.caseCount })}
          </option>
        ))}
      </select>
      {reassign.isError && (
        <p className="error" role="alert">
          {apiErrorText(reassign.error, t)}
        </p>
      )}
      {reassign.isSuccess && (
        <p className="ok" role="status">
          {t('team.reassigned')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={!to || reassign.isPending}>
        {t('team.reassign')}
      </button>
    </form>
  );
}
