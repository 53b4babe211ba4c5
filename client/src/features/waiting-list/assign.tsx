/** Small pieces the waiting list's components share: choosing a worker to assign, error text, the mutation hook. */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamPerson } from '../../../../shared/schemas/waiting-list';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';

/** A server refusal for bad input carries a Dutch message meant for the user; anything else gets the generic text. */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = apiErrorText(error, t);
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export const refreshWaiting = () => queryClient.invalidateQueries();

/** Assigns a vaste jeugdbeschermer now: for an acute child, or a waiting child when someone has room. */
export function AssignNow({ caseId, workers }: { caseId: string; workers: TeamPerson[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [to, setTo] = useState('');
  const assign = useMutation(trpc.waitingList.assign.mutationOptions({ onSuccess: refreshWaiting }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (to) assign.mutate({ caseId, userId: to });
  };
  return (
    <form className="form waiting-assign" onSubmit={onSubmit}>
      <label htmlFor={id}>{t('waiting.assignTo')}</label>
      <select className="waiting-field" id={id} value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t('waiting.chooseWorker')}</option>
        {[...workers]
          .sort((a, b) => a.caseCount - b.caseCount)
          .map((w) => (
            <option key={w.userId} value={w.userId}>
              {t('waiting.workerOption', { name: w.displayName, count: w.caseCount })}
            </option>
          ))}
      </select>
      <ErrorText error={assign.error} />
      {assign.isSuccess && (
        <p className="ok" role="status">
          {t('waiting.assigned')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={!to || assign.isPending}>
        {t('waiting.assign')}
      </button>
    </form>
  );
}
