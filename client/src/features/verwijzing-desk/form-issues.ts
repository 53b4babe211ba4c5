/**
 * The desk's forms check with the shared schemas the server checks with
 * (shared/schemas/referral-desk.ts), so a refusal reads the same on both
 * sides: each zod issue, from safeParse here or in the server's refusal,
 * becomes the message beside its field (components/form-errors.tsx).
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../app/api-error';
import { type FormErrors, useErrorFocus } from '../../components/form-errors';

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Field → message, the first per field; `fields` maps an input path
 * ('bridging.provider') to the form's field, in the form's order, which the
 * summary follows (a problem of the whole form first).
 */
export function errorsOf(issues: readonly Issue[], fields: Record<string, string>): FormErrors {
  const found = new Map<string, string>();
  for (const issue of issues) {
    const field = fields[issue.path.map(String).join('.')] ?? 'form';
    if (!found.has(field)) found.set(field, issue.message);
  }
  const errors: FormErrors = {};
  for (const field of ['form', ...Object.values(fields)]) {
    if (found.has(field)) errors[field] = found.get(field);
  }
  return errors;
}

/** A refused save: the server's issues beside their fields, any other refusal at the top of the form. */
export function refusalErrors(error: unknown, t: TFunction, fields: Record<string, string>): FormErrors {
  const issues =
    error instanceof TRPCClientError ? (error.data as { issues?: Issue[] } | undefined)?.issues : undefined;
  return issues?.length ? errorsOf(issues, fields) : { form: apiErrorText(error, t) };
}

/**
 * A desk form's problems: check the input with the shared schema before it
 * goes, and put the server's refusal beside its field; either way the summary
 * at the top takes the focus.
 */
export function useFormErrors(fields: Record<string, string>) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>({});
  const { boxRef, focusErrors } = useErrorFocus();
  return {
    errors,
    boxRef,
    clear: () => setErrors({}),
    /** The parsed input, or null after showing why not. */
    check: <T>(
      parsed: { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } },
    ) => {
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      setErrors(errorsOf(parsed.error.issues, fields));
      focusErrors();
      return null;
    },
    refused: (error: unknown) => {
      setErrors(refusalErrors(error, t, fields));
      focusErrors();
    },
  };
}
