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
import type { KoersAgreement, KoersContent } from '../../../../shared/schemas/koers';
import { editKoersArgs } from '../../../../shared/schemas/mutations';
import { useLocalQuery, useRecord } from '../../app/field-context';
import { formatDay } from '../../i18n';
import type { LocalData } from '../../local/store';
import { loadCaseFile } from '../../read-models/case-file';

const LIST_FIELDS = [
  'zorgpunten',
  'sterkePunten',
  'ontwikkelingsbedreigingen',
  'veiligheidsafspraken',
  'benodigdeHulp',
] as const;
type ListField = (typeof LIST_FIELDS)[number];

interface GoalForm {
  id: string;
  goal: string;
  actions: string;
  owner: string;
}

interface KoersForm {
  lists: Record<ListField, string>;
  visieGezin: string;
  doelen: GoalForm[];
  evaluationDate: string;
}

const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function formOf(koers: LocalData<'koers'>): KoersForm {
  const c = koers.content;
  return {
    lists: Object.fromEntries(LIST_FIELDS.map((f) => [f, c[f].join('\n')])) as Record<ListField, string>,
    visieGezin: c.visieGezin,
    doelen: c.doelen.map((d) => ({ id: d.id, goal: d.goal, actions: d.actions.join('\n'), owner: d.owner })),
    evaluationDate: koers.evaluationDate ?? '',
  };
}

function valuesOf(form: KoersForm): Partial<KoersContent> & { evaluationDate: string | null } {
  return {
    ...(Object.fromEntries(LIST_FIELDS.map((f) => [f, toLines(form.lists[f])])) as Record<
      ListField,
      string[]
    >),
    visieGezin: form.visieGezin.trim(),
    doelen: form.doelen
      .filter((d) => d.goal.trim())
      .map((d) => ({ id: d.id, goal: d.goal.trim(), actions: toLines(d.actions), owner: d.owner.trim() })),
    evaluationDate: form.evaluationDate || null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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

function KoersReadOnly({ caseId, koers }: { caseId: string; koers: LocalData<'koers'> }) {
  const { t } = useTranslation();
  const record = useRecord();
  const c = koers.content;
  const list = (items: string[]) =>
    items.length ? (
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    ) : (
      <p className="muted">—</p>
    );
  return (
    <div className="koers-read">
      <p className="banner banner-ok">
        {t('koers.fixed', { date: koers.agreedOn ? formatDay(koers.agreedOn) : '' })}{' '}
        {(['gezin', 'jeugdige', 'netwerk'] as const)
          .filter((w) => koers.agreement[w])
          .map((w) => t(`koers.agreed.${w}`))
          .join(', ')}
      </p>
      {LIST_FIELDS.map((f) => (
        <section key={f}>
          <h2>{t(`koers.fields.${f}`)}</h2>
          {list(c[f])}
        </section>
      ))}
      <h2>{t('koers.fields.visieGezin')}</h2>
      <p>{c.visieGezin || '—'}</p>
      <h2>{t('koers.fields.doelen')}</h2>
      <ol>
        {c.doelen.map((d) => (
          <li key={d.id}>
            <strong>{d.goal}</strong> {d.owner && <span className="muted">({d.owner})</span>}
            {list(d.actions)}
            <Link href={`/dossier/${caseId}/hulp`} state={{ goalId: d.id }} className="small">
              {t('help.fromGoal')}
            </Link>
          </li>
        ))}
      </ol>
      <p>
        {t('koers.fields.evaluationDate')}: {koers.evaluationDate ? formatDay(koers.evaluationDate) : '—'}
      </p>
      <button
        type="button"
        className="button button-primary"
        onClick={() => void record('startKoers', { id: crypto.randomUUID(), caseId })}
      >
        {t('koers.revise')}
      </button>
    </div>
  );
}

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : ((v as { goal?: string }).goal ?? ''))).join('; ')
    : value === null || value === undefined || value === ''
      ? '—'
      : String(value);

function Conflicts({ caseId, conflicts }: { caseId: string; conflicts: LocalData<'koersConflict'>[] }) {
  const { t } = useTranslation();
  const record = useRecord();
  return (
    <div className="banner banner-late" role="alert" data-testid="koers-conflicts">
      <h2>{t('koers.conflictsTitle')}</h2>
      <p>{t('koers.conflictsIntro')}</p>
      {conflicts.map((c) => (
        <div key={c.id} className="card conflict">
          <strong>{t(`koers.fields.${c.field as KoersField}`)}</strong>
          <p>
            <span className="muted">{t('koers.theirs')}</span> {show(c.theirs)}
          </p>
          <p>
            <span className="muted">{t('koers.mine')}</span> {show(c.mine)}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => void record('resolveKoersConflict', { conflictId: c.id, caseId, keep: 'mine' })}
            >
              {t('koers.keepMine')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() =>
                void record('resolveKoersConflict', { conflictId: c.id, caseId, keep: 'theirs' })
              }
            >
              {t('koers.keepTheirs')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
