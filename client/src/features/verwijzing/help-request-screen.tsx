/**
 * Hulp aanvragen, on the phone and offline: what help (from the sociale kaart
 * on the device, or a free description), which koers goals it serves, why,
 * how urgent and why, preferred providers, the family's consent and views.
 * The gemeente follows from the child's woonplaats and can be corrected; the
 * region's arrangement is shown. "Hulp uiterlijk" follows from the ruling.
 * Saved, it is an intent in the outbox; at sync it is a request at the desk.
 */
import './texts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { daysBetween, dutchToday } from '../../../../shared/rules/dates';
import { HELP_LIMITS, requestHelpArgs } from '../../../../shared/schemas/mutations';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { CONSENT_KINDS, type Consent, URGENCIES, type Urgency } from '../../../../shared/schemas/verwijzing';
import { useField, useLocalQuery, useRecord } from '../../app/field-context';
import { useDraft } from '../../app/use-draft';
import { ArrangementLine } from '../../components/arrangement-line';
import { CharCounter, isTooLong, tooLongMessage, withCounter } from '../../components/char-counter';
import {
  describedBy,
  ErrorSummary,
  FieldMessage,
  type FormErrors,
  useErrorFocus,
} from '../../components/form-errors';
import { formatDay } from '../../i18n';
import { loadDraft, saveDraft } from '../../local/drafts';
import {
  type HelpRequestContext,
  loadHelpRequestContext,
  productsIn,
  providersFor,
  regionOf,
} from '../../read-models/verwijzing';

interface HelpDraft {
  /** A product code from the kaart, FREE for a free description, '' for none chosen yet. */
  productCode: string;
  freeCategory: string;
  freeDescription: string;
  goalIds: string[];
  need: string;
  urgency: Urgency;
  urgencyReason: string;
  preferredAanbiederIds: string[];
  gemeenteId: string;
  gemeenteNote: string;
  consent: Consent;
  familyViews: string;
}

const FREE = 'vrij';
const P = 'help';

/** A limited text field's props: id, aria-invalid, and described by its message and its counter. */
const limited = (field: string, errors: FormErrors) => withCounter(describedBy(P, field, errors));
export const helpDraftKey = (caseId: string) => `hulp:${caseId}`;

export function HelpRequestScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { store } = useField();
  const context = useLocalQuery(['help-context', caseId], (s) => loadHelpRequestContext(s, caseId));
  const [draft, setDraft] = useState<HelpDraft | null>(null);
  const goalId = (history.state as { goalId?: string } | null)?.goalId;

  useEffect(() => {
    if (!context.data) return;
    let live = true;
    const woonplaats = context.data.woonplaatsId;
    void loadDraft<HelpDraft>(store, helpDraftKey(caseId)).then((saved) => {
      if (!live) return;
      const base = saved ?? emptyDraft(woonplaats);
      setDraft(
        goalId && !base.goalIds.includes(goalId) ? { ...base, goalIds: [...base.goalIds, goalId] } : base,
      );
    });
    return () => {
      live = false;
    };
  }, [store, caseId, context.data, goalId]);

  if (context.isPending || (context.data && !draft)) return <p className="muted">{t('app.loading')}</p>;
  if (!context.data || !draft) {
    return (
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    );
  }
  return <HelpRequestForm context={context.data} initial={draft} />;
}

const emptyDraft = (gemeenteId: string): HelpDraft => ({
  productCode: '',
  freeCategory: '',
  freeDescription: '',
  goalIds: [],
  need: '',
  urgency: 'regulier',
  urgencyReason: '',
  preferredAanbiederIds: [],
  gemeenteId,
  gemeenteNote: '',
  consent: 'ja',
  familyViews: '',
});

function HelpRequestForm({ context, initial }: { context: HelpRequestContext; initial: HelpDraft }) {
  const { t } = useTranslation();
  const { store } = useField();
  const record = useRecord();
  const [, navigate] = useLocation();
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const { boxRef, focusErrors } = useErrorFocus();
  const { caseId, kaart } = context;
  const draftKey = helpDraftKey(caseId);
  const { draft, change, stopSaving } = useDraft(draftKey, initial);

  const { gemeente, region, arrangement } = regionOf(kaart, draft.gemeenteId);
  const products = productsIn(kaart, region?.id);
  const free = draft.productCode === FREE || (products.length === 0 && draft.productCode === '');
  const product = products.find((p) => p.code === draft.productCode);
  const providers = product ? providersFor(kaart, region?.id, product) : [];
  const corrected = draft.gemeenteId !== context.woonplaatsId;
  const dueDays = context.helpDueDate ? daysBetween(dutchToday(new Date()), context.helpDueDate) : null;
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FormErrors = {};
    if (!context.rulingDate) problems.form = t('help.errors.noMeasure');
    if (!free && !product) problems.product = t('help.errors.product');
    if (free && !draft.freeDescription.trim()) problems.freeDescription = t('help.errors.freeDescription');
    if (!draft.need.trim()) problems.need = t('help.errors.need');
    if (draft.urgency !== 'regulier' && !draft.urgencyReason.trim())
      problems.urgencyReason = t('help.errors.urgencyReason');
    if (corrected && !draft.gemeenteNote.trim()) problems.gemeenteNote = t('help.errors.gemeenteNote');
    // Past a limit: refused with the counter's words, never cut.
    const texts = {
      freeDescription: [free ? draft.freeDescription.trim() : '', HELP_LIMITS.productName],
      need: [draft.need.trim(), HELP_LIMITS.need],
      urgencyReason: [draft.urgencyReason.trim(), HELP_LIMITS.urgencyReason],
      gemeenteNote: [corrected ? draft.gemeenteNote.trim() : '', HELP_LIMITS.gemeenteNote],
      familyViews: [draft.familyViews.trim(), HELP_LIMITS.familyViews],
    } as const;
    for (const [field, [value, max]] of Object.entries(texts))
      if (isTooLong(value, max)) problems[field] ??= tooLongMessage(t, value, max);
    const args = {
      id: crypto.randomUUID(),
      caseId,
      productCategory: free ? draft.freeCategory : (product?.category ?? ''),
      productCode: free ? '' : (product?.code ?? ''),
      productName: free ? draft.freeDescription.trim() : (product?.name ?? ''),
      goalIds: draft.goalIds.filter((id) => context.goals.some((g) => g.id === id)),
      need: draft.need.trim(),
      urgency: draft.urgency,
      urgencyReason: draft.urgencyReason.trim(),
      preferredAanbiederIds: draft.preferredAanbiederIds.filter((id) => providers.some((p) => p.id === id)),
      gemeenteId: draft.gemeenteId,
      gemeenteNote: corrected ? draft.gemeenteNote.trim() : '',
      consent: draft.consent,
      familyViews: draft.familyViews.trim(),
      requestedAt: new Date().toISOString(),
    };
    const parsed = requestHelpArgs.safeParse(args);
    if (Object.keys(problems).length === 0 && !parsed.success) problems.form = t('help.errors.invalid');
    setErrors(problems);
    if (Object.keys(problems).length || !parsed.success) {
      // The summary at the top takes the focus: in view and read out, with links to the fields.
      focusErrors();
      return;
    }
    setBusy(true);
    stopSaving();
    try {
      await record('requestHelp', parsed.data, { draftKey });
      navigate(`/dossier/${caseId}/hulp/${args.id}`, { replace: true });
    } catch {
      await saveDraft(store, draftKey, draft).catch(() => undefined);
      setErrors({ form: t('errors.saveFailed') });
      focusErrors();
      setBusy(false);
    }
  };

  return (
    <section className="screen" aria-labelledby="help-title">
      <Link href={`/dossier/${caseId}`} className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="help-title">{t('help.title', { name: context.childName })}</h1>
        {context.helpStartedOn ? (
          <p className="muted" data-testid="help-due">
            {t('help.normMet', { date: formatDay(context.helpStartedOn) })}
          </p>
        ) : (
          context.helpDueDate &&
          dueDays !== null && (
            <p className={dueDays < 0 ? 'text-late' : 'muted'} data-testid="help-due">
              {t('help.dueLine', { date: formatDay(context.helpDueDate) })} ·{' '}
              {dueDays < 0 ? t('help.daysOver', { count: -dueDays }) : t('help.daysLeft', { count: dueDays })}
            </p>
          )
        )}
      </div>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorSummary prefix={P} errors={errors} boxRef={boxRef} />
        <label htmlFor="help-gemeente">{t('help.fields.gemeente')}</label>
        <select
          id="help-gemeente"
          value={draft.gemeenteId}
          onChange={(e) => change({ gemeenteId: e.target.value, productCode: '', preferredAanbiederIds: [] })}
        >
          {kaart.gemeenten.length === 0 && <option value={draft.gemeenteId}>{t('help.woonplaats')}</option>}
          {kaart.gemeenten.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
              {g.id === context.woonplaatsId ? ` (${t('help.woonplaats')})` : ''}
            </option>
          ))}
        </select>
        <ArrangementLine gemeente={gemeente?.name} region={region?.name} arrangement={arrangement} />
        {corrected && (
          <>
            <label htmlFor="help-gemeenteNote">{t('help.fields.gemeenteNote')}</label>
            <input
              value={draft.gemeenteNote}
              onChange={(e) => change({ gemeenteNote: e.target.value })}
              {...limited('gemeenteNote', errors)}
            />
            <CharCounter
              fieldId="help-gemeenteNote"
              value={draft.gemeenteNote}
              max={HELP_LIMITS.gemeenteNote}
            />
            <FieldMessage prefix={P} field="gemeenteNote" errors={errors} />
          </>
        )}

        <label htmlFor="help-product">{t('help.fields.product')}</label>
        {!context.kaartOnDevice && <p className="muted small">{t('help.noKaart')}</p>}
        <select
          value={free ? FREE : draft.productCode}
          onChange={(e) => change({ productCode: e.target.value, preferredAanbiederIds: [] })}
          {...describedBy(P, 'product', errors)}
        >
          {products.length > 0 && <option value="">{t('help.chooseProduct')}</option>}
          {Object.entries(PRODUCT_CATEGORIES).map(([category, label]) => {
            const inCategory = products.filter((p) => p.category === category);
            return inCategory.length ? (
              <optgroup key={category} label={`${category} ${label}`}>
                {inCategory.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name} ({p.code})
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
          <option value={FREE}>{t('help.freeOption')}</option>
        </select>
        <FieldMessage prefix={P} field="product" errors={errors} />
        {free && (
          <>
            <label htmlFor="help-freeDescription">{t('help.fields.freeDescription')}</label>
            <input
              value={draft.freeDescription}
              onChange={(e) => change({ freeDescription: e.target.value })}
              {...limited('freeDescription', errors)}
            />
            <CharCounter
              fieldId="help-freeDescription"
              value={draft.freeDescription}
              max={HELP_LIMITS.productName}
            />
            <FieldMessage prefix={P} field="freeDescription" errors={errors} />
            <label htmlFor="help-free-category">{t('help.fields.category')}</label>
            <select
              id="help-free-category"
              value={draft.freeCategory}
              onChange={(e) => change({ freeCategory: e.target.value })}
            >
              <option value="">{t('help.categoryUnknown')}</option>
              {Object.entries(PRODUCT_CATEGORIES).map(([code, label]) => (
                <option key={code} value={code}>
                  {code} {label}
                </option>
              ))}
            </select>
          </>
        )}

        {providers.length > 0 && (
          <fieldset className="checks">
            <legend>{t('help.fields.preferred')}</legend>
            {providers.map((a) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.preferredAanbiederIds.includes(a.id)}
                  onChange={() =>
                    change({ preferredAanbiederIds: toggle(draft.preferredAanbiederIds, a.id) })
                  }
                />
                <span>
                  {a.name}{' '}
                  <span className="muted small">· {t('help.waitWeeks', { count: a.waitWeeks })}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}

        {context.goals.length > 0 && (
          <fieldset className="checks">
            <legend>{t('help.fields.goals')}</legend>
            {context.goals.map((g) => (
              <label key={g.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.goalIds.includes(g.id)}
                  onChange={() => change({ goalIds: toggle(draft.goalIds, g.id) })}
                />
                <span>{g.goal}</span>
              </label>
            ))}
          </fieldset>
        )}

        <label htmlFor="help-need">{t('help.fields.need')}</label>
        <textarea
          rows={4}
          value={draft.need}
          onChange={(e) => change({ need: e.target.value })}
          {...limited('need', errors)}
        />
        <CharCounter fieldId="help-need" value={draft.need} max={HELP_LIMITS.need} />
        <FieldMessage prefix={P} field="need" errors={errors} />

        <fieldset className="chips">
          <legend>{t('help.fields.urgency')}</legend>
          {URGENCIES.map((u) => (
            <label key={u} className="chip">
              <input
                type="radio"
                name="urgency"
                value={u}
                checked={draft.urgency === u}
                onChange={() => change({ urgency: u })}
              />
              <span>{t(`help.urgency.${u}`)}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="help-urgencyReason">
          {draft.urgency === 'regulier'
            ? t('help.fields.urgencyReasonOptional')
            : t('help.fields.urgencyReason')}
        </label>
        <textarea
          rows={2}
          value={draft.urgencyReason}
          onChange={(e) => change({ urgencyReason: e.target.value })}
          {...limited('urgencyReason', errors)}
        />
        <CharCounter
          fieldId="help-urgencyReason"
          value={draft.urgencyReason}
          max={HELP_LIMITS.urgencyReason}
        />
        <FieldMessage prefix={P} field="urgencyReason" errors={errors} />

        <label htmlFor="help-consent">{t('help.fields.consent')}</label>
        <select
          id="help-consent"
          value={draft.consent}
          onChange={(e) => change({ consent: e.target.value as Consent })}
        >
          {CONSENT_KINDS.map((c) => (
            <option key={c} value={c}>
              {t(`help.consent.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor="help-familyViews">{t('help.fields.familyViews')}</label>
        <textarea
          rows={3}
          value={draft.familyViews}
          onChange={(e) => change({ familyViews: e.target.value })}
          {...limited('familyViews', errors)}
        />
        <CharCounter fieldId="help-familyViews" value={draft.familyViews} max={HELP_LIMITS.familyViews} />
        <FieldMessage prefix={P} field="familyViews" errors={errors} />
        <p className="muted small">{t('help.offlineHint')}</p>
        <button type="submit" className="button button-primary sticky-action" disabled={busy}>
          {busy ? t('contact.saving') : t('help.submit')}
        </button>
      </form>
    </section>
  );
}
