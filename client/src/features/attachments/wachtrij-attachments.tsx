/**
 * The attachments in the wachtrij: the ones the server refused after their upload (with the
 * reason's sentence and the thumbnail, until the user removes them, after confirming), and the
 * thumbnail beside an outbox entry that announces one.
 */
import './texts';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_REFUSALS, type AttachmentRefusal } from '../../../../shared/schemas/attachment';
import { useField, useLocalQuery } from '../../app/field-context';
import { formatDateTime } from '../../i18n';
import {
  type AttachmentView,
  attachmentView,
  refusedAttachments,
  removeRefused,
} from '../../local/attachments';
import { AttachmentThumb } from './attachment-list';

export const refusalSentence = (reason: string | null) =>
  reason && reason in ATTACHMENT_REFUSALS ? ATTACHMENT_REFUSALS[reason as AttachmentRefusal] : (reason ?? '');

export function RefusedAttachments({ childOf }: { childOf: (caseId: string) => string | null }) {
  const { t } = useTranslation();
  const refused = useLocalQuery(['attachments', 'refused'], refusedAttachments);
  const items = refused.data ?? [];
  if (!items.length) return null;
  return (
    <>
      <h2>{t('attachments.wachtrijTitle', { count: items.length })}</h2>
      <ul className="plain-list" data-testid="refused-attachments">
        {items.map((view) => (
          <RefusedAttachment key={view.id} view={view} child={childOf(view.caseId)} />
        ))}
      </ul>
    </>
  );
}

function RefusedAttachment({ view, child }: { view: AttachmentView; child: string | null }) {
  const { t } = useTranslation();
  const { store, runner } = useField();
  const confirmRef = useRef<HTMLDialogElement>(null);
  const remove = async () => {
    confirmRef.current?.close();
    await removeRefused(store, view.id);
    runner.afterWrite();
  };
  return (
    <li className="card outbox-item outbox-refused">
      <div className="row-between">
        <strong>{t('attachments.what', { name: view.fileName })}</strong>
        <span className="pill pill-late">{t('attachments.refused')}</span>
      </div>
      <div className="muted small">
        {child ?? t('outbox.caseGone')} · {t('outbox.madeAt', { when: formatDateTime(view.addedAt) })}
      </div>
      <AttachmentThumb view={view} />
      <p className="error">
        {t('outbox.reason')} {refusalSentence(view.reason)}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => confirmRef.current?.showModal()}
        >
          {t('attachments.remove')}
        </button>
      </div>
      <dialog ref={confirmRef} className="dialog" aria-labelledby={`remove-${view.id}`}>
        <h2 id={`remove-${view.id}`}>{t('attachments.removeTitle')}</h2>
        <p>{t('attachments.removeText')}</p>
        <div className="actions">
          <button type="button" className="button button-danger" onClick={() => void remove()}>
            {t('attachments.removeConfirm')}
          </button>
          <button type="button" className="button" onClick={() => confirmRef.current?.close()}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
    </li>
  );
}

/** The thumbnail of the attachment an outbox entry announces (nothing when it is not on the phone). */
export function AnnouncedAttachment({ id }: { id: string }) {
  const view = useLocalQuery(['attachment', id], (s) => attachmentView(s, id));
  return view.data ? <AttachmentThumb view={view.data} /> : null;
}
