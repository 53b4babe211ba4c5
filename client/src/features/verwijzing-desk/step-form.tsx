/**
 * The steps the shared referral process allows from the request's status (the
 * server sends them), each with the small form it needs: the answer or reason,
 * the provider for aanmelden, the day for a start, an end, an expected start
 * or the first follow-up of an escalation. Escalating starts from the
 * generated doorbraak summary, which the support worker can edit.
 */
import './texts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { dutchToday } from '../../../../shared/rules/dates';
import type { VerwijzingStep } from '../../../../shared/rules/verwijzing';
import type { VerwijzingStatus } from '../../../../shared/schemas/verwijzing';
import { apiErrorText } from '../../app/api-error';
import { closesRequest, useReferralStep } from './queries';
import type { Detail } from './request-view';

/** Steps that need a written answer or reason (the server refuses them without). */
const NEEDS_ANSWER: readonly VerwijzingStep[] = ['afwijzen', 'intrekken', 'opschalen'];

/** The day field of a step, if it has one, and whether it is required. */
const DAY_FIELD: Partial<Record<VerwijzingStep, { label: DayLabel; required: boolean }>> = {
  starten: { label: 'startedOn', required: true },
  beeindigen: { label: 'endedOn', required: true },
  accepteren: { label: 'expectedStart', required: false },
  wachtlijst: { label: 'expectedStart', required: false },
  opschalen: { label: 'followUpOn', required: false },
};
type DayLabel = 'startedOn' | 'endedOn' | 'expectedStart' | 'followUpOn';

export function StepActions({ d }: { d: Detail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<VerwijzingStep | null>(null);
  const [done, setDone] = useState<VerwijzingStep | null>(null);
  const [, navigate] = useLocation();
  const formId = useId();
  return (
    <>
      {d.allowedSteps.length === 0 && <p className="muted">{t('desk.actions.none')}</p>}
      {d.allowedSteps.length > 0 && (
        <div className="actions desk-steps">
          {d.allowedSteps.map((step) => (
            <button
              key={step}
              type="button"
              className={`button${step === 'intrekken' ? ' button-danger' : ''}`}
              aria-expanded={open === step}
              aria-controls={open === step ? formId : undefined}
              onClick={() => {
                setDone(null);
                setOpen(open === step ? null : step);
              }}
            >
              {t(`desk.actions.step.${step}`)}
            </button>
          ))}
        </div>
      )}
      {done && (
        <p className="ok" role="status">
          {t('desk.actions.done', { step: t(`help.steps.${done}`) })}
        </p>
      )}
      {/* An open form stays after a refusal, even when the refreshed request allows no step any more: it shows why. */}
      {open && (
        <StepForm
          key={open}
          id={formId}
          step={open}
          d={d}
          onCancel={() => setOpen(null)}
          onDone={(status) => {
            if (closesRequest(status)) {
              // Closed: the request leaves the desk. Back to the queue, which says so.
              const step = t(`help.steps.${open}`);
              navigate('/verwijsdesk', {
                state: { deskNotice: t('desk.actions.closed', { step, name: d.child.name }) },
              });
              return;
            }
            setDone(open);
            setOpen(null);
          }}
        />
      )}
    </>
  );
}

function StepForm({
  id,
  step,
  d,
  onCancel,
  onDone,
}: {
  id: string;
  step: VerwijzingStep;
  d: Detail;
  onCancel: () => void;
  onDone: (status: VerwijzingStatus) => void;
}) {
  const { t } = useTranslation();
  const mutation = useReferralStep();
  const dayField = DAY_FIELD[step];
  const [answer, setAnswer] = useState(step === 'opschalen' ? (d.escalationSummary ?? '') : '');
  const [aanbiederId, setAanbiederId] = useState(step === 'aanmelden' ? (d.providers[0]?.id ?? '') : '');
  const [on, setOn] = useState(dayField?.required ? dutchToday() : '');
  const needsAnswer = NEEDS_ANSWER.includes(step);
  const [tried, setTried] = useState(false);
  const missing =
    (needsAnswer && !answer.trim()) || (step === 'aanmelden' && !aanbiederId) || (dayField?.required && !on);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    mutation.mutate(
      {
        verwijzingId: d.id,
        step,
        answer: answer.trim(),
        on: on || undefined,
        aanbiederId: step === 'aanmelden' ? aanbiederId : undefined,
      },
      { onSuccess: (result) => onDone(result.status) },
    );
  };

  return (
    <form
      id={id}
      className="card form desk-form"
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <h3 id={`${id}-title`}>{t(`desk.actions.step.${step}`)}</h3>
      {step === 'opschalen' && d.escalationTarget && (
        <p className="muted small">{t(`desk.actions.escalateTo.${d.escalationTarget}`)}</p>
      )}
      {step === 'aanmelden' &&
        (d.providers.length === 0 ? (
          <p className="banner banner-warn">
            {t('desk.actions.noProviders')} <Link href="/sociale-kaart">{t('desk.nav.kaart')}</Link>
          </p>
        ) : (
          <>
            <label htmlFor={`${id}-provider`}>{t('desk.actions.provider')}</label>
            <select
              id={`${id}-provider`}
              value={aanbiederId}
              onChange={(e) => setAanbiederId(e.target.value)}
              aria-invalid={tried && !aanbiederId}
            >
              {d.providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('desk.actions.providerOption', { name: p.name, count: p.waitWeeks })}
                  {p.preferred ? ` · ${t('desk.actions.preferred')}` : ''}
                </option>
              ))}
            </select>
          </>
        ))}
      {dayField && (
        <>
          <label htmlFor={`${id}-on`}>
            {t(`desk.actions.day.${dayField.label}`)}
            {!dayField.required && <span className="muted"> {t('desk.optional')}</span>}
          </label>
          <input
            id={`${id}-on`}
            type="date"
            value={on}
            required={dayField.required}
            aria-invalid={tried && dayField.required && !on}
            onChange={(e) => setOn(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-answer`}>
        {step === 'opschalen' ? t('desk.actions.summary') : t('desk.actions.answer')}
        {!needsAnswer && <span className="muted"> {t('desk.optional')}</span>}
      </label>
      <textarea
        id={`${id}-answer`}
        rows={step === 'opschalen' ? 16 : 3}
        maxLength={2000}
        value={answer}
        required={needsAnswer}
        aria-invalid={tried && needsAnswer && !answer.trim()}
        aria-describedby={`${id}-answer-hint`}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <p id={`${id}-answer-hint`} className="muted small">
        {step === 'opschalen' ? t('desk.actions.summaryHint') : t('desk.actions.answerHint')}
      </p>
      {tried && missing && (
        <p className="error" role="alert">
          {t('desk.errors.missing')}
        </p>
      )}
      {mutation.isError && (
        <p className="error" role="alert">
          {apiErrorText(mutation.error, t)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {t('desk.actions.confirm', { step: t(`desk.actions.step.${step}`) })}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
