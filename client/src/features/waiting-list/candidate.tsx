/**
 * A child of the team without a vaste jeugdbeschermer, with the triage: acute
 * is assigned at once; otherwise the risk assessment, interim contact and next
 * safety check put the child on the waiting list.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamPerson, WaitingCandidate } from '../../../../shared/schemas/waiting-list';
import { WAITING_LIMITS } from '../../../../shared/schemas/waiting-list-limits';
import { trpc } from '../../app/trpc';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from '../../components/form-errors';
import { formatDay } from '../../i18n';
import { AssignNow, ErrorText, refreshWaiting } from './assign';
import { useTextLimits } from './limits';
import { RiskFields, riskTexts } from './risk-fields';

export function NormLine({ assignmentDue, pastNorm }: { assignmentDue: string | null; pastNorm: boolean }) {
  const { t } = useTranslation();
  if (!assignmentDue) return <span className="muted">{t('waiting.noRuling')}</span>;
  return pastNorm ? (
    <span className="waiting-pill pill pill-late">
      {t('waiting.pastNorm', { date: formatDay(assignmentDue) })}
    </span>
  ) : (
    <span className="waiting-pill pill pill-ok">
      {t('waiting.withinNorm', { date: formatDay(assignmentDue) })}
    </span>
  );
}

export function WaitingCandidateItem({
  candidate,
  people,
  workers,
  today,
}: {
  candidate: WaitingCandidate;
  people: TeamPerson[];
  workers: TeamPerson[];
  today: string;
}) {
  const { t } = useTranslation();
  const [triage, setTriage] = useState<'acuut' | 'niet_acuut' | ''>('');
  const name = `${candidate.firstName} ${candidate.lastName}`;
  return (
    <li className="card waiting-card">
      <div className="row-between">
        <strong>{name}</strong>
        <span className="tag">{t(`waiting.status.${candidate.status}`)}</span>
      </div>
      <p className="waiting-flags">
        <NormLine assignmentDue={candidate.assignmentDue} pastNorm={candidate.pastNorm} />
      </p>
      <details>
        <summary>{t('waiting.triageOpen')}</summary>
        <fieldset className="waiting-triage">
          <legend>{t('waiting.triageLegend')}</legend>
          <label className="check waiting-radio">
            <input
              type="radio"
              name={`triage-${candidate.caseId}`}
              checked={triage === 'acuut'}
              onChange={() => setTriage('acuut')}
            />
            {t('waiting.acute')}
          </label>
          <label className="check waiting-radio">
            <input
              type="radio"
              name={`triage-${candidate.caseId}`}
              checked={triage === 'niet_acuut'}
              onChange={() => setTriage('niet_acuut')}
            />
            {t('waiting.notAcute')}
          </label>
        </fieldset>
        {triage === 'acuut' && (
          <>
            <p className="hint-warn">{t('waiting.acuteHint')}</p>
            <AssignNow caseId={candidate.caseId} workers={workers} />
          </>
        )}
        {triage === 'niet_acuut' && <PlaceForm caseId={candidate.caseId} people={people} today={today} />}
      </details>
    </li>
  );
}

function PlaceForm({ caseId, people, today }: { caseId: string; people: TeamPerson[]; today: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState({
    riskOutcome: '',
    riskAssessedOn: today,
    riskInstrument: '',
    interimContactId: '',
    nextSafetyCheckOn: '',
    bridging: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const place = useMutation(trpc.waitingList.place.mutationOptions({ onSuccess: refreshWaiting }));
  const limits = useTextLimits();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!limits.fits({ ...riskTexts(form), bridging: [form.bridging, WAITING_LIMITS.bridging] })) return;
    place.mutate({ caseId, triage: 'niet_acuut', ...form });
  };
  return (
    <form className="form waiting-form" onSubmit={onSubmit}>
      <ErrorSummary prefix={id} errors={limits.errors} boxRef={limits.boxRef} />
      <RiskFields
        id={id}
        form={form}
        set={set}
        people={people}
        today={today}
        errors={limits.errors}
        placing
      />
      <label htmlFor={`${id}-check`}>{t('waiting.safetyCheck')}</label>
      <input
        id={`${id}-check`}
        type="date"
        required
        min={today}
        value={form.nextSafetyCheckOn}
        onChange={set('nextSafetyCheckOn')}
      />
      <label htmlFor={`${id}-bridging`}>{t('waiting.bridgingLabel')}</label>
      <textarea
        className="waiting-field"
        {...withCounter(describedBy(id, 'bridging', limits.errors))}
        value={form.bridging}
        onChange={set('bridging')}
      />
      <CharCounter fieldId={fieldId(id, 'bridging')} value={form.bridging} max={WAITING_LIMITS.bridging} />
      <FieldMessage prefix={id} field="bridging" errors={limits.errors} />
      <ErrorText error={place.error} />
      <button type="submit" className="button button-primary" disabled={place.isPending}>
        {t('waiting.place')}
      </button>
    </form>
  );
}
