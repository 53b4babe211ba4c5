/**
 * Hulp aanvragen, on the phone and offline: what help (from the sociale kaart
 * on the device, or a free description), which koers goals it serves, why,
 * how urgent and why, preferred providers, the family's consent and views.
 * The gemeente follows from the child's woonplaats and can be corrected; the
 * region's arrangement is shown. "Hulp uiterlijk" follows from the ruling.
 * Saved, it is an intent in the outbox; at sync it is a request at the desk.
 */
import './texts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { daysBetween, dutchToday } from '../../../../shared/rules/dates';
import { requestHelpArgs } from '../../../../shared/schemas/mutations';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { CONSENT_KINDS, type Consent, URGENCIES, type Urgency } from '../../../../shared/schemas/verwijzing';
import { useField, useLocalQuery, useRecord } from '../../app/field-context';
import { useDraft } from '../../app/use-draft';
import { ArrangementLine } from '../../components/arrangement-line';
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
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const errorList = useRef<HTMLUListElement>(null);
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
    const problems: string[] = [];
    if (!context.rulingDate) problems.push(t('help.errors.noMeasure'));
    if (!free && !product) problems.push(t('help.errors.product'));
    if (free && !draft.freeDescription.trim()) problems.push(t('help.errors.freeDescription'));
    if (!draft.need.trim()) problems.push(t('help.errors.need'));
    if (draft.urgency !== 'regulier' && !draft.urgencyReason.trim())
      problems.push(t('help.errors.urgencyReason'));
    if (corrected && !draft.gemeenteNote.trim()) problems.push(t('help.errors.gemeenteNote'));
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
    if (problems.length === 0 && !parsed.success) problems.push(t('help.errors.invalid'));
    setErrors(problems);
    if (problems.length || !parsed.success) {
      // The messages sit above the sticky button: bring them into view and to the screen reader.
      requestAnimationFrame(() => errorList.current?.focus());
      return;
    }
    setBusy(true);
    stopSaving();
    try {
      await record('requestHelp', parsed.data, { draftKey });
      navigate(`/dossier/${caseId}/hulp/${args.id}`, { replace: true });
    } catch {
      await saveDraft(store, draftKey, draft).catch(() => undefined);
      setErrors([t('errors.saveFailed')]);
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
            <label htmlFor="help-gemeente-note">{t('help.fields.gemeenteNote')}</label>
            <input
              id="help-gemeente-note"
              value={draft.gemeenteNote}
              maxLength={500}
              onChange={(e) => change({ gemeenteNote: e.target.value })}
            />
          </>
        )}

        <label htmlFor="help-product">{t('help.fields.product')}</label>
        {!context.kaartOnDevice && <p className="muted small">{t('help.noKaart')}</p>}
        <select
          id="help-product"
          value={free ? FREE : draft.productCode}
          onChange={(e) => change({ productCode: e.target.value, preferredAanbiederIds: [] })}
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
        {free && (
          <>
            <label htmlFor="help-free">{t('help.fields.freeDescription')}</label>
            <input
              id="help-free"
              value={draft.freeDescription}
              maxLength={300}
              onChange={(e) => change({ freeDescription: e.target.value })}
            />
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
          id="help-need"
          rows={4}
          maxLength={4000}
          value={draft.need}
          onChange={(e) => change({ need: e.target.value })}
        />

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
        <label htmlFor="help-urgency-reason">
          {draft.urgency === 'regulier'
            ? t('help.fields.urgencyReasonOptional')
            : t('help.fields.urgencyReason')}
        </label>
        <textarea
          id="help-urgency-reason"
          rows={2}
          maxLength={2000}
          value={draft.urgencyReason}
          onChange={(e) => change({ urgencyReason: e.target.value })}
        />

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
        <label htmlFor="help-views">{t('help.fields.familyViews')}</label>
        <textarea
          id="help-views"
          rows={3}
          maxLength={4000}
          value={draft.familyViews}
          onChange={(e) => change({ familyViews: e.target.value })}
        />
        <p className="muted small">{t('help.offlineHint')}</p>
        {errors.length > 0 && (
          <ul className="error" role="alert" ref={errorList} tabIndex={-1}>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <button type="submit" className="button button-primary sticky-action" disabled={busy}>
          {busy ? t('contact.saving') : t('help.submit')}
        </button>
      </form>
    </section>
  );
}
