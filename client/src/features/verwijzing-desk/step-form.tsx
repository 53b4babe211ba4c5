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
import { VERWIJZING_STEP_NEEDS, type VerwijzingStep } from '../../../../shared/rules/verwijzing';
import { DESK_LIMITS, verwijzingStepInput } from '../../../../shared/schemas/referral-desk';
import type { VerwijzingStatus } from '../../../../shared/schemas/verwijzing';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from '../../components/form-errors';
import { useFormErrors } from './form-issues';
import { closesRequest, useReferralStep } from './queries';
import type { Detail } from './request-view';

/** The day field of a step, if it has one; required where the step needs the day (VERWIJZING_STEP_NEEDS). */
const DAY_FIELD: Partial<Record<VerwijzingStep, DayLabel>> = {
  starten: 'startedOn',
  beeindigen: 'endedOn',
  accepteren: 'expectedStart',
  wachtlijst: 'expectedStart',
  opschalen: 'followUpOn',
};
type DayLabel = 'startedOn' | 'endedOn' | 'expectedStart' | 'followUpOn';

/** The form's fields by the input's names, in the form's order: the schema's refusals land beside the right one. */
const FIELDS = { aanbiederId: 'provider', on: 'on', answer: 'answer' };

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
  const needs = VERWIJZING_STEP_NEEDS[step];
  const [answer, setAnswer] = useState(step === 'opschalen' ? (d.escalationSummary ?? '') : '');
  const [aanbiederId, setAanbiederId] = useState(step === 'aanmelden' ? (d.providers[0]?.id ?? '') : '');
  const [on, setOn] = useState(needs.day ? dutchToday() : '');
  const form = useFormErrors(FIELDS);
  const { errors, boxRef } = form;
  const P = id;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server checks with: a step is never recorded empty.
    const input = form.check(
      verwijzingStepInput.safeParse({
        verwijzingId: d.id,
        step,
        answer,
        on: on || undefined,
        aanbiederId: step === 'aanmelden' && aanbiederId ? aanbiederId : undefined,
      }),
    );
    if (!input) return;
    mutation.mutate(input, { onSuccess: (result) => onDone(result.status), onError: form.refused });
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
      <ErrorSummary prefix={P} errors={errors} boxRef={boxRef} />
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
            <label htmlFor={fieldId(P, 'provider')}>{t('desk.actions.provider')}</label>
            <select
              {...describedBy(P, 'provider', errors)}
              value={aanbiederId}
              onChange={(e) => setAanbiederId(e.target.value)}
            >
              {d.providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('desk.actions.providerOption', { name: p.name, count: p.waitWeeks })}
                  {p.preferred ? ` · ${t('desk.actions.preferred')}` : ''}
                </option>
              ))}
            </select>
            <FieldMessage prefix={P} field="provider" errors={errors} />
          </>
        ))}
      {dayField && (
        <>
          <label htmlFor={fieldId(P, 'on')}>
            {t(`desk.actions.day.${dayField}`)}
            {!needs.day && <span className="muted"> {t('desk.optional')}</span>}
          </label>
          <input
            {...describedBy(P, 'on', errors)}
            type="date"
            value={on}
            required={needs.day}
            onChange={(e) => setOn(e.target.value)}
          />
          <FieldMessage prefix={P} field="on" errors={errors} />
        </>
      )}
      <label htmlFor={fieldId(P, 'answer')}>
        {step === 'opschalen' ? t('desk.actions.summary') : t('desk.actions.answer')}
        {!needs.answer && <span className="muted"> {t('desk.optional')}</span>}
      </label>
      <textarea
        {...withCounter(describedBy(P, 'answer', errors, true))}
        rows={step === 'opschalen' ? 16 : 3}
        value={answer}
        required={Boolean(needs.answer)}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <p id={`${fieldId(P, 'answer')}-hint`} className="muted small">
        {step === 'opschalen' ? t('desk.actions.summaryHint') : t('desk.actions.answerHint')}
      </p>
      <CharCounter fieldId={fieldId(P, 'answer')} value={answer} max={DESK_LIMITS.answer} />
      <FieldMessage prefix={P} field="answer" errors={errors} />
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
