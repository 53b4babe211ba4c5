/**
 * The team lead moves a case to another jeugdbeschermer of the team; both devices follow at their next sync.
 * The one who carries it now is not offered (the server refuses it too, by name).
 */
import './texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { queryClient, trpc } from '../../app/trpc';
import { HandoverNoteField, handoverNoteTooLong, handoverNoteValue } from '../documents/handover-note-field';

export function ReassignCase({
  caseId,
  current,
}: {
  caseId: string;
  /** The vaste jeugdbeschermer today, if any. */
  current: { userId: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const team = useQuery(trpc.team.overview.queryOptions());
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const noteTooLong = handoverNoteTooLong(note);
  const reassign = useMutation(
    trpc.team.reassign.mutationOptions({
      onSuccess: () => {
        setTo('');
        setNote('');
        void queryClient.invalidateQueries();
      },
    }),
  );
  const others = (team.data ?? []).filter((w) => w.userId !== current?.userId);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (to && !noteTooLong) reassign.mutate({ caseId, toUserId: to, handoverNote: handoverNoteValue(note) });
  };
  return (
    <form className="card form" onSubmit={onSubmit}>
      <label htmlFor="reassign-to">{t('team.reassignTo')}</label>
      <select
        id="reassign-to"
        value={to}
        aria-describedby={current ? 'reassign-hint' : undefined}
        onChange={(e) => {
          reassign.reset();
          setTo(e.target.value);
        }}
      >
        <option value="">{t('team.choose')}</option>
        {others.map((w) => (
          <option key={w.userId} value={w.userId}>
            {t('team.workerOption', { name: w.displayName, count: w.caseCount })}
          </option>
        ))}
      </select>
      {current && (
        <p className="hint" id="reassign-hint">
          {t('team.reassignHint', { name: current.name })}
        </p>
      )}
      <HandoverNoteField id="reassign-note" value={note} onChange={setNote} />
      {team.isSuccess && others.length === 0 && <p className="muted">{t('team.reassignNone')}</p>}
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
