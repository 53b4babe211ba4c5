/**
 * Registers a court decision on one measure, online: a verlenging, an
 * omzetting, a beëindiging, or the lapse of a measure past its end date. The
 * shared rules (shared/rules/measure-life.ts) check the input before it is
 * sent — the same checks the server makes — so each problem shows next to its
 * field and in a summary that takes the focus; a refusal of the server lands
 * the same way. Used by the team lead's online case file and by the phone's
 * case file (with a connection).
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkConversion,
  checkEnding,
  checkExtension,
  conversionEndDate,
  type LifeField,
} from '../../../../shared/rules/measure-checks';
import { normsStart } from '../../../../shared/rules/measure-life';
import {
  CHOSEN_END_REASONS,
  CONVERSION_TARGETS,
  type EndReason,
  MEASURE_TEXT_LIMITS,
} from '../../../../shared/schemas/maatregel';
import { apiErrorText } from '../../app/api-error';
import { errorCode, trpcClient } from '../../app/trpc';
import { useOnline } from '../../app/use-online';
import { CharCounter, isTooLong, tooLongMessage, withCounter } from '../../components/char-counter';
import { formatDay } from '../../i18n';
import {
  type DecisionDone,
  type DecisionKind,
  type DecisionMeasure,
  decisionKinds,
  type Errors,
  errorsOfRefusal,
  errorsOfRule,
  FIELDS,
  NEXT_TYPE,
  placeErrors,
} from './decision-model';

export type { DecisionDone, DecisionKind, DecisionMeasure } from './decision-model';

export function DecisionForm({
  caseId,
  measure,
  birthDate,
  today,
  isLastRunning,
  onDone,
  onCancel,
}: {
  caseId: string;
  measure: DecisionMeasure;
  birthDate: string;
  today: string;
  /** No other measure of the case runs: ending this one closes the case. */
  isLastRunning: boolean;
  onDone: (done: DecisionDone) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const kinds = decisionKinds(measure, today);
  const [kind, setKind] = useState<DecisionKind>(kinds[0] ?? 'beeindiging');
  const [rulingDate, setRulingDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [reference, setReference] = useState('');
  const [toType, setToType] = useState<(typeof CONVERSION_TARGETS)[number]>(NEXT_TYPE[measure.type] ?? 'ots');
  const [court, setCourt] = useState(measure.court);
  const [zaaknummer, setZaaknummer] = useState('');
  const [placement, setPlacement] = useState(measure.outOfHomePlacement);
  const [endedOn, setEndedOn] = useState(today);
  const [reason, setReason] = useState<Exclude<EndReason, 'verlopen' | 'omgezet'>>('doel_bereikt');
  const [reasonText, setReasonText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Opened from a button or a link: the form's title takes the focus, so a screen reader starts there.
  useEffect(() => title.current?.focus(), []);
  const prefix = `decision-${measure.id.slice(0, 8)}`;
  const idOf = (field: LifeField) => `${prefix}-${field}`;

  const showErrors = (found: Errors) => {
    setErrors(placeErrors(found, kind, toType));
    // The summary sits above the fields: bring it into view and to the screen reader.
    requestAnimationFrame(() => summary.current?.focus());
  };

  const send = useMutation({
    mutationFn: async (): Promise<DecisionDone> => {
      const ref = { caseId, maatregelId: measure.id };
      if (kind === 'verlenging') {
        const r = await trpcClient.measures.extend.mutate({ ...ref, rulingDate, endDate, reference });
        const message = [
          t('decision.done.verlenging', { end: formatDay(r.endDate) }),
          r.requestBy ? t('decision.done.requestBy', { date: formatDay(r.requestBy) }) : '',
        ].join(' ');
        return { kind, message: message.trim(), closed: false };
      }
      if (kind === 'omzetting') {
        await trpcClient.measures.convert.mutate({
          ...ref,
          toType,
          rulingDate,
          endDate: toType === 'ots' ? endDate : null,
          court,
          zaaknummer,
          outOfHomePlacement: placement,
        });
        return {
          kind,
          message: t('decision.done.omzetting', {
            type: t(`maatregel.${toType}`),
            date: formatDay(rulingDate),
          }),
          closed: false,
        };
      }
      const on = kind === 'verlopen' ? (measure.endDate ?? today) : endedOn;
      const r = await trpcClient.measures.end.mutate({
        ...ref,
        endedOn: on,
        reason: kind === 'verlopen' ? 'verlopen' : reason,
        reasonText: reason === 'overig' ? reasonText : '',
      });
      const message = [
        t('decision.done.beeindiging', { date: formatDay(on) }),
        r.closed ? t('decision.done.closed') : '',
      ].join(' ');
      return { kind, message: message.trim(), closed: r.closed };
    },
    onSuccess: onDone,
    onError: (error) =>
      showErrors(errorsOfRefusal(error, errorCode(error) ? apiErrorText(error, t) : t('decision.failed'))),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    const need = (field: LifeField, value: string, label: string) => {
      if (!value) next[field] = `Vul ${label.toLocaleLowerCase('nl')} in.`;
    };
    if (kind === 'verlenging' || kind === 'omzetting')
      need('rulingDate', rulingDate, t('decision.rulingDate'));
    if (kind === 'verlenging') need('endDate', endDate, t('decision.newEndDate'));
    if (kind === 'omzetting' && toType === 'ots') need('endDate', endDate, t('decision.endDate'));
    if (kind === 'beeindiging') need('endedOn', endedOn, t('decision.endedOn'));
    if (Object.keys(next).length === 0) {
      const found =
        kind === 'verlenging'
          ? checkExtension(measure, { rulingDate, endDate }, today)
          : kind === 'omzetting'
            ? checkConversion(
                measure,
                { toType, rulingDate, endDate: toType === 'ots' ? endDate : null },
                today,
                birthDate,
              )
            : checkEnding(
                measure,
                kind === 'verlopen'
                  ? { endedOn: measure.endDate ?? today, reason: 'verlopen', reasonText: '' }
                  : { endedOn, reason, reasonText },
                today,
                birthDate,
              );
      Object.assign(next, errorsOfRule(found));
      if (kind === 'omzetting' && !court.trim()) next.court ??= 'Vul de rechtbank in.';
    }
    // Never cut: a text past its limit is refused with its length, beside the field.
    const texts: [LifeField & keyof typeof MEASURE_TEXT_LIMITS, string, boolean][] = [
      ['reference', reference, kind === 'verlenging'],
      ['court', court, kind === 'omzetting'],
      ['zaaknummer', zaaknummer, kind === 'omzetting'],
      ['reasonText', reasonText, kind === 'beeindiging' && reason === 'overig'],
    ];
    for (const [field, value, shown] of texts) {
      if (shown && isTooLong(value, MEASURE_TEXT_LIMITS[field]))
        next[field] = tooLongMessage(t, value, MEASURE_TEXT_LIMITS[field]);
    }
    if (Object.keys(next).length) {
      showErrors(next);
      return;
    }
    setErrors({});
    send.mutate();
  };

  const described = (field: LifeField) => ({
    id: idOf(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${idOf(field)}-error` : undefined,
  });
  const fieldError = (field: LifeField): ReactNode =>
    errors[field] ? (
      <p className="field-error" id={`${idOf(field)}-error`}>
        {errors[field]}
      </p>
    ) : null;
  const listed = [...FIELDS, 'form' as const].filter((f) => errors[f]);
  const endsCase = isLastRunning && (kind === 'beeindiging' || kind === 'verlopen');

  return (
    <form className="form decision-form" onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} ref={title} tabIndex={-1}>
        {t('decision.title', { type: t(`maatregel.${measure.type}`) })}
      </h3>
      <p className="muted small">
        {t('decision.intro', {
          ruling: formatDay(measure.rulingDate),
          until: measure.endDate
            ? t('caseFile.until', { date: formatDay(measure.endDate) })
            : t('caseFile.noEnd'),
        })}
      </p>
      {listed.length > 0 && (
        <div className="error-box error-summary" ref={summary} tabIndex={-1} role="alert">
          <p>{t('decision.errorSummary', { count: listed.length })}</p>
          <ul>
            {listed.map((f) =>
              f === 'form' || f === 'measure' ? (
                <li key={f}>{errors[f]}</li>
              ) : (
                <li key={f}>
                  <a
                    href={`#${idOf(f)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(idOf(f))?.focus();
                    }}
                  >
                    {errors[f]}
                  </a>
                </li>
              ),
            )}
          </ul>
        </div>
      )}

      <fieldset className="chips">
        <legend>{t('decision.kind')}</legend>
        {kinds.map((k) => (
          <label key={k} className="chip">
            <input
              type="radio"
              name={`${prefix}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setErrors({});
              }}
            />
            <span>{t(`decision.kinds.${k}`)}</span>
          </label>
        ))}
      </fieldset>

      {(kind === 'verlenging' || kind === 'omzetting') && (
        <>
          {kind === 'omzetting' && (
            <>
              <label htmlFor={idOf('toType')}>{t('decision.toType')}</label>
              <select
                {...described('toType')}
                value={toType}
                onChange={(e) => setToType(e.target.value as typeof toType)}
              >
                {CONVERSION_TARGETS.map((type) => (
                  <option key={type} value={type}>
                    {t(`maatregel.${type}`)}
                  </option>
                ))}
              </select>
              {fieldError('toType')}
            </>
          )}
          <label htmlFor={idOf('rulingDate')}>{t('decision.rulingDate')}</label>
          <input
            type="date"
            max={today}
            {...described('rulingDate')}
            value={rulingDate}
            onChange={(e) => setRulingDate(e.target.value)}
          />
          {fieldError('rulingDate')}
          {(kind === 'verlenging' || toType === 'ots') && (
            <>
              <label htmlFor={idOf('endDate')}>
                {kind === 'verlenging' ? t('decision.newEndDate') : t('decision.endDate')}
              </label>
              <input
                type="date"
                {...described('endDate')}
                value={endDate}
                onChange={(e) => setEndDate(e.target.value)}
              />
              {fieldError('endDate')}
            </>
          )}
          {kind === 'omzetting' && toType === 'voogdij' && (
            <p className="muted small">
              {t('decision.voogdijEnd', {
                date: formatDay(conversionEndDate('voogdij', null, birthDate) ?? today),
              })}
            </p>
          )}
          {kind === 'verlenging' && (
            <>
              <label htmlFor={idOf('reference')}>{t('decision.reference')}</label>
              <input
                {...withCounter(described('reference'))}
                value={reference}
                onChange={(e) => setReference(e.target.value)}
              />
              <CharCounter
                fieldId={idOf('reference')}
                value={reference}
                max={MEASURE_TEXT_LIMITS.reference}
              />
              {fieldError('reference')}
            </>
          )}
          {kind === 'omzetting' && (
            <>
              <label htmlFor={idOf('court')}>{t('decision.court')}</label>
              <input
                {...withCounter(described('court'))}
                value={court}
                onChange={(e) => setCourt(e.target.value)}
              />
              <CharCounter fieldId={idOf('court')} value={court} max={MEASURE_TEXT_LIMITS.court} />
              {fieldError('court')}
              <label htmlFor={idOf('zaaknummer')}>{t('decision.zaaknummer')}</label>
              <input
                {...withCounter(described('zaaknummer'))}
                value={zaaknummer}
                onChange={(e) => setZaaknummer(e.target.value)}
              />
              <CharCounter
                fieldId={idOf('zaaknummer')}
                value={zaaknummer}
                max={MEASURE_TEXT_LIMITS.zaaknummer}
              />
              {fieldError('zaaknummer')}
              <label className="check">
                <input type="checkbox" checked={placement} onChange={(e) => setPlacement(e.target.checked)} />
                <span>{t('decision.placement')}</span>
              </label>
              <p className="muted small">
                {t('decision.normsRunOn', { date: formatDay(normsStart(measure)) })}
              </p>
            </>
          )}
        </>
      )}

      {kind === 'beeindiging' && (
        <>
          <label htmlFor={idOf('endedOn')}>{t('decision.endedOn')}</label>
          <input
            type="date"
            max={today}
            {...described('endedOn')}
            value={endedOn}
            onChange={(e) => setEndedOn(e.target.value)}
          />
          {fieldError('endedOn')}
          <label htmlFor={idOf('reason')}>{t('decision.reason')}</label>
          <select
            {...described('reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value as typeof reason)}
          >
            {CHOSEN_END_REASONS.filter((r) => r !== 'verlopen').map((r) => (
              <option key={r} value={r}>
                {t(`caseFile.endReason.${r}`)}
              </option>
            ))}
          </select>
          {fieldError('reason')}
          {reason === 'overig' && (
            <>
              <label htmlFor={idOf('reasonText')}>{t('decision.reasonText')}</label>
              <input
                {...withCounter(described('reasonText'))}
                value={reasonText}
                onChange={(e) => setReasonText(e.target.value)}
              />
              <CharCounter
                fieldId={idOf('reasonText')}
                value={reasonText}
                max={MEASURE_TEXT_LIMITS.reasonText}
              />
              {fieldError('reasonText')}
            </>
          )}
        </>
      )}

      {kind === 'verlopen' && measure.endDate && (
        <p>{t('decision.lapseOn', { date: formatDay(measure.endDate) })}</p>
      )}
      {endsCase && <p className="hint-warn">{t('decision.closesCase')}</p>}
      {!online && (
        <p className="error" role="status">
          {t('decision.onlineOnly')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={send.isPending || !online}>
          {send.isPending ? t('decision.saving') : t('decision.save')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('decision.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
