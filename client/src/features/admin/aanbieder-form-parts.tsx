/**
 * Pieces of the provider form (aanbieder-form.tsx): one product's row (JZ020
 * category, code, name, with their messages), and the notice a save on an old
 * version gets: both versions side by side and the two ways on.
 */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { PRODUCT_LIMITS } from '../../../../shared/schemas/referral-desk';
import { PRODUCT_CATEGORY_CODES } from '../../../../shared/schemas/verwijzing';
import { CharCounter, withCounter } from '../../components/char-counter';
import { TableScroll } from '../../components/table-scroll';
import { formatDateTimeWithYear } from '../../i18n';
import { describedBy, FieldMessage, fieldId } from './form-errors';
import type { differences, FieldErrors, KaartAanbieder, ProductDraft } from './kaart-model';

/** The form's field-id prefix: ids of its fields read `aanbieder-…`, here as in the form. */
export const P = 'aanbieder';

export function ProductRow({
  index,
  product,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  product: ProductDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ProductDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const f = (part: string) => `products.${index}.${part}`;
  return (
    <fieldset className="kaart-product">
      <legend>{t('kaart.form.product', { n: index + 1 })}</legend>
      <div className="kaart-product-fields">
        <div className="kaart-product-category">
          <label htmlFor={fieldId(P, f('category'))}>{t('kaart.form.category')}</label>
          <select
            {...describedBy(P, f('category'), errors)}
            value={product.category}
            onChange={(e) => onChange({ category: e.target.value as ProductDraft['category'] })}
          >
            <option value="">{t('kaart.form.chooseCategory')}</option>
            {PRODUCT_CATEGORY_CODES.map((code) => (
              <option key={code} value={code}>
                {code} · {PRODUCT_CATEGORIES[code]}
              </option>
            ))}
          </select>
          <FieldMessage prefix={P} field={f('category')} errors={errors} />
        </div>
        <div className="kaart-product-code">
          <label htmlFor={fieldId(P, f('code'))}>{t('kaart.form.code')}</label>
          <input
            {...withCounter(describedBy(P, f('code'), errors))}
            value={product.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => onChange({ code: e.target.value })}
          />
          <CharCounter fieldId={fieldId(P, f('code'))} value={product.code} max={PRODUCT_LIMITS.code} />
          <FieldMessage prefix={P} field={f('code')} errors={errors} />
        </div>
        <div className="kaart-product-name">
          <label htmlFor={fieldId(P, f('name'))}>{t('kaart.form.productName')}</label>
          <input
            {...withCounter(describedBy(P, f('name'), errors))}
            value={product.name}
            autoComplete="off"
            onChange={(e) => onChange({ name: e.target.value })}
          />
          <CharCounter fieldId={fieldId(P, f('name'))} value={product.name} max={PRODUCT_LIMITS.name} />
          <FieldMessage prefix={P} field={f('name')} errors={errors} />
        </div>
      </div>
      <button
        type="button"
        className="button button-quiet button-danger kaart-remove"
        aria-label={t('kaart.form.removeProductNamed', { n: index + 1 })}
        onClick={onRemove}
      >
        {t('kaart.form.removeProduct')}
      </button>
    </fieldset>
  );
}

/** Both versions side by side, for the fields that differ, and the two ways on. */
export function StaleNotice({
  boxRef,
  current,
  rows,
  busy,
  onTakeTheirs,
  onKeepMine,
}: {
  boxRef: Ref<HTMLDivElement>;
  current: KaartAanbieder;
  rows: ReturnType<typeof differences>;
  busy: boolean;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  const change = current.lastChange;
  return (
    <div
      className="error-box kaart-stale"
      ref={boxRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby="kaart-stale-title"
    >
      <h3 id="kaart-stale-title" className="kaart-stale-title">
        {t('kaart.stale.title')}
      </h3>
      <p className="kaart-stale-text">
        {change
          ? t('kaart.stale.who', {
              by: change.by,
              organisation: change.organisation,
              date: formatDateTimeWithYear(change.at),
            })
          : t('kaart.stale.whoUnknown')}
      </p>
      {rows.length === 0 ? (
        <p className="kaart-stale-text">{t('kaart.stale.noDifference')}</p>
      ) : (
        <>
          <p className="kaart-stale-text">{t('kaart.stale.compare')}</p>
          <TableScroll label={t('kaart.stale.caption')}>
            <table className="desk-table kaart-compare">
              <caption className="visually-hidden">{t('kaart.stale.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kaart.stale.field')}</th>
                  <th scope="col">{t('kaart.stale.mine')}</th>
                  <th scope="col">{t('kaart.stale.theirs')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.field}>
                    <th scope="row">{t(`kaart.stale.fields.${d.field}`)}</th>
                    <td className="kaart-break">{d.mine}</td>
                    <td className="kaart-break">{d.theirs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <div className="kaart-stale-actions">
        <button
          type="button"
          className="button button-primary kaart-stale-action"
          onClick={onTakeTheirs}
          disabled={busy}
        >
          {t('kaart.stale.takeTheirs')}
        </button>
        <button type="button" className="button kaart-stale-action" onClick={onKeepMine} disabled={busy}>
          {t('kaart.stale.keepMine')}
        </button>
      </div>
    </div>
  );
}
