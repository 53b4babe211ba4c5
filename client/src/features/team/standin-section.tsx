/**
 * Stand-in (waarnemer) during a worker's absence: the team lead picks the
 * absent worker, a colleague and a period; the colleague's phone holds those
 * cases for the period only. Current and planned stand-ins can end early.
 */
import './texts';
import '../waiting-list/texts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StandIn, TeamPerson } from '../../../../shared/schemas/waiting-list';
import { trpc } from '../../app/trpc';
import { formatDay } from '../../i18n';
import { HandoverNoteField, handoverNoteTooLong, handoverNoteValue } from '../documents/handover-note-field';
import { ErrorText, refreshWaiting } from '../waiting-list/assign';

export function StandInSection({ workers, today }: { workers: TeamPerson[]; today: string }) {
  const { t } = useTranslation();
  const standIns = useQuery(trpc.waitingList.standIns.queryOptions());
  return (
    <section aria-labelledby="standin-title" className="waiting-standin">
      <h2 className="waiting-heading" id="standin-title">
        {t('waiting.standIn.title')}
      </h2>
      <p className="muted">{t('waiting.standIn.intro')}</p>
      <StandInForm workers={workers} today={today} />
      <h3>{t('waiting.standIn.listTitle')}</h3>
      {standIns.isError && <ErrorText error={standIns.error} />}
      {standIns.data && standIns.data.length === 0 && <p className="empty">{t('waiting.standIn.empty')}</p>}
      <ul className="plain-list">
        {(standIns.data ?? []).map((s) => (
          <StandInItem key={`${s.standInUserId}|${s.absentUserId}|${s.from}|${s.until}`} standIn={s} />
        ))}
      </ul>
    </section>
  );
}

function StandInForm({ workers, today }: { workers: TeamPerson[]; today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState({ absentUserId: '', standInUserId: '', from: today, until: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const start = useMutation(trpc.waitingList.startStandIn.mutationOptions({ onSuccess: refreshWaiting }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(form);
  };
  return (
    <form className="card form waiting-form" onSubmit={onSubmit}>
      <label htmlFor={`${id}-absent`}>{t('waiting.standIn.absent')}</label>
      <select
        className="waiting-field"
        id={`${id}-absent`}
        required
        value={form.absentUserId}
        onChange={set('absentUserId')}
      >
        <option value="">{t('waiting.chooseWorker')}</option>
        {workers.map((w) => (
          <option key={w.userId} value={w.userId}>
            {t('waiting.workerOption', { name: w.displayName, count: w.caseCount })}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-standin`}>{t('waiting.standIn.standIn')}</label>
      <select
        className="waiting-field"
        id={`${id}-standin`}
        required
        value={form.standInUserId}
        onChange={set('standInUserId')}
      >
        <option value="">{t('waiting.chooseWorker')}</option>
        {workers
          .filter((w) => w.userId !== form.absentUserId)
          .map((w) => (
            <option key={w.userId} value={w.userId}>
              {t('waiting.workerOption', { name: w.displayName, count: w.caseCount })}
            </option>
          ))}
      </select>
      <div className="waiting-period">
        <div>
          <label htmlFor={`${id}-from`}>{t('waiting.standIn.from')}</label>
          <input
            id={`${id}-from`}
            className="waiting-date"
            type="date"
            required
            value={form.from}
            onChange={set('from')}
          />
        </div>
        <div>
          <label htmlFor={`${id}-until`}>{t('waiting.standIn.until')}</label>
          <input
            id={`${id}-until`}
            type="date"
            className="waiting-date"
            required
            min={form.from || today}
            value={form.until}
            onChange={set('until')}
          />
        </div>
      </div>
      <ErrorText error={start.error} />
      {start.data && (
        <p className="ok" role="status">
          {t('waiting.standIn.started', { count: start.data.caseCount })}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={start.isPending}>
        {t('waiting.standIn.start')}
      </button>
    </form>
  );
}

function StandInItem({ standIn }: { standIn: StandIn }) {
  const { t } = useTranslation();
  const id = useId();
  const [ending, setEnding] = useState(false);
  const endButton = useRef<HTMLButtonElement>(null);
  const [note, setNote] = useState('');
  const end = useMutation(trpc.waitingList.endStandIn.mutationOptions({ onSuccess: refreshWaiting }));
  const onEnd = (e: FormEvent) => {
    e.preventDefault();
    if (handoverNoteTooLong(note)) return;
    end.mutate({
      absentUserId: standIn.absentUserId,
      standInUserId: standIn.standInUserId,
      from: standIn.from,
      until: standIn.until,
      handoverNote: handoverNoteValue(note),
    });
  };
  return (
    <li className="card waiting-card">
      <div className="row-between">
        <strong>
          {t('waiting.standIn.line', { standIn: standIn.standInName, absent: standIn.absentName })}
        </strong>
        <span
          className={standIn.state === 'lopend' ? 'waiting-pill pill pill-ok' : 'waiting-pill pill pill-warn'}
        >
          {t(`waiting.standIn.state.${standIn.state}`)}
        </span>
      </div>
      <p>
        {t('waiting.standIn.period', { from: formatDay(standIn.from), until: formatDay(standIn.until) })} ·{' '}
        {t('waiting.standIn.cases', { count: standIn.caseCount })}
      </p>
      {ending ? (
        // Ending hands the cases back: what happened meanwhile goes to the returning worker's phone.
        <form className="form" onSubmit={onEnd}>
          <HandoverNoteField
            id={`${id}-note`}
            value={note}
            onChange={setNote}
            forName={standIn.absentName}
            cases={standIn.caseCount}
            focusOnMount
          />
          <ErrorText error={end.error} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={end.isPending}>
              {t('waiting.standIn.endConfirm')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setEnding(false);
                setNote('');
                end.reset();
                // Back to the button that opened it, not to the top of the page.
                requestAnimationFrame(() => endButton.current?.focus());
              }}
            >
              {t('app.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" ref={endButton} onClick={() => setEnding(true)}>
          {t('waiting.standIn.end')}
        </button>
      )}
    </li>
  );
}
