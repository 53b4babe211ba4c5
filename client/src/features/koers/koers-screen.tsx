/**
 * The koers, shaped with the family: zorgpunten, sterke punten, the family's
 * own view, ontwikkelingsbedreigingen, goals with actions and owner,
 * veiligheidsafspraken, needed help and the evaluation date; who agreed.
 * concept → in afstemming → vastgesteld; a vastgestelde koers is read-only
 * and "Herzien" starts a new version. Each save sends only the changed fields
 * with the version they were based on; a clash with a change made elsewhere
 * comes back as a conflict that the author resolves here.
 */
import './texts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ageOn, dutchToday } from '../../../../shared/rules/dates';
import { canTransitionKoers, isKoersEditable, type KoersField } from '../../../../shared/rules/koers';
import type { KoersAgreement } from '../../../../shared/schemas/koers';
import { editKoersArgs } from '../../../../shared/schemas/mutations';
import { useLocalQuery, useRecord } from '../../app/field-context';
import type { LocalData } from '../../local/store';
import { loadCaseFile } from '../../read-models/case-file';
import {
  formOf,
  type GoalForm,
  type KoersForm,
  LIST_FIELDS,
  type ListField,
  same,
  valuesOf,
} from './koers-form';
import { Conflicts, KoersReadOnly } from './koers-read-only';

export function KoersScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const record = useRecord();
  const file = useLocalQuery(['case', caseId], (s) => loadCaseFile(s, caseId));
  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!file.data) {
    return (
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    );
  }
  const koers = file.data.koersen[0];
  const name = file.data.jeugdige.firstName;
  return (
    <section className="screen" aria-labelledby="koers-title">
      <Link href={`/dossier/${caseId}`} className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="koers-title">{t('koers.title', { name })}</h1>
        {koers && (
          <p className="muted">
            {t('koers.version', { version: koers.version })} ·{' '}
            <span className="tag" data-testid="koers-status">
              {t(`koers.status.${koers.status}`)}
            </span>
          </p>
        )}
      </div>
      {file.data.conflicts.length > 0 && <Conflicts caseId={caseId} conflicts={file.data.conflicts} />}
      {!koers ? (
        <div className="card">
          <p>{t('koers.none')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void record('startKoers', { id: crypto.randomUUID(), caseId })}
          >
            {t('koers.start')}
          </button>
        </div>
      ) : isKoersEditable(koers.status) ? (
        // A new key when another version arrives: the form starts from what is current.
        <KoersEditor
          key={`${koers.id}`}
          caseId={caseId}
          koers={koers}
          childAge={ageOn(file.data.jeugdige.birthDate, dutchToday())}
        />
      ) : (
        <KoersReadOnly caseId={caseId} koers={koers} />
      )}
    </section>
  );
}

/** From this age the child's own agreement with the koers is asked for. */
const CHILD_AGREES_FROM = 12;

function KoersEditor({
  caseId,
  koers,
  childAge,
}: {
  caseId: string;
  koers: LocalData<'koers'>;
  childAge: number;
}) {
  const { t } = useTranslation();
  const record = useRecord();
  const [form, setFormState] = useState(() => formOf(koers));
  // Only fields the user touched are sent, each with the version it was read at:
  // a field changed elsewhere meanwhile then comes back as a conflict, never overwritten unseen.
  const [dirty, setDirty] = useState<ReadonlySet<KoersField>>(new Set());
  const [base, setBase] = useState(koers.fieldVersions);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [agreement, setAgreement] = useState<KoersAgreement>(koers.agreement);
  const [agreedOn, setAgreedOn] = useState(dutchToday());

  // With nothing unsaved, the form follows the koers as it arrives (own saves, other devices).
  useEffect(() => {
    if (dirty.size > 0) return;
    setFormState(formOf(koers));
    setBase(koers.fieldVersions);
  }, [koers, dirty]);

  const setForm = (nextForm: KoersForm) => {
    const before = valuesOf(form) as Record<string, unknown>;
    const after = valuesOf(nextForm) as Record<string, unknown>;
    const touched = (Object.keys(after) as KoersField[]).filter((f) => !same(after[f], before[f]));
    setFormState(nextForm);
    if (touched.length) setDirty(new Set([...dirty, ...touched]));
  };

  const current = valuesOf(formOf(koers)) as Record<string, unknown>;
  const next = valuesOf(form) as Record<string, unknown>;
  const changed = [...dirty].filter((f) => !same(next[f], current[f]));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (changed.length === 0) {
      setDirty(new Set());
      setMessage({ kind: 'ok', text: t('koers.nothingChanged') });
      return true;
    }
    const args = {
      koersId: koers.id,
      caseId,
      values: Object.fromEntries(changed.map((f) => [f, next[f]])),
      baseVersions: Object.fromEntries(changed.map((f) => [f, base[f] ?? 0])),
    };
    const parsed = editKoersArgs.safeParse(args);
    if (!parsed.success) {
      setMessage({ kind: 'error', text: t('koers.invalid') });
      return false;
    }
    await record('editKoers', parsed.data);
    setDirty(new Set());
    setMessage({ kind: 'ok', text: t('koers.saved') });
    return true;
  };

  const setStatus = async (status: 'concept' | 'in_afstemming' | 'vastgesteld') => {
    if (!(await save())) return;
    if (status === 'vastgesteld' && !agreement.gezin) {
      setMessage({ kind: 'error', text: t('koers.needsFamily') });
      return;
    }
    await record('setKoersStatus', {
      koersId: koers.id,
      caseId,
      status,
      ...(status === 'vastgesteld' ? { agreement, agreedOn } : {}),
    });
  };

  const setGoal = (i: number, patch: Partial<GoalForm>) =>
    setForm({ ...form, doelen: form.doelen.map((d, j) => (j === i ? { ...d, ...patch } : d)) });

  return (
    <form className="form koers-form" onSubmit={save} noValidate>
      {LIST_FIELDS.slice(0, 2).map((f) => (
        <ListInput key={f} field={f} form={form} setForm={setForm} />
      ))}
      <label htmlFor="koers-visieGezin">{t('koers.fields.visieGezin')}</label>
      <textarea
        id="koers-visieGezin"
        rows={3}
        maxLength={4000}
        value={form.visieGezin}
        onChange={(e) => setForm({ ...form, visieGezin: e.target.value })}
      />
      <ListInput field="ontwikkelingsbedreigingen" form={form} setForm={setForm} />

      <fieldset className="goals">
        <legend>{t('koers.fields.doelen')}</legend>
        {form.doelen.map((d, i) => (
          <div key={d.id} className="card goal">
            <label htmlFor={`goal-${d.id}`}>{t('koers.goal', { n: i + 1 })}</label>
            <input
              id={`goal-${d.id}`}
              value={d.goal}
              maxLength={1000}
              onChange={(e) => setGoal(i, { goal: e.target.value })}
            />
            <label htmlFor={`goal-actions-${d.id}`}>{t('koers.actions')}</label>
            <textarea
              id={`goal-actions-${d.id}`}
              rows={2}
              value={d.actions}
              onChange={(e) => setGoal(i, { actions: e.target.value })}
            />
            <label htmlFor={`goal-owner-${d.id}`}>{t('koers.owner')}</label>
            <input
              id={`goal-owner-${d.id}`}
              value={d.owner}
              maxLength={120}
              onChange={(e) => setGoal(i, { owner: e.target.value })}
            />
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setForm({ ...form, doelen: form.doelen.filter((_, j) => j !== i) })}
            >
              {t('koers.removeGoal')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            setForm({
              ...form,
              doelen: [...form.doelen, { id: crypto.randomUUID(), goal: '', actions: '', owner: '' }],
            })
          }
        >
          {t('koers.addGoal')}
        </button>
      </fieldset>

      {LIST_FIELDS.slice(3).map((f) => (
        <ListInput key={f} field={f} form={form} setForm={setForm} />
      ))}
      <label htmlFor="koers-evaluation">{t('koers.fields.evaluationDate')}</label>
      <input
        id="koers-evaluation"
        type="date"
        value={form.evaluationDate}
        onChange={(e) => setForm({ ...form, evaluationDate: e.target.value })}
      />

      {message && (
        <p
          className={message.kind === 'error' ? 'error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <button type="submit" className="button button-primary">
        {changed.length ? t('koers.save', { count: changed.length }) : t('koers.saveNone')}
      </button>

      <h2>{t('koers.agreementTitle')}</h2>
      {koers.status === 'in_afstemming' && (
        <fieldset className="checks">
          <legend>{t('koers.whoAgreed')}</legend>
          {(['gezin', 'jeugdige', 'netwerk'] as const).map((who) => (
            <label key={who} className="check">
              <input
                type="checkbox"
                checked={agreement[who]}
                onChange={(e) => setAgreement({ ...agreement, [who]: e.target.checked })}
              />
              <span>
                {t(`koers.agreed.${who}`)}
                {who === 'jeugdige' &&
                  ` (${t(childAge >= CHILD_AGREES_FROM ? 'koers.childAsked' : 'koers.childYoung', { age: childAge })})`}
              </span>
            </label>
          ))}
          <label htmlFor="koers-agreement-note">{t('koers.agreementNote')}</label>
          <textarea
            id="koers-agreement-note"
            rows={2}
            maxLength={2000}
            value={agreement.toelichting}
            onChange={(e) => setAgreement({ ...agreement, toelichting: e.target.value })}
          />
          <label htmlFor="koers-agreed-on">{t('koers.agreedOnLabel')}</label>
          <input
            id="koers-agreed-on"
            type="date"
            value={agreedOn}
            max={dutchToday()}
            onChange={(e) => setAgreedOn(e.target.value)}
          />
        </fieldset>
      )}
      <div className="actions">
        {canTransitionKoers(koers.status, 'in_afstemming') && (
          <button type="button" className="button" onClick={() => void setStatus('in_afstemming')}>
            {t('koers.toAfstemming')}
          </button>
        )}
        {canTransitionKoers(koers.status, 'vastgesteld') && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void setStatus('vastgesteld')}
          >
            {t('koers.vaststellen')}
          </button>
        )}
        {canTransitionKoers(koers.status, 'concept') && (
          <button type="button" className="button button-quiet" onClick={() => void setStatus('concept')}>
            {t('koers.backToConcept')}
          </button>
        )}
      </div>
    </form>
  );
}

function ListInput({
  field,
  form,
  setForm,
}: {
  field: ListField;
  form: KoersForm;
  setForm: (f: KoersForm) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`koers-${field}`}>{t(`koers.fields.${field}`)}</label>
      <textarea
        id={`koers-${field}`}
        rows={3}
        value={form.lists[field]}
        aria-describedby="koers-lines-hint"
        onChange={(e) => setForm({ ...form, lists: { ...form.lists, [field]: e.target.value } })}
      />
      <span className="muted small" id="koers-lines-hint">
        {t('koers.oneePerLine')}
      </span>
    </>
  );
}
