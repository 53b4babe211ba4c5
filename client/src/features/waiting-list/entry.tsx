/**
 * One waiting child: place in the order (moved with a reason), days waiting
 * against the 5-day norm, the next safety check (red when due), interim
 * contact, risk assessment and bridging; record a safety check, update the
 * facts, or assign when someone has room.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamPerson, WaitingEntry } from '../../../../shared/schemas/waiting-list';
import { WAITING_LIMITS } from '../../../../shared/schemas/waiting-list-limits';
import { trpc } from '../../app/trpc';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from '../../components/form-errors';
import { formatDay } from '../../i18n';
import { AssignNow, ErrorText, refreshWaiting } from './assign';
import { NormLine } from './candidate';
import { useTextLimits } from './limits';
import { RiskFields, riskTexts } from './risk-fields';

export function WaitingItem({
  entry,
  position,
  isFirst,
  isLast,
  people,
  workers,
  today,
}: {
  entry: WaitingEntry;
  position: number;
  isFirst: boolean;
  isLast: boolean;
  people: TeamPerson[];
  workers: TeamPerson[];
  today: string;
}) {
  const { t } = useTranslation();
  const name = `${entry.firstName} ${entry.lastName}`;
  return (
    <li className="card waiting-card">
      <div className="row-between">
        <strong>
          <span className="waiting-position">{t('waiting.position', { n: position })}</span> {name}
        </strong>
        <span className="tag">{t(`waiting.triageValue.${entry.triage}`)}</span>
      </div>
      <p className="waiting-flags">
        <span className="waiting-pill pill pill-warn">
          {t('waiting.daysWaiting', { count: entry.daysWaiting })}
        </span>
        <NormLine assignmentDue={entry.assignmentDue} pastNorm={entry.pastNorm} />
        <span className="muted small">{t('waiting.since', { date: formatDay(entry.since) })}</span>
        {entry.nextSafetyCheckOn && (
          <span
            className={entry.safetyCheckDue ? 'waiting-pill pill pill-late' : 'waiting-pill pill pill-ok'}
          >
            {t(entry.safetyCheckDue ? 'waiting.safetyDue' : 'waiting.safetyPlanned', {
              date: formatDay(entry.nextSafetyCheckOn),
            })}
          </span>
        )}
      </p>
      <dl className="facts waiting-facts">
        <dt>{t('waiting.interimContact')}</dt>
        <dd>{entry.interimContactName ?? '–'}</dd>
        <dt>{t('waiting.risk')}</dt>
        <dd>
          {t('waiting.riskValue', {
            outcome: entry.riskOutcome,
            instrument: entry.riskInstrument,
            date: entry.riskAssessedOn ? formatDay(entry.riskAssessedOn) : '–',
          })}
        </dd>
        <dt>{t('waiting.bridging')}</dt>
        <dd>{entry.bridging || t('waiting.noBridging')}</dd>
        <dt>{t('waiting.orderReason')}</dt>
        <dd>{entry.priorityReason || <span className="muted">{t('waiting.noOrderReason')}</span>}</dd>
      </dl>
      <details>
        <summary>{t('waiting.safetyDone')}</summary>
        <SafetyCheckForm entry={entry} today={today} />
      </details>
      <details>
        <summary>{t('waiting.order')}</summary>
        <OrderForm entry={entry} name={name} isFirst={isFirst} isLast={isLast} />
      </details>
      <details>
        <summary>{t('waiting.edit')}</summary>
        <EditForm entry={entry} people={people} today={today} />
      </details>
      <details>
        <summary>{t('waiting.assign')}</summary>
        <AssignNow caseId={entry.caseId} workers={workers} />
      </details>
    </li>
  );
}

function SafetyCheckForm({ entry, today }: { entry: WaitingEntry; today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [next, setNext] = useState('');
  const update = useMutation(trpc.waitingList.update.mutationOptions({ onSuccess: refreshWaiting }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next) update.mutate({ caseId: entry.caseId, nextSafetyCheckOn: next });
  };
  return (
    <form className="form" onSubmit={onSubmit}>
      <label htmlFor={id}>{t('waiting.nextCheck')}</label>
      <input
        id={id}
        type="date"
        required
        min={today}
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <ErrorText error={update.error} />
      <button type="submit" className="button button-primary" disabled={!next || update.isPending}>
        {t('waiting.save')}
      </button>
    </form>
  );
}

function OrderForm({
  entry,
  name,
  isFirst,
  isLast,
}: {
  entry: WaitingEntry;
  name: string;
  isFirst: boolean;
  isLast: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState(entry.priorityReason);
  const move = useMutation(trpc.waitingList.move.mutationOptions({ onSuccess: refreshWaiting }));
  const limits = useTextLimits();
  const ready = reason.trim().length >= 3 && !move.isPending;
  const go = (direction: 'up' | 'down') => {
    if (!limits.fits({ reason: [reason, WAITING_LIMITS.priorityReason] })) return;
    move.mutate({ caseId: entry.caseId, direction, reason });
  };
  return (
    <div className="form">
      <ErrorSummary prefix={id} errors={limits.errors} boxRef={limits.boxRef} />
      <label htmlFor={fieldId(id, 'reason')}>{t('waiting.reason')}</label>
      <textarea
        className="waiting-field"
        {...withCounter(describedBy(id, 'reason', limits.errors, true))}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <p id={`${fieldId(id, 'reason')}-hint`} className="hint">
        {t('waiting.reasonNeeded')}
      </p>
      <CharCounter fieldId={fieldId(id, 'reason')} value={reason} max={WAITING_LIMITS.priorityReason} />
      <FieldMessage prefix={id} field="reason" errors={limits.errors} />
      <ErrorText error={move.error} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={!ready || isFirst}
          aria-label={t('waiting.moveUp', { name })}
          onClick={() => go('up')}
        >
          ↑ {t('waiting.up')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!ready || isLast}
          aria-label={t('waiting.moveDown', { name })}
          onClick={() => go('down')}
        >
          ↓ {t('waiting.down')}
        </button>
      </div>
    </div>
  );
}

function EditForm({ entry, people, today }: { entry: WaitingEntry; people: TeamPerson[]; today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState({
    riskOutcome: entry.riskOutcome,
    riskAssessedOn: entry.riskAssessedOn ?? today,
    riskInstrument: entry.riskInstrument,
    interimContactId: entry.interimContactId ?? '',
    bridging: entry.bridging,
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const update = useMutation(trpc.waitingList.update.mutationOptions({ onSuccess: refreshWaiting }));
  const limits = useTextLimits();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!limits.fits({ ...riskTexts(form), bridging: [form.bridging, WAITING_LIMITS.bridging] })) return;
    update.mutate({
      caseId: entry.caseId,
      ...form,
      interimContactId: form.interimContactId || undefined,
    });
  };
  return (
    <form className="form waiting-form" onSubmit={onSubmit}>
      <ErrorSummary prefix={id} errors={limits.errors} boxRef={limits.boxRef} />
      <RiskFields id={id} form={form} set={set} people={people} today={today} errors={limits.errors} />
      <label htmlFor={`${id}-bridging`}>{t('waiting.bridgingLabel')}</label>
      <textarea
        className="waiting-field"
        {...withCounter(describedBy(id, 'bridging', limits.errors))}
        value={form.bridging}
        onChange={set('bridging')}
      />
      <CharCounter fieldId={fieldId(id, 'bridging')} value={form.bridging} max={WAITING_LIMITS.bridging} />
      <FieldMessage prefix={id} field="bridging" errors={limits.errors} />
      <ErrorText error={update.error} />
      {update.isSuccess && (
        <p className="ok" role="status">
          {t('waiting.saved')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={update.isPending}>
        {t('waiting.save')}
      </button>
    </form>
  );
}
