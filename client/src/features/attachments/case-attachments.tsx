/**
 * The attachments of one case on the phone: the case file's "Bijlagen" section (add a photo or
 * document to the file itself, see them all) and the thumbnails under a contact. One local read per
 * case serves both (['attachments', caseId]). A lazy chunk: the case file draws without it.
 */
import './texts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useField, useLocalQuery } from '../../app/field-context';
import {
  type AttachmentView,
  listAttachments,
  type PreparedAttachment,
  saveAttachment,
} from '../../local/attachments';
import { device } from '../../local/device';
import { StorageEvictedError } from '../../local/storage-errors';
import type { LocalStore } from '../../local/store';
import { AttachmentList } from './attachment-list';
import { AttachmentPicker } from './attachment-picker';

export { syncAttachments } from '../../sync/attachment-sync';

export const attachmentsQueryKey = (caseId: string) => ['attachments', caseId] as const;

/**
 * This phone's attachments of the case, and those that came with the pull (entity `bijlage`,
 * metadata only: added elsewhere, or whose row here is gone), newest first.
 */
export async function loadCaseAttachments(store: LocalStore, caseId: string): Promise<AttachmentView[]> {
  const [local, pulled] = await Promise.all([listAttachments(store, caseId), store.list('bijlage', caseId)]);
  const here = new Set(local.map((a) => a.id));
  const synced: AttachmentView[] = pulled
    .filter((r) => !here.has(r.id))
    .map(({ data: b }) => ({
      id: b.id,
      caseId: b.caseId,
      contactId: b.contactId,
      fileName: b.fileName,
      mime: b.mime,
      kind: b.kind,
      sha256: '',
      addedAt: b.addedAt,
      bytes: b.bytes,
      state: b.status === 'complete' ? 'uploaded' : b.status === 'refused' ? 'refused' : 'pending',
      reason: b.reason,
      thumb: null,
      onPhone: false,
    }));
  return [...local, ...synced].sort((a, b) => b.addedAt.localeCompare(a.addedAt));
}

export function useCaseAttachments(caseId: string) {
  return useLocalQuery(attachmentsQueryKey(caseId), (s) => loadCaseAttachments(s, caseId));
}

/** Stores an attachment with its outbox entry, then lets the screens read again and syncs shortly. */
export function useSaveAttachment() {
  const { store, runner } = useField();
  return async (caseId: string, contactId: string | null, file: PreparedAttachment) => {
    const id = await saveAttachment(store, { caseId, contactId, file }).catch((error: unknown) => {
      if (error instanceof StorageEvictedError) void device.noticeEvicted();
      throw error;
    });
    runner.afterWrite();
    return id;
  };
}

export function BijlagenSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const attachments = useCaseAttachments(caseId);
  const save = useSaveAttachment();
  const [added, setAdded] = useState<string | null>(null);
  const items = attachments.data ?? [];
  return (
    <section className="bijlagen" aria-labelledby={`bijlagen-${caseId}`} data-testid="bijlagen">
      <h2 id={`bijlagen-${caseId}`}>{t('attachments.title')}</h2>
      <AttachmentPicker
        onPrepared={async (file) => {
          setAdded(null);
          await save(caseId, null, file);
          performance.mark('attach-saved');
          setAdded(t('attachments.addedPending', { name: file.fileName }));
        }}
      />
      <p className="save-status" role="status">
        {added ?? ''}
      </p>
      {attachments.data && items.length === 0 && <p className="muted">{t('attachments.none')}</p>}
      <AttachmentList items={items} testId="bijlagen-list" />
    </section>
  );
}

export function ContactAttachments({ caseId, contactId }: { caseId: string; contactId: string }) {
  const attachments = useCaseAttachments(caseId);
  const items = (attachments.data ?? []).filter((a) => a.contactId === contactId);
  return <AttachmentList items={items} testId="contact-attachments" />;
}
