/**
 * The desk's forms check with the shared schemas the server checks with
 * (shared/schemas/referral-desk.ts), so a refusal reads the same on both
 * sides: each zod issue, from safeParse here or in the server's refusal,
 * becomes the message beside its field (components/form-errors.tsx).
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { refusalText } from '../../app/office';
import type { FormErrors } from '../../components/form-errors';

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** Field → message; `fields` maps an input path ('bridging.provider') to the form's field. The first per field. */
export function errorsOf(issues: readonly Issue[], fields: Record<string, string>): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = fields[issue.path.map(String).join('.')] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A refused save: the server's issues beside their fields, any other refusal at the top of the form. */
export function refusalErrors(error: unknown, t: TFunction, fields: Record<string, string>): FormErrors {
  const issues =
    error instanceof TRPCClientError ? (error.data as { issues?: Issue[] } | undefined)?.issues : undefined;
  return issues?.length ? errorsOf(issues, fields) : { form: refusalText(error, t) };
}
