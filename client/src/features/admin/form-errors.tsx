/**
 * How the kaart's forms show problems: a summary at the top that takes the
 * focus after a refused save and links to each field, and the same message
 * next to the field, tied to it with aria-describedby.
 */
import './texts';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, FieldErrors } from './kaart-model';

/** 'products.0.code' → 'aanbieder-products-0-code' */
export const fieldId = (prefix: string, field: string) => `${prefix}-${field.replaceAll('.', '-')}`;

export function useErrorText() {
  const { t } = useTranslation();
  return (e: FieldError) => t(`kaart.errors.${e.key}`, { n: e.n ?? 0, message: e.message ?? '' });
}

/** Props that tie an input to its error (and hint): aria-invalid and aria-describedby. */
export function describedBy(prefix: string, field: string, errors: FieldErrors, hint = false) {
  const id = fieldId(prefix, field);
  const ids = [errors[field] ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return {
    id,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  } as const;
}

export function FieldMessage({
  prefix,
  field,
  errors,
}: {
  prefix: string;
  field: string;
  errors: FieldErrors;
}) {
  const text = useErrorText();
  const error = errors[field];
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(prefix, field)}-error`}>
      {text(error)}
    </p>
  );
}

export function ErrorSummary({
  prefix,
  errors,
  boxRef,
}: {
  prefix: string;
  errors: FieldErrors;
  boxRef: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  const list = Object.values(errors);
  if (list.length === 0) return null;
  // In the summary a product's problem says which product it is about.
  const where = (field: string) => {
    const row = /^products\.(\d+)\./.exec(field)?.[1];
    return row === undefined ? '' : `${t('kaart.form.product', { n: Number(row) + 1 })}: `;
  };
  return (
    <div className="error-box error-summary" ref={boxRef} tabIndex={-1} role="alert">
      <p>{t('kaart.form.errorSummary', { count: list.length })}</p>
      <ul>
        {list.map((e) =>
          e.field === 'form' ? (
            <li key={e.field}>{text(e)}</li>
          ) : (
            <li key={e.field}>
              <a
                href={`#${fieldId(prefix, e.field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(fieldId(prefix, e.field))?.focus();
                }}
              >
                {where(e.field)}
                {text(e)}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
