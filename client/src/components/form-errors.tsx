/**
 * How every form shows problems: a summary at the top that takes the focus
 * after a refused save and links to each field, and the same message next to
 * the field, tied to it with aria-describedby. Messages arrive already worded
 * in Dutch (`FormErrors`: field → message); the field `form` is a problem of
 * the whole form and is listed without a link.
 */
import { type Ref, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type FormErrors = Record<string, string | undefined>;

/** 'products.0.code' → 'aanbieder-products-0-code' */
export const fieldId = (prefix: string, field: string) => `${prefix}-${field.replaceAll('.', '-')}`;

/** Props that tie an input to its error (and hint): id, aria-invalid and aria-describedby. */
export function describedBy(prefix: string, field: string, errors: Record<string, unknown>, hint = false) {
  const id = fieldId(prefix, field);
  const ids = [errors[field] ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return {
    id,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  } as const;
}

/** The message beside a field (its id is what `describedBy` points at). */
export function FieldMessage({
  prefix,
  field,
  errors,
}: {
  prefix: string;
  field: string;
  errors: FormErrors;
}) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p className="field-error" id={`${fieldId(prefix, field)}-error`}>
      {message}
    </p>
  );
}

/**
 * The summary at the top of a form. `label` may put a part's name before a
 * message ("Product 2: …"); `boxRef` is what `useErrorFocus` focuses.
 */
export function ErrorSummary({
  prefix,
  errors,
  boxRef,
  label,
}: {
  prefix: string;
  errors: FormErrors;
  boxRef: Ref<HTMLDivElement>;
  label?: (field: string) => string;
}) {
  const { t } = useTranslation();
  const list = Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]));
  if (list.length === 0) return null;
  return (
    <div className="error-box error-summary" ref={boxRef} tabIndex={-1} role="alert">
      <p>{t('form.errorSummary', { count: list.length })}</p>
      <ul>
        {list.map(([field, message]) =>
          field === 'form' ? (
            <li key={field}>{message}</li>
          ) : (
            <li key={field}>
              <a
                href={`#${fieldId(prefix, field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(fieldId(prefix, field));
                  target?.scrollIntoView({ block: 'center' });
                  target?.focus();
                }}
              >
                {label?.(field) ?? ''}
                {message}
              </a>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/**
 * The summary's ref and a function to call after a refused save: once the
 * summary is drawn, it is scrolled into view and takes the focus, so the user
 * (and a screen reader) sees at once what to fix.
 */
export function useErrorFocus() {
  const boxRef = useRef<HTMLDivElement>(null);
  const focusErrors = useCallback(() => {
    requestAnimationFrame(() => {
      boxRef.current?.scrollIntoView({ block: 'start' });
      boxRef.current?.focus();
    });
  }, []);
  return { boxRef, focusErrors };
}
