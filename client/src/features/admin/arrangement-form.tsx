/**
 * The GI's arrangement with one jeugdhulpregio (Jeugdwet art. 3.5): whether
 * and how the gemeente is consulted before a jeugdhulpbepaling, where to, how
 * soon it answers, the regional expertteam. Shows the line a jeugdbeschermer
 * will read while it is typed.
 */
import './texts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArrangementInput } from '../../../../shared/schemas/referral-desk';
import { KAART_LIMITS } from '../../../../shared/schemas/referral-desk';
import { CONSULTATION_KINDS } from '../../../../shared/schemas/verwijzing';
import { CharCounter, withCounter } from '../../components/char-counter';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from './form-errors';
import {
  type ArrangementDraft,
  arrangementSummary,
  checkArrangement,
  errorsOfSaveFailure,
  type FieldErrors,
  type SaveFailure,
} from './kaart-model';
import { breakable } from './text';

const P = 'afspraak';

export function ArrangementForm({
  regionName,
  initial,
  onSave,
  onCancel,
  failureOf,
}: {
  regionName: string;
  initial: ArrangementDraft;
  onSave: (input: ArrangementInput) => Promise<unknown>;
  onCancel: () => void;
  failureOf: (error: unknown) => SaveFailure;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const checked = checkArrangement(draft);
  const errors: FieldErrors = { ...serverErrors, ...(tried && !checked.ok ? checked.errors : {}) };
  const change = (patch: Partial<ArrangementDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!checked.ok) {
      setServerErrors({});
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await onSave(checked.input);
    } catch (error) {
      setServerErrors(errorsOfSaveFailure('arrangement', failureOf(error)));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const days = Number(draft.answerWorkdays);
  const preview =
    draft.consultation === ''
      ? null
      : arrangementSummary(t, regionName, {
          consultation: draft.consultation,
          contactPoint: draft.contactPoint,
          answerWorkdays: Number.isInteger(days) ? days : 0,
        });
  const noConsultation = draft.consultation === 'geen';

  return (
    <form
      className="card form kaart-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="afspraak-form-title"
    >
      <h2 id="afspraak-form-title" ref={titleRef} tabIndex={-1}>
        {t('kaart.arrangement.title', { region: regionName })}
      </h2>
      <p className="muted small">{t('kaart.arrangement.intro')}</p>
      <ErrorSummary prefix={P} errors={errors} boxRef={summaryRef} />

      <fieldset
        id={fieldId(P, 'consultation')}
        tabIndex={-1}
        aria-describedby={errors.consultation ? `${fieldId(P, 'consultation')}-error` : undefined}
      >
        <legend>{t('kaart.arrangement.consultation')}</legend>
        <div className="chips">
          {CONSULTATION_KINDS.map((kind) => (
            <label key={kind} className="chip">
              <input
                type="radio"
                name="consultation"
                value={kind}
                checked={draft.consultation === kind}
                onChange={() => change({ consultation: kind })}
              />
              <span>{t(`kaart.consultation.${kind}`)}</span>
            </label>
          ))}
        </div>
        <FieldMessage prefix={P} field="consultation" errors={errors} />
      </fieldset>

      <label htmlFor={fieldId(P, 'contactPoint')}>{t('kaart.arrangement.contactPoint')}</label>
      <input
        {...withCounter(describedBy(P, 'contactPoint', errors, true))}
        value={draft.contactPoint}
        autoComplete="off"
        onChange={(e) => change({ contactPoint: e.target.value })}
      />
      <p className="hint" id={`${fieldId(P, 'contactPoint')}-hint`}>
        {t('kaart.arrangement.contactPointHint')}
      </p>
      <CharCounter
        fieldId={fieldId(P, 'contactPoint')}
        value={draft.contactPoint}
        max={KAART_LIMITS.contactPoint}
      />
      <FieldMessage prefix={P} field="contactPoint" errors={errors} />

      {!noConsultation && (
        <>
          <label htmlFor={fieldId(P, 'answerWorkdays')}>{t('kaart.arrangement.answerWorkdays')}</label>
          <input
            {...describedBy(P, 'answerWorkdays', errors, true)}
            className="input-short"
            value={draft.answerWorkdays}
            inputMode="numeric"
            autoComplete="off"
            onChange={(e) => change({ answerWorkdays: e.target.value })}
          />
          <p className="hint" id={`${fieldId(P, 'answerWorkdays')}-hint`}>
            {t('kaart.arrangement.answerWorkdaysHint')}
          </p>
          <FieldMessage prefix={P} field="answerWorkdays" errors={errors} />
        </>
      )}

      <label htmlFor={fieldId(P, 'expertteamContact')}>{t('kaart.arrangement.expertteamContact')}</label>
      <input
        {...withCounter(describedBy(P, 'expertteamContact', errors))}
        value={draft.expertteamContact}
        autoComplete="off"
        onChange={(e) => change({ expertteamContact: e.target.value })}
      />
      <CharCounter
        fieldId={fieldId(P, 'expertteamContact')}
        value={draft.expertteamContact}
        max={KAART_LIMITS.expertteamContact}
      />
      <FieldMessage prefix={P} field="expertteamContact" errors={errors} />

      <label htmlFor={fieldId(P, 'notes')}>{t('kaart.arrangement.notes')}</label>
      <textarea
        {...withCounter(describedBy(P, 'notes', errors))}
        rows={3}
        value={draft.notes}
        onChange={(e) => change({ notes: e.target.value })}
      />
      <CharCounter fieldId={fieldId(P, 'notes')} value={draft.notes} max={KAART_LIMITS.notes} />
      <FieldMessage prefix={P} field="notes" errors={errors} />

      {preview && (
        <div className="kaart-preview">
          <span className="muted small">{t('kaart.arrangement.preview')}</span>
          <p>{breakable(preview)}</p>
        </div>
      )}

      <div className="kaart-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('kaart.form.saving') : t('kaart.arrangement.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
