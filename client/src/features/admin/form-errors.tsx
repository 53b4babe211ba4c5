/**
 * The kaart's forms keep their problems as keys (so the server's answer and
 * the check here share one wording); this words them and hands them to the
 * app's one error pattern (components/form-errors).
 */
import './texts';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describedBy as describedByField,
  ErrorSummary as FormErrorSummary,
  type FormErrors,
  FieldMessage as FormFieldMessage,
} from '../../components/form-errors';
import type { FieldError, FieldErrors } from './kaart-model';

export { fieldId } from '../../components/form-errors';

function useWorded(errors: FieldErrors): FormErrors {
  const { t } = useTranslation();
  const text = (e: FieldError) => t(`kaart.errors.${e.key}`, { n: e.n ?? 0, message: e.message ?? '' });
  return Object.fromEntries(Object.entries(errors).map(([field, e]) => [field, text(e)]));
}

export const describedBy = (prefix: string, field: string, errors: FieldErrors, hint = false) =>
  describedByField(prefix, field, errors, hint);

export function FieldMessage({
  prefix,
  field,
  errors,
}: {
  prefix: string;
  field: string;
  errors: FieldErrors;
}) {
  return <FormFieldMessage prefix={prefix} field={field} errors={useWorded(errors)} />;
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
  // In the summary a product's problem says which product it is about.
  const label = (field: string) => {
    const row = /^products\.(\d+)\./.exec(field)?.[1];
    return row === undefined ? '' : `${t('kaart.form.product', { n: Number(row) + 1 })}: `;
  };
  return <FormErrorSummary prefix={prefix} errors={useWorded(errors)} boxRef={boxRef} label={label} />;
}
