/**
 * "Foto of document toevoegen": a file chooser (gallery, files) and a camera choice, offline. The
 * chosen file is made ready on the phone (prepare.ts: a photo scaled and stripped in a worker, a
 * PDF checked by its first bytes); what cannot be kept gets a Dutch message next to the control.
 */
import './texts';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreparedAttachment } from '../../local/attachments';
import { prepareFile } from './prepare';

export function AttachmentPicker({
  onPrepared,
  error,
}: {
  /** Called per file made ready; may fail (a full storage), which is shown here. */
  onPrepared: (file: PreparedAttachment) => Promise<void>;
  /** A problem the parent found (e.g. saving failed). */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error ?? null;

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    // The same photo may be chosen again later.
    input.value = '';
    if (!files.length) return;
    setBusy(true);
    setProblem(null);
    performance.mark('attach-chosen');
    try {
      for (const file of files) {
        const prepared = await prepareFile(file);
        if (!prepared.ok) {
          setProblem(t(`attachments.problems.${prepared.problem}`));
          continue;
        }
        await onPrepared(prepared.file).catch((error: unknown) =>
          setProblem(
            t(
              error instanceof Error && error.name === 'StorageFullError'
                ? 'attachments.problems.storageFull'
                : 'attachments.problems.saveFailed',
            ),
          ),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="attachment-picker">
      <div className="actions">
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept="image/*,application/pdf"
          multiple
          disabled={busy}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => void chosen(e)}
          data-testid="attachment-input"
        />
        <label className="button file-button" htmlFor={`${id}-file`}>
          {t('attachments.add')}
        </label>
        <input
          id={`${id}-camera`}
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void chosen(e)}
        />
        <label className="button file-button" htmlFor={`${id}-camera`}>
          {t('attachments.camera')}
        </label>
      </div>
      <p className="muted small" id={`${id}-hint`}>
        {t('attachments.hint')}
      </p>
      <p className="muted small" role="status">
        {busy ? t('attachments.preparing') : ''}
      </p>
      {shown && (
        <p className="field-error" id={`${id}-error`} role="alert" data-testid="attachment-error">
          {shown}
        </p>
      )}
    </div>
  );
}
