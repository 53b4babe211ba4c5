/**
 * The koers being shaped (concept, in afstemming). What the worker types is
 * kept as an encrypted draft on the device (per case and koers version), so
 * leaving the screen or closing the app loses nothing: the screen brings it
 * back with a note and a way to throw it away; leaving with unsaved changes
 * asks first. A save sends only the changed fields, each with the version it
 * was based on (a clash comes back as a conflict), and deletes the draft in
 * the same transaction. The form refuses what the server would refuse (texts
 * over their limit, a goal typed twice, an evaluation date in the past) with
 * the shared error summary, before anything is sent.
 */
import type { TFunction } from 'i18next';
import { type FormEvent, Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import { canTransitionKoers, evaluationDateInPast, type KoersField } from '../../../../shared/rules/koers';
import { KOERS_LIMITS, type KoersAgreement, type KoersStatus } from '../../../../shared/schemas/koers';
import { editKoersArgs } from '../../../../shared/schemas/mutations';
import { LOCAL_KEY, useField, useRecord } from '../../app/field-context';
import { queryClient } from '../../app/trpc';
import { useUnsavedChanges } from '../../app/unsaved-changes';
import { useDraft } from '../../app/use-draft';
import { CharCounter, counterId, counterShown } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  fieldId,
  useErrorFocus,
} from '../../components/form-errors';
import { formatDateTime, formatDay } from '../../i18n';
import { deleteDraft, saveDraft } from '../../local/drafts';
import type { LocalData } from '../../local/store';
import {
  agreementErrors,
  formOf,
  type GoalForm,
  type KoersForm,
  koersFormErrors,
  LIST_FIELDS,
  type ListField,
  same,
  valuesOf,
} from './koers-form';
import { KoersState } from './koers-state';

const PREFIX = 'koers';

/** A koers version's draft: per case and version, so it never turns up in another child's koers or a later version. */
export const koersDraftKey = (caseId: string, koersId: string) => `koers:${caseId}:${koersId}`;

/** What the device keeps of an unsaved koers edit (encrypted, local/drafts). */
export interface KoersDraft {
  /** The user changed the form: it shows `form`, not the koers as it arrives. */
  editing: boolean;
  form: KoersForm;
  /** Fields the user changed; only these are sent. */
  touched: KoersField[];
  /** The field versions the form was read at (the base of the edit). */
  base: Record<string, number>;
  agreementTouched: boolean;
  agreement: KoersAgreement;
  agreedOn: string;
  /** When the draft was last written (shown when it comes back). */
  savedAt: string;
}

/** Whether a kept draft still holds anything the koers does not (else it is not worth restoring). */
export function draftHoldsChanges(draft: KoersDraft, koers: LocalData<'koers'>): boolean {
  const now = valuesOf(formOf(koers)) as Record<string, unknown>;
  const mine = valuesOf(draft.form) as Record<string, unknown>;
  return (
    draft.touched.some((f) => !same(mine[f], now[f])) ||
    (draft.agreementTouched && !same(draft.agreement, koers.agreement))
  );
}

/** From this age the child's own agreement with the koers is asked for. */
const CHILD_AGREES_FROM = 12;

type Attempt = 'save' | KoersStatus;

/** The field props for a text with a limit: error and counter tied to it with aria-describedby. */
function limitedField(field: string, errors: FormErrors, value: string, max: number) {
  const props = describedBy(PREFIX, field, errors);
  if (!counterShown(value, max)) return props;
  const ids = [props['aria-describedby'], counterId(props.id)].filter(Boolean).join(' ');
  return { ...props, 'aria-describedby': ids };
}

export function KoersEditor({
  caseId,
  koers,
  previous,
  childAge,
  draftKey,
  restored,
  notice,
  onStatusChanged,
}: {
  caseId: string;
  koers: LocalData<'koers'>;
  /** The version before this one, if any (its evaluation date may have passed). */
  previous: LocalData<'koers'> | undefined;
  childAge: number;
  draftKey: string;
  restored: KoersDraft | null;
  notice: string | null;
  onStatusChanged: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const { store } = useField();
  const record = useRecord();
  const today = dutchToday();
  const clean = (): KoersDraft => ({
    editing: false,
    form: formOf(koers),
    touched: [],
    base: koers.fieldVersions,
    agreementTouched: false,
    agreement: koers.agreement,
    agreedOn: today,
    savedAt: '',
  });
  const { draft, change, stopSaving, reset } = useDraft<KoersDraft>(draftKey, restored ?? clean());
  // The note at the top about a draft: brought back (with the moment it was written), or thrown away.
  const [draftNote, setDraftNote] = useState<{ restoredAt: string } | 'discarded' | null>(
    restored ? { restoredAt: restored.savedAt } : null,
  );
  const draftNoteRef = useRef<HTMLParagraphElement>(null);
  // The note that the draft was thrown away takes the focus once it is drawn (a frame requested at
  // the click could come before React has drawn it, on a busy phone).
  useEffect(() => {
    if (draftNote === 'discarded') draftNoteRef.current?.focus();
  }, [draftNote]);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<{ goal: GoalForm; index: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const { boxRef, focusErrors } = useErrorFocus();
  const undoRef = useRef<HTMLButtonElement>(null);

  // Untouched, the form is the koers as it arrives (own saves, other devices).
  const form = draft.editing ? draft.form : formOf(koers);
  const agreement = draft.agreementTouched ? draft.agreement : koers.agreement;
  const current = valuesOf(formOf(koers)) as Record<string, unknown>;
  const next = valuesOf(form) as Record<string, unknown>;
  const changed = draft.touched.filter((f) => !same(next[f], current[f]));
  const agreementChanged = draft.agreementTouched && !same(draft.agreement, koers.agreement);
  const guard = useUnsavedChanges(changed.length > 0 || agreementChanged);

  const evaluationTouched = draft.touched.includes('evaluationDate');
  const goalsTouched = draft.touched.includes('doelen');
  const formErrors = (f: KoersForm) => koersFormErrors(t, f, { today, evaluationTouched, goalsTouched });
  const errors: FormErrors = {
    ...(attempt ? formErrors(form) : {}),
    ...(attempt === 'vastgesteld' ? agreementErrors(t, agreement, true) : {}),
    ...(formError ? { form: formError } : {}),
  };

  useEffect(() => {
    if (removed) undoRef.current?.focus();
  }, [removed]);

  const stamp = () => new Date().toISOString();

  const setForm = (nextForm: KoersForm) => {
    const before = valuesOf(form) as Record<string, unknown>;
    const after = valuesOf(nextForm) as Record<string, unknown>;
    const touched = (Object.keys(after) as KoersField[]).filter((f) => !same(after[f], before[f]));
    setMessage(null);
    change({
      editing: true,
      form: nextForm,
      touched: [...new Set([...draft.touched, ...touched])],
      // The form was read at the koers's versions of the moment the user began to change it.
      base: draft.editing ? draft.base : koers.fieldVersions,
      savedAt: stamp(),
    });
  };

  const setAgreement = (next: KoersAgreement) =>
    change({ agreementTouched: true, agreement: next, savedAt: stamp() });

  /** Sends the changed fields (the draft goes in the same transaction); false when not saved. */
  const saveFields = async (): Promise<boolean> => {
    const args = {
      koersId: koers.id,
      caseId,
      values: Object.fromEntries(changed.map((f) => [f, next[f]])),
      baseVersions: Object.fromEntries(changed.map((f) => [f, draft.base[f] ?? 0])),
    };
    const parsed = editKoersArgs.safeParse(args);
    if (!parsed.success) {
      setFormError(t('koers.invalid'));
      focusErrors();
      return false;
    }
    stopSaving();
    try {
      await record('editKoers', parsed.data, { draftKey });
    } catch {
      // Not saved: everything stays in the form and in the draft.
      await saveDraft(store, draftKey, draft).catch(() => undefined);
      setFormError(t('errors.saveFailed'));
      focusErrors();
      return false;
    }
    // The koers as saved first, then the form follows it: no flash of the old text.
    await queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'case', caseId] });
    const kept = { ...clean(), agreedOn: draft.agreedOn };
    if (agreementChanged)
      change({ ...kept, agreementTouched: true, agreement: draft.agreement, savedAt: stamp() });
    else reset(kept);
    setDraftNote(null);
    setRemoved(null);
    return true;
  };

  const refused = (attempted: Attempt, extra: FormErrors = {}) => {
    setAttempt(attempted);
    setFormError(null);
    const problems = { ...formErrors(form), ...extra };
    if (Object.keys(problems).length === 0) return false;
    focusErrors();
    return true;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || refused('save')) return;
    if (changed.length === 0) {
      setMessage(t('koers.nothingChanged'));
      return;
    }
    setBusy(true);
    const saved = await saveFields();
    setBusy(false);
    if (saved) {
      setAttempt(null);
      setMessage(t('koers.saved'));
    }
  };

  const setStatus = async (status: KoersStatus) => {
    const vaststellen = status === 'vastgesteld';
    if (busy || refused(status, vaststellen ? agreementErrors(t, agreement, true) : {})) return;
    setBusy(true);
    try {
      if (changed.length > 0 && !(await saveFields())) return;
      stopSaving();
      await record(
        'setKoersStatus',
        {
          koersId: koers.id,
          caseId,
          status,
          ...(vaststellen ? { agreement, agreedOn: draft.agreedOn } : {}),
        },
        // A vastgestelde koers is read-only: nothing of its draft is left to keep.
        vaststellen ? { draftKey } : {},
      );
    } catch {
      setFormError(t('errors.saveFailed'));
      focusErrors();
      return;
    } finally {
      setBusy(false);
    }
    setAttempt(null);
    setMessage(null);
    onStatusChanged(t('koers.statusNow', { status: t(`koers.statusLong.${status}`) }));
  };

  const discardDraft = async () => {
    await deleteDraft(store, draftKey);
    reset(clean());
    setAttempt(null);
    setFormError(null);
    setRemoved(null);
    setDraftNote('discarded');
  };

  const setGoal = (i: number, patch: Partial<GoalForm>) =>
    setForm({ ...form, doelen: form.doelen.map((d, j) => (j === i ? { ...d, ...patch } : d)) });

  const removeGoal = (i: number) => {
    const goal = form.doelen[i];
    if (!goal) return;
    setForm({ ...form, doelen: form.doelen.filter((_, j) => j !== i) });
    setRemoved({ goal, index: i });
  };

  const undoRemove = () => {
    if (!removed) return;
    const doelen = [...form.doelen];
    doelen.splice(removed.index, 0, removed.goal);
    setForm({ ...form, doelen });
    setRemoved(null);
    requestAnimationFrame(() =>
      document.getElementById(fieldId(PREFIX, `doelen.${removed.index}.goal`))?.focus(),
    );
  };

  const nextStep = t(`koers.nextStep.${koers.status === 'in_afstemming' ? 'in_afstemming' : 'concept'}`);
  const previousEvaluation = previous?.evaluationDate;
  const evaluationNotCarried =
    koers.version > 1 &&
    !form.evaluationDate &&
    !!previousEvaluation &&
    evaluationDateInPast(previousEvaluation, today);

  const removedNotice = (index: number) =>
    removed?.index === index ? (
      <div className="goal-removed">
        <p id="koers-goal-removed">
          {removed.goal.goal.trim()
            ? t('koers.goalRemoved', { n: index + 1, goal: removed.goal.goal.trim() })
            : t('koers.goalRemovedEmpty', { n: index + 1 })}
        </p>
        <button
          ref={undoRef}
          type="button"
          className="button"
          aria-describedby="koers-goal-removed"
          onClick={undoRemove}
        >
          {t('koers.undoRemove')}
        </button>
      </div>
    ) : null;

  return (
    <form className="form koers-form" onSubmit={save} noValidate>
      {guard.dialog}
      <ErrorSummary
        prefix={PREFIX}
        errors={errors}
        boxRef={boxRef}
        label={(field) => summaryLabel(t, field)}
      />
      {draftNote === 'discarded' ? (
        <p className="banner banner-ok" role="status" tabIndex={-1} ref={draftNoteRef}>
          {t('koers.draftDiscarded')}
        </p>
      ) : (
        draftNote && (
          <div className="banner banner-warn koers-draft" data-testid="koers-draft">
            <p>{t('koers.draftRestored', { time: formatDateTime(draftNote.restoredAt) })}</p>
            <button type="button" className="button" onClick={() => void discardDraft()}>
              {t('koers.discardDraft')}
            </button>
          </div>
        )
      )}

      <KoersState status={koers.status} nextStep={nextStep} agreement={agreement} notice={notice}>
        {koers.status === 'in_afstemming' && (
          <fieldset className="checks">
            <legend>{t('koers.whoAgreed')}</legend>
            {(['gezin', 'jeugdige', 'netwerk'] as const).map((who) => (
              <label key={who} className="check">
                <input
                  type="checkbox"
                  {...describedBy(PREFIX, `agreement.${who}`, errors)}
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
            <FieldMessage prefix={PREFIX} field="agreement.gezin" errors={errors} />
            <label htmlFor={fieldId(PREFIX, 'agreement.toelichting')}>{t('koers.agreementNote')}</label>
            <textarea
              {...limitedField(
                'agreement.toelichting',
                errors,
                agreement.toelichting,
                KOERS_LIMITS.toelichting,
              )}
              rows={2}
              value={agreement.toelichting}
              onChange={(e) => setAgreement({ ...agreement, toelichting: e.target.value })}
            />
            <CharCounter
              fieldId={fieldId(PREFIX, 'agreement.toelichting')}
              value={agreement.toelichting}
              max={KOERS_LIMITS.toelichting}
            />
            <FieldMessage prefix={PREFIX} field="agreement.toelichting" errors={errors} />
            <label htmlFor="koers-agreed-on">{t('koers.agreedOnLabel')}</label>
            <input
              id="koers-agreed-on"
              type="date"
              value={draft.agreedOn}
              max={today}
              onChange={(e) => change({ agreedOn: e.target.value, savedAt: stamp() })}
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
      </KoersState>

      {LIST_FIELDS.slice(0, 2).map((f) => (
        <ListInput key={f} field={f} form={form} setForm={setForm} errors={errors} />
      ))}
      <label htmlFor={fieldId(PREFIX, 'visieGezin')}>{t('koers.fields.visieGezin')}</label>
      <textarea
        {...limitedField('visieGezin', errors, form.visieGezin, KOERS_LIMITS.text)}
        rows={3}
        value={form.visieGezin}
        onChange={(e) => setForm({ ...form, visieGezin: e.target.value })}
      />
      <CharCounter fieldId={fieldId(PREFIX, 'visieGezin')} value={form.visieGezin} max={KOERS_LIMITS.text} />
      <FieldMessage prefix={PREFIX} field="visieGezin" errors={errors} />
      <ListInput field="ontwikkelingsbedreigingen" form={form} setForm={setForm} errors={errors} />

      <fieldset className="goals">
        <legend>{t('koers.fields.doelen')}</legend>
        {form.doelen.map((d, i) => (
          <Fragment key={d.id}>
            {removedNotice(i)}
            <div className="card goal">
              <label htmlFor={fieldId(PREFIX, `doelen.${i}.goal`)}>{t('koers.goal', { n: i + 1 })}</label>
              <input
                {...limitedField(`doelen.${i}.goal`, errors, d.goal, KOERS_LIMITS.goal)}
                value={d.goal}
                onChange={(e) => setGoal(i, { goal: e.target.value })}
              />
              <CharCounter
                fieldId={fieldId(PREFIX, `doelen.${i}.goal`)}
                value={d.goal}
                max={KOERS_LIMITS.goal}
              />
              <FieldMessage prefix={PREFIX} field={`doelen.${i}.goal`} errors={errors} />
              <label htmlFor={fieldId(PREFIX, `doelen.${i}.actions`)}>{t('koers.actions')}</label>
              <textarea
                {...describedBy(PREFIX, `doelen.${i}.actions`, errors)}
                rows={2}
                value={d.actions}
                onChange={(e) => setGoal(i, { actions: e.target.value })}
              />
              <FieldMessage prefix={PREFIX} field={`doelen.${i}.actions`} errors={errors} />
              <label htmlFor={fieldId(PREFIX, `doelen.${i}.owner`)}>{t('koers.owner')}</label>
              <input
                {...limitedField(`doelen.${i}.owner`, errors, d.owner, KOERS_LIMITS.owner)}
                value={d.owner}
                onChange={(e) => setGoal(i, { owner: e.target.value })}
              />
              <CharCounter
                fieldId={fieldId(PREFIX, `doelen.${i}.owner`)}
                value={d.owner}
                max={KOERS_LIMITS.owner}
              />
              <FieldMessage prefix={PREFIX} field={`doelen.${i}.owner`} errors={errors} />
              <button type="button" className="button button-quiet goal-remove" onClick={() => removeGoal(i)}>
                {t('koers.removeGoal', { n: i + 1 })}
              </button>
            </div>
          </Fragment>
        ))}
        {removedNotice(form.doelen.length)}
        <FieldMessage prefix={PREFIX} field="doelen" errors={errors} />
        <button
          type="button"
          className="button"
          {...describedBy(PREFIX, 'doelen', errors)}
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
        <ListInput key={f} field={f} form={form} setForm={setForm} errors={errors} />
      ))}
      <label htmlFor={fieldId(PREFIX, 'evaluationDate')}>{t('koers.fields.evaluationDate')}</label>
      <input
        {...describedBy(PREFIX, 'evaluationDate', errors, evaluationNotCarried)}
        type="date"
        min={today}
        value={form.evaluationDate}
        onChange={(e) => setForm({ ...form, evaluationDate: e.target.value })}
      />
      {evaluationNotCarried && previousEvaluation && (
        <span className="muted small" id={`${fieldId(PREFIX, 'evaluationDate')}-hint`}>
          {t('koers.evaluationNotCarried', { date: formatDay(previousEvaluation) })}
        </span>
      )}
      <FieldMessage prefix={PREFIX} field="evaluationDate" errors={errors} />

      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {changed.length ? t('koers.save', { count: changed.length }) : t('koers.saveNone')}
      </button>
    </form>
  );
}

/** The summary names the field before its message ("Doel 2 · Acties: …"). */
function summaryLabel(t: TFunction, field: string): string {
  const goal = /^doelen\.(\d+)\.(goal|actions|owner)$/.exec(field);
  if (goal) {
    const n = Number(goal[1]) + 1;
    if (goal[2] === 'goal') return `${t('koers.goal', { n })}: `;
    return `${t('koers.goal', { n })} · ${t(goal[2] === 'actions' ? 'koers.actions' : 'koers.owner')}: `;
  }
  if (field === 'agreement.gezin') return `${t('koers.whoAgreed')} `;
  if (field === 'agreement.toelichting') return `${t('koers.agreementNote')}: `;
  return `${t(`koers.fields.${field as KoersField | 'doelen'}`)}: `;
}

function ListInput({
  field,
  form,
  setForm,
  errors,
}: {
  field: ListField;
  form: KoersForm;
  setForm: (f: KoersForm) => void;
  errors: FormErrors;
}) {
  const { t } = useTranslation();
  const id = fieldId(PREFIX, field);
  return (
    <>
      <label htmlFor={id}>{t(`koers.fields.${field}`)}</label>
      <textarea
        {...describedBy(PREFIX, field, errors, true)}
        rows={3}
        value={form.lists[field]}
        onChange={(e) => setForm({ ...form, lists: { ...form.lists, [field]: e.target.value } })}
      />
      <span className="muted small" id={`${id}-hint`}>
        {t('koers.oneePerLine')}
      </span>
      <FieldMessage prefix={PREFIX} field={field} errors={errors} />
    </>
  );
}
