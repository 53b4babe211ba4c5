/**
 * What the online (office) screens share, whatever their feature: the Dutch
 * text for a server's refusal, and handing the browser a file made here. Never
 * on the field worker's path: only the lazy office chunks import it.
 */
import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { addTexts } from '../i18n';
import { errorCode } from './trpc';

export const officeTexts = {
  office: { invalidInput: 'Controleer de gegevens: iets is te lang of ontbreekt.' },
} as const;

addTexts(officeTexts);

/**
 * What went wrong, in Dutch. The server's refusals (an illegal step, a missing
 * answer, no access) are written for the user and shown as they are; invalid
 * input gets one plain sentence instead of the validator's details.
 */
export function refusalText(error: unknown, t: TFunction): string {
  const code = errorCode(error);
  if (!code) return t('errors.network');
  const issues =
    error instanceof TRPCClientError ? (error.data as { issues?: unknown[] })?.issues : undefined;
  if (issues?.length) return t('office.invalidInput');
  if (code === 'BAD_REQUEST' || code === 'FORBIDDEN') return (error as Error).message;
  return t('errors.generic');
}

/** Hands the browser a file made here (a Blob behind a temporary link); nothing goes through a URL. */
export function downloadFile(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
