/**
 * One request for help on the phone: its status, expected start, "hulp
 * uiterlijk", bridging help, the history of every step the desk took, and —
 * when the desk found an alternative — the choice between it and waiting,
 * which the worker records (offline too) with the reason.
 */
import './texts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { chooseAlternativeArgs, HELP_LIMITS } from '../../../../shared/schemas/mutations';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { useLocalQuery, useRecord } from '../../app/field-context';
import { CharCounter, isTooLong, tooLongMessage, withCounter } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  useErrorFocus,
} from '../../components/form-errors';
import { formatDateTime, formatDay } from '../../i18n';
import type { LocalData } from '../../local/store';
import { type LocalVerwijzing, loadVerwijzing } from '../../read-models/verwijzing';

export function VerwijzingScreen({ caseId, verwijzingId }: { caseId: string; verwijzingId: string }) {
  const { t } = useTranslation();
  const found = useLocalQuery(['verwijzing', caseId, verwijzingId], (s) =>
    loadVerwijzing(s, caseId, verwijzingId),
  );
  if (found.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!found.data) {
    return (
      <section className="screen">
        <Link href={`/dossier/${caseId}`} className="back-link">
          ← {t('app.back')}
        </Link>
        <p className="error-box" role="alert">
          {t('help.notOnDevice')}
        </p>
      </section>
    );
  }
  return <Verwijzing data={found.data} />;
}

function Verwijzing({ data }: { data: LocalVerwijzing }) {
  const { t } = useTranslation();
  const v = data.request;
  const category = PRODUCT_CATEGORIES[v.productCategory as keyof typeof PRODUCT_CATEGORIES];
  return (
    <section className="screen" aria-labelledby="verwijzing-title">
      <Link href={`/dossier/${v.caseId}`} className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="verwijzing-title">{v.productName}</h1>
        <p className="muted">
          {t('help.forChild', { name: data.childName })}
          {category ? ` · ${v.productCategory} ${category}` : ''}
        </p>
      </div>
      <dl className="facts card" data-testid="verwijzing-status">
        <dt>{t('help.status')}</dt>
        <dd>
          <strong>{t(`verwijzingStatus.${v.status}`)}</strong>
          {v.escalation && v.escalation !== 'geen' && (
            <span className="tag tag-warn">{t(`help.escalation.${v.escalation}`)}</span>
          )}
          {data.pending && <span className="tag tag-warn">{t('sync.notYet')}</span>}
        </dd>
        {v.aanbiederName && (
          <>
            <dt>{t('help.provider')}</dt>
            <dd>{v.aanbiederName}</dd>
          </>
        )}
        {v.expectedStartOn && v.status !== 'gestart' && (
          <>
            <dt>{t('help.expectedStart')}</dt>
            <dd data-testid="expected-start">{formatDay(v.expectedStartOn)}</dd>
          </>
        )}
        {v.startedOn && (
          <>
            <dt>{t('help.startedOn')}</dt>
            <dd>{formatDay(v.startedOn)}</dd>
          </>
        )}
        {v.helpDueDate && (
          <>
            <dt>{t('help.dueDate')}</dt>
            <dd>{formatDay(v.helpDueDate)}</dd>
          </>
        )}
        <dt>{t('help.fields.urgency')}</dt>
        <dd>
          {t(`help.urgency.${v.urgency}`)}
          {v.urgencyReason ? ` — ${v.urgencyReason}` : ''}
        </dd>
        {data.gemeenteName && (
          <>
            <dt>{t('help.fields.gemeente')}</dt>
            <dd>
              {data.gemeenteName}
              {v.gemeenteNote ? ` (${v.gemeenteNote})` : ''}
            </dd>
          </>
        )}
      </dl>

      {v.bridging && (
        <div className="card" data-testid="bridging">
          <strong>{t('help.bridging')}</strong>
          <p>
            {v.bridging.description} — {v.bridging.provider},{' '}
            {t('help.since', { date: formatDay(v.bridging.startedOn) })}
          </p>
        </div>
      )}
      {v.alternative && <AlternativeChoice request={v} />}

      <h2>{t('help.request')}</h2>
      <p className="report">{v.need}</p>
      {data.goals.length > 0 && (
        <>
          <h3>{t('help.fields.goals')}</h3>
          <ul>
            {data.goals.map((g) => (
              <li key={g.id}>{g.goal}</li>
            ))}
          </ul>
        </>
      )}
      {data.preferred.length > 0 && (
        <p className="muted small">{t('help.preferredList', { names: data.preferred.join(', ') })}</p>
      )}
      {v.consent && (
        <p className="muted small">
          {t('help.fields.consent')}: {t(`help.consent.${v.consent}`)}
          {v.familyViews ? ` — ${v.familyViews}` : ''}
        </p>
      )}

      <h2>{t('help.history')}</h2>
      {data.history.length === 0 ? (
        <p className="muted">{data.pending ? t('help.historyPending') : t('help.historyEmpty')}</p>
      ) : (
        <ol className="plain-list timeline" data-testid="verwijzing-history">
          {data.history.map((s) => (
            <li key={s.id} className="card">
              <div>
                <strong>{t(`help.steps.${s.step}` as 'help.steps.indienen')}</strong>
              </div>
              <div className="muted small">
                {formatDateTime(s.at)} · {s.byName}
                {s.aanbiederName ? ` · ${s.aanbiederName}` : ''}
                {s.on ? ` · ${formatDay(s.on)}` : ''}
              </div>
              {s.answer && <p className="report">{s.answer}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The alternative the desk found, and the worker's (and family's) choice against waiting. */
function AlternativeChoice({ request }: { request: LocalData<'verwijzing'> }) {
  const { t } = useTranslation();
  const record = useRecord();
  const alt = request.alternative;
  const [choice, setChoice] = useState<'wachten' | 'alternatief' | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const { boxRef, focusErrors } = useErrorFocus();
  if (!alt) return null;
  const decided = alt.choice !== null;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const args = {
      verwijzingId: request.id,
      caseId: request.caseId,
      choice: choice || 'wachten',
      reason: reason.trim(),
      decidedAt: new Date().toISOString(),
    };
    const problems: FormErrors = {};
    if (!choice) problems.choice = t('help.errors.choice');
    if (isTooLong(args.reason, HELP_LIMITS.choiceReason))
      problems.reason = tooLongMessage(t, args.reason, HELP_LIMITS.choiceReason);
    else if (!chooseAlternativeArgs.safeParse(args).success) problems.reason = t('help.errors.choiceReason');
    setErrors(problems);
    if (Object.keys(problems).length) return focusErrors();
    try {
      await record('chooseAlternative', args);
    } catch {
      setErrors({ form: t('errors.saveFailed') });
      focusErrors();
    }
  };
  return (
    <div className="card" data-testid="alternative">
      <strong>{t('help.alternative')}</strong>
      <p>
        {alt.offer}
        {alt.expectedStartOn ? ` — ${t('help.canStart', { date: formatDay(alt.expectedStartOn) })}` : ''}
      </p>
      {decided ? (
        <p>
          <strong>{t(`help.choice.${alt.choice ?? 'wachten'}`)}</strong>: {alt.reason}
        </p>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <ErrorSummary prefix="choice" errors={errors} boxRef={boxRef} />
          <fieldset className="chips" aria-describedby={errors.choice ? 'choice-choice-error' : undefined}>
            <legend>{t('help.chooseLegend')}</legend>
            {(['alternatief', 'wachten'] as const).map((c, i) => (
              <label key={c} className="chip">
                <input
                  type="radio"
                  name="choice"
                  id={i === 0 ? 'choice-choice' : undefined}
                  checked={choice === c}
                  onChange={() => setChoice(c)}
                />
                <span>{t(`help.choice.${c}`)}</span>
              </label>
            ))}
          </fieldset>
          <FieldMessage prefix="choice" field="choice" errors={errors} />
          <label htmlFor="choice-reason">{t('help.choiceReason')}</label>
          <textarea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...withCounter(describedBy('choice', 'reason', errors))}
          />
          <CharCounter fieldId="choice-reason" value={reason} max={HELP_LIMITS.choiceReason} />
          <FieldMessage prefix="choice" field="reason" errors={errors} />
          <button type="submit" className="button button-primary">
            {t('help.saveChoice')}
          </button>
        </form>
      )}
    </div>
  );
}
