/**
 * The new children waiting for a vaste jeugdbeschermer, most urgent first,
 * with the working days left of the 5-day term (red when past). A team lead
 * assigns each with one action; the worker with most room is preselected.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { formatDay } from '../../i18n';
import { type IntakeCase, type IntakeList, type IntakeWorker, refreshIntake } from './queries';

const roomFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const formatRoom = (room: number) => roomFormat.format(room);

export function IntakeCases({ data }: { data: IntakeList }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="intake-list-title">
      <h2 id="intake-list-title">{t('intake.listTitle')}</h2>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {data.cases.length === 0 ? (
        <p className="muted">{t('intake.empty')}</p>
      ) : (
        <ul className="case-list">
          {data.cases.map((c) => (
            <li key={c.caseId} className="card">
              <IntakeItem
                // A new suggestion (after an assignment) preselects again.
                key={data.suggestedUserId ?? ''}
                item={c}
                workers={data.workers}
                suggestedUserId={data.canAssign ? data.suggestedUserId : null}
                canAssign={data.canAssign}
                onAssigned={setDone}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DaysLeft({ item }: { item: IntakeCase }) {
  const { t } = useTranslation();
  if (item.overdue) {
    return <span className="badge badge-late">{t('intake.over', { count: -item.workingDaysLeft })}</span>;
  }
  if (item.workingDaysLeft === 0) return <span className="badge badge-warn">{t('intake.lastDay')}</span>;
  return (
    <span className={`badge ${item.workingDaysLeft <= 2 ? 'badge-warn' : 'badge-ok'}`}>
      {t('intake.left', { count: item.workingDaysLeft })}
    </span>
  );
}

function IntakeItem({
  item,
  workers,
  suggestedUserId,
  canAssign,
  onAssigned,
}: {
  item: IntakeCase;
  workers: IntakeWorker[];
  suggestedUserId: string | null;
  canAssign: boolean;
  onAssigned: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState(suggestedUserId ?? '');
  const assign = useMutation(
    trpc.intake.assign.mutationOptions({
      onSuccess: (_r, vars) => {
        const worker = workers.find((w) => w.userId === vars.userId)?.displayName ?? '';
        onAssigned(t('intake.assigned', { name: item.name, worker }));
        void refreshIntake();
      },
    }),
  );
  const suggested = workers.find((w) => w.userId === suggestedUserId);
  const selectId = `assign-${item.caseId}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) assign.mutate({ caseId: item.caseId, userId });
  };
  return (
    <>
      <h3>{item.name}</h3>
      <p>
        <DaysLeft item={item} />{' '}
        <span className="muted">{t('intake.due', { date: formatDay(item.dueDate) })}</span>
      </p>
      <p className="muted">
        {t('intake.born', { date: formatDay(item.birthDate) })} · {item.gemeente}
        <br />
        {item.type ? t(`intake.types.${item.type}`) : ''} ·{' '}
        {t('intake.ruling', { date: formatDay(item.rulingDate) })}
        {!canAssign && item.teamName && (
          <>
            <br />
            {t('intake.team', { team: item.teamName })}
          </>
        )}
      </p>
      {canAssign && (
        <form className="form" onSubmit={onSubmit}>
          <label htmlFor={selectId}>{t('intake.assignTo', { name: item.name })}</label>
          <select id={selectId} value={userId} onChange={(e) => setUserId(e.target.value)}>
            {workers.map((w) => (
              <option key={w.userId} value={w.userId}>
                {w.userId === suggestedUserId
                  ? t('intake.suggestion', { name: w.displayName, room: formatRoom(w.room) })
                  : t('intake.workerOption', {
                      name: w.displayName,
                      room: formatRoom(w.room),
                      children: w.children,
                    })}
              </option>
            ))}
          </select>
          {suggested && userId !== suggested.userId && (
            <p className="muted">
              {t('intake.suggestion', { name: suggested.displayName, room: formatRoom(suggested.room) })}
            </p>
          )}
          {assign.isError && (
            <p className="error" role="alert">
              {apiErrorText(assign.error, t)}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={!userId || assign.isPending}>
            {t('intake.assign')}
          </button>
        </form>
      )}
    </>
  );
}
