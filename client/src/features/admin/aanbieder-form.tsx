/**
 * Adding or changing a provider on the sociale kaart: name, AGB code, the
 * products (JZ020 category, code, name), the regions that contract it, the
 * expected wait, how to register, active. Checked with the server's own
 * schema before it is sent; problems show next to their field and in a
 * summary that takes the focus. `onSave` gets exactly the checked input.
 * A save on an old version (someone else changed the provider meanwhile) is
 * refused by the server with the current provider: the form then shows the
 * user's version beside it, field by field, and lets them take the current
 * one or save theirs over it knowingly.
 */
import './texts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AanbiederInput } from '../../../../shared/schemas/referral-desk';
import { KAART_LIMITS } from '../../../../shared/schemas/referral-desk';
import { CharCounter, withCounter } from '../../components/char-counter';
import { P, ProductRow, StaleNotice } from './aanbieder-form-parts';
import { describedBy, ErrorSummary, FieldMessage, fieldId } from './form-errors';
import {
  type AanbiederDraft,
  checkAanbieder,
  differences,
  draftOfAanbieder,
  emptyProduct,
  errorsOfSaveFailure,
  type FieldErrors,
  type KaartAanbieder,
  type KaartRegion,
  type ProductDraft,
  type SaveFailure,
} from './kaart-model';

export function AanbiederForm({
  initial,
  isNew,
  regions,
  onSave,
  onCancel,
  failureOf,
}: {
  initial: AanbiederDraft;
  isNew: boolean;
  regions: readonly KaartRegion[];
  onSave: (input: AanbiederInput) => Promise<unknown>;
  onCancel: () => void;
  /** Reads a rejected save (a tRPC error in the app). */
  failureOf: (error: unknown) => SaveFailure;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  /** The refused save on an old version: what the user tried, and the provider as it is now. */
  const [stale, setStale] = useState<{ mine: AanbiederInput; current: KaartAanbieder } | null>(null);
  const [taken, setTaken] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const staleRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);
  // Both versions, once shown, take the focus (after the render that shows them, whenever that comes).
  useEffect(() => {
    if (stale) staleRef.current?.focus();
  }, [stale]);
  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  // After a first save attempt the messages follow the typing, so a fixed field loses its message at once.
  const checked = checkAanbieder(draft);
  const errors: FieldErrors = { ...serverErrors, ...(tried && !checked.ok ? checked.errors : {}) };

  const change = (patch: Partial<AanbiederDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors({});
    setTaken(false);
  };
  const changeProduct = (key: string, patch: Partial<ProductDraft>) =>
    change({ products: draft.products.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
  const addProduct = () => {
    const row = emptyProduct();
    change({ products: [...draft.products, row] });
    focusAfterRender.current = fieldId(P, `products.${draft.products.length}.category`);
  };
  const removeProduct = (index: number) => {
    change({ products: draft.products.filter((_, i) => i !== index) });
    // The focus goes to the row that took its place, or to "Product toevoegen".
    focusAfterRender.current =
      index < draft.products.length - 1 ? fieldId(P, `products.${index}.category`) : fieldId(P, 'products');
  };
  const toggleRegion = (id: string) =>
    change({
      regionIds: draft.regionIds.includes(id)
        ? draft.regionIds.filter((r) => r !== id)
        : [...draft.regionIds, id],
    });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!checked.ok) {
      setServerErrors({});
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    await save(checked.input);
  };

  const save = async (input: AanbiederInput) => {
    setBusy(true);
    setStale(null);
    setTaken(false);
    try {
      await onSave(input);
    } catch (error) {
      const failure = failureOf(error);
      if (failure.code === 'CONFLICT' && failure.current) {
        setServerErrors({});
        setStale({ mine: input, current: failure.current });
      } else {
        setServerErrors(errorsOfSaveFailure('aanbieder', failure));
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  /** The current provider goes into the form; the user's own changes are let go. */
  const takeTheirs = () => {
    if (!stale) return;
    setDraft(draftOfAanbieder(stale.current));
    setStale(null);
    setTaken(true);
    requestAnimationFrame(() => titleRef.current?.focus());
  };
  /** The user's version, saved knowingly over the current one (on its version). */
  const keepMine = () => {
    if (!stale) return;
    const baseVersion = stale.current.version;
    setDraft((d) => ({ ...d, baseVersion }));
    void save({ ...stale.mine, baseVersion });
  };
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name ?? id;

  const title = isNew ? t('kaart.form.newTitle') : t('kaart.form.editTitle', { name: initial.name });
  return (
    <form
      className="card form kaart-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="aanbieder-form-title"
    >
      <h2 id="aanbieder-form-title" ref={titleRef} tabIndex={-1}>
        {title}
      </h2>
      <ErrorSummary prefix={P} errors={errors} boxRef={summaryRef} />
      {stale && (
        <StaleNotice
          boxRef={staleRef}
          current={stale.current}
          rows={differences(t, stale.mine, stale.current, regionName)}
          busy={busy}
          onTakeTheirs={takeTheirs}
          onKeepMine={keepMine}
        />
      )}
      {taken && (
        <p className="ok" role="status">
          {t('kaart.stale.taken')}
        </p>
      )}

      <label htmlFor={fieldId(P, 'name')}>{t('kaart.form.name')}</label>
      <input
        {...withCounter(describedBy(P, 'name', errors))}
        value={draft.name}
        autoComplete="off"
        onChange={(e) => change({ name: e.target.value })}
      />
      <CharCounter fieldId={fieldId(P, 'name')} value={draft.name} max={KAART_LIMITS.name} />
      <FieldMessage prefix={P} field="name" errors={errors} />

      <label htmlFor={fieldId(P, 'agbCode')}>{t('kaart.form.agb')}</label>
      <input
        {...describedBy(P, 'agbCode', errors, true)}
        className="input-short"
        value={draft.agbCode}
        inputMode="numeric"
        autoComplete="off"
        onChange={(e) => change({ agbCode: e.target.value })}
      />
      <p className="hint" id={`${fieldId(P, 'agbCode')}-hint`}>
        {t('kaart.form.agbHint')}
      </p>
      <FieldMessage prefix={P} field="agbCode" errors={errors} />

      <fieldset className="kaart-products">
        <legend>{t('kaart.form.products')}</legend>
        {draft.products.map((p, i) => (
          <ProductRow
            key={p.key}
            index={i}
            product={p}
            errors={errors}
            onChange={(patch) => changeProduct(p.key, patch)}
            onRemove={() => removeProduct(i)}
          />
        ))}
        <button
          type="button"
          className="button"
          id={fieldId(P, 'products')}
          aria-describedby={errors.products ? `${fieldId(P, 'products')}-error` : undefined}
          onClick={addProduct}
        >
          + {t('kaart.form.addProduct')}
        </button>
        <FieldMessage prefix={P} field="products" errors={errors} />
      </fieldset>

      <fieldset
        id={fieldId(P, 'regionIds')}
        tabIndex={-1}
        aria-describedby={`${fieldId(P, 'regionIds')}-hint`}
      >
        <legend>{t('kaart.form.regions')}</legend>
        <div className="kaart-checks">
          {regions.map((r) => (
            <label key={r.id} className="check">
              <input
                type="checkbox"
                checked={draft.regionIds.includes(r.id)}
                onChange={() => toggleRegion(r.id)}
              />
              {r.name}
            </label>
          ))}
        </div>
        <p
          className={draft.regionIds.length === 0 ? 'hint hint-warn' : 'visually-hidden'}
          id={`${fieldId(P, 'regionIds')}-hint`}
        >
          {draft.regionIds.length === 0 ? t('kaart.form.noRegionHint') : ''}
        </p>
        <FieldMessage prefix={P} field="regionIds" errors={errors} />
      </fieldset>

      <label htmlFor={fieldId(P, 'waitWeeks')}>{t('kaart.form.waitWeeks')}</label>
      <input
        {...describedBy(P, 'waitWeeks', errors, true)}
        className="input-short"
        value={draft.waitWeeks}
        inputMode="numeric"
        autoComplete="off"
        onChange={(e) => change({ waitWeeks: e.target.value })}
      />
      <p className="hint" id={`${fieldId(P, 'waitWeeks')}-hint`}>
        {t('kaart.form.waitWeeksHint')}
      </p>
      <FieldMessage prefix={P} field="waitWeeks" errors={errors} />

      <label htmlFor={fieldId(P, 'contactRoute')}>{t('kaart.form.contactRoute')}</label>
      <textarea
        {...withCounter(describedBy(P, 'contactRoute', errors, true))}
        rows={2}
        value={draft.contactRoute}
        onChange={(e) => change({ contactRoute: e.target.value })}
      />
      <p className="hint" id={`${fieldId(P, 'contactRoute')}-hint`}>
        {t('kaart.form.contactRouteHint')}
      </p>
      <CharCounter
        fieldId={fieldId(P, 'contactRoute')}
        value={draft.contactRoute}
        max={KAART_LIMITS.contactRoute}
      />
      <FieldMessage prefix={P} field="contactRoute" errors={errors} />

      <label className="check check-strong">
        <input
          type="checkbox"
          checked={draft.active}
          onChange={(e) => change({ active: e.target.checked })}
        />
        {t('kaart.form.active')}
      </label>

      <div className="kaart-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('kaart.form.saving') : t('kaart.form.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
