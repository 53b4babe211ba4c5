/**
 * Attachments as thumbnails; a tap opens the whole photo (or hands the PDF to the phone's viewer)
 * from the decrypted bytes, through an object URL that is revoked when done. An attachment whose
 * bytes left the phone (or came with the pull, metadata only) is fetched on demand when online.
 */
import './texts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useField } from '../../app/field-context';
import { type AttachmentView, attachmentBytes } from '../../local/attachments';

/** An object URL for bytes, revoked when the component goes or the bytes change. */
function useObjectUrl(bytes: Uint8Array<ArrayBuffer> | null, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return;
    const made = URL.createObjectURL(new Blob([bytes], { type }));
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [bytes, type]);
  return url;
}

export function AttachmentThumb({ view }: { view: Pick<AttachmentView, 'thumb' | 'kind' | 'fileName'> }) {
  const { t } = useTranslation();
  const url = useObjectUrl(view.thumb, 'image/jpeg');
  if (url) return <img className="attachment-thumb" src={url} alt="" data-testid="attachment-thumb" />;
  return (
    <span className="attachment-thumb attachment-doc" aria-hidden="true">
      {view.kind === 'document' ? t('attachments.document') : t('attachments.photo')}
    </span>
  );
}

/** The file's bytes: from the phone, or from the server (online only). */
async function fetchBytes(
  store: ReturnType<typeof useField>['store'],
  view: AttachmentView,
): Promise<Uint8Array<ArrayBuffer> | 'offline' | 'failed'> {
  const local = view.onPhone ? await attachmentBytes(store, view.id) : null;
  if (local) return local;
  if (!navigator.onLine) return 'offline';
  try {
    // A photo is viewed, a PDF downloaded: the access log tells them apart.
    const query = view.kind === 'foto' ? '?weergave=bekijken' : '';
    const response = await fetch(`/api/bijlagen/${encodeURIComponent(view.id)}${query}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) return 'failed';
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return navigator.onLine ? 'failed' : 'offline';
  }
}

export function AttachmentList({ items, testId }: { items: AttachmentView[]; testId?: string }) {
  const { t } = useTranslation();
  const { store } = useField();
  const [open, setOpen] = useState<{ view: AttachmentView; url: string } | null>(null);
  const [note, setNote] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (open) dialog.current?.showModal();
  }, [open]);

  const close = () => {
    dialog.current?.close();
    if (open) URL.revokeObjectURL(open.url);
    setOpen(null);
  };

  const show = async (view: AttachmentView) => {
    setNote(null);
    setBusy(view.id);
    const bytes = await fetchBytes(store, view);
    setBusy(null);
    if (bytes === 'offline' || bytes === 'failed') {
      setNote({
        id: view.id,
        text: t(bytes === 'offline' ? 'attachments.offline' : 'attachments.downloadFailed'),
      });
      return;
    }
    const url = URL.createObjectURL(new Blob([bytes], { type: view.mime }));
    if (view.kind === 'foto') {
      setOpen({ view, url });
      return;
    }
    // A PDF goes to the phone's own viewer, as a download: never shown inside the app.
    const link = document.createElement('a');
    link.href = url;
    link.download = view.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  if (!items.length) return null;
  return (
    <>
      <ul className="attachment-list" data-testid={testId}>
        {items.map((view) => (
          <li key={view.id} className="attachment-item" data-state={view.state}>
            <button
              type="button"
              className="attachment-open"
              onClick={() => void show(view)}
              aria-label={t('attachments.openLabel', { name: view.fileName })}
              aria-busy={busy === view.id || undefined}
            >
              <AttachmentThumb view={view} />
              <span className="attachment-name">{view.fileName}</span>
            </button>
            {view.state === 'pending' && <span className="tag tag-warn">{t('attachments.notYetSent')}</span>}
            {view.state === 'refused' && <span className="tag tag-late">{t('attachments.refused')}</span>}
            {note?.id === view.id && (
              <p className="field-error" role="alert">
                {note.text}
              </p>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <dialog
          ref={dialog}
          className="dialog attachment-viewer"
          aria-label={open.view.fileName}
          onClose={() => {
            URL.revokeObjectURL(open.url);
            setOpen(null);
          }}
        >
          <img src={open.url} alt={open.view.fileName} data-testid="attachment-full" />
          <div className="actions">
            <button type="button" className="button" onClick={close}>
              {t('attachments.close')}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
