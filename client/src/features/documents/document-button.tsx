/**
 * One button that asks the server for a document (made from the case's need-to-know view, logged
 * as an export), hands the browser the file, and says beside it what happened: downloaded, or why
 * not. Online only: offline it says so instead of failing.
 */
import './texts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DocumentFile } from '../../../../shared/schemas/documents';
import { apiErrorText } from '../../app/api-error';
import { downloadFile } from '../../app/office';
import { useOnline } from '../../app/use-online';

/** Base64 from the server to the file's bytes. */
function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function downloadDocument(file: DocumentFile) {
  downloadFile(file.filename, bytesOf(file.base64), file.mimeType);
}

export function DocumentButton({
  label,
  make,
  testId,
  primary = false,
}: {
  label: string;
  make: () => Promise<DocumentFile>;
  testId?: string;
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const maker = useMutation({ mutationFn: make, onSuccess: downloadDocument });
  return (
    <div className="document-button" data-testid={testId}>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button'}
        disabled={!online || maker.isPending}
        onClick={() => maker.mutate()}
      >
        {maker.isPending ? t('documents.busy') : label}
      </button>
      {!online && <p className="muted small">{t('documents.offline')}</p>}
      {maker.isError && (
        <p className="error small" role="alert">
          {apiErrorText(maker.error, t)}
        </p>
      )}
      {maker.isSuccess && (
        <p className="ok small" role="status">
          {t('documents.done', { filename: maker.data.filename })}
        </p>
      )}
    </div>
  );
}
