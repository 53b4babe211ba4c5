/**
 * The sync state, always in the top bar: "Alles gesynchroniseerd", "Nog niet
 * gesynchroniseerd (n)", "Offline", "Synchroniseren…", or what needs doing.
 * It opens the outbox (wachtrij).
 */
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../sync/runner';

export function syncLabel(status: SyncStatus, t: (key: string, o?: Record<string, unknown>) => string) {
  const waiting = status.pending + status.refused;
  switch (status.phase) {
    case 'syncing':
      // Its text came with the attachments' upload code (features/attachments/texts.ts).
      if (status.upload) return { tone: 'busy', text: t('attachments.uploading', { ...status.upload }) };
      return { tone: 'busy', text: t('sync.syncing') };
    case 'offline':
      return {
        tone: 'warn',
        text: waiting ? t('sync.offlineWaiting', { count: waiting }) : t('sync.offline'),
      };
    case 'needs-login':
      return { tone: 'warn', text: t('sync.needsLogin') };
    case 'error':
      return { tone: 'late', text: t('sync.failed') };
    default:
      if (status.refused) return { tone: 'late', text: t('sync.refused', { count: status.refused }) };
      if (status.pending) return { tone: 'warn', text: t('sync.pending', { count: status.pending }) };
      // Never synced on this device yet: nothing to call "all synced".
      if (status.lastSyncedAt === null) return { tone: 'warn', text: t('sync.never') };
      return { tone: 'ok', text: t('sync.allDone') };
  }
}

export function SyncBadge({ status, onOpen }: { status: SyncStatus; onOpen: () => void }) {
  const { t } = useTranslation();
  const { tone, text } = syncLabel(status, t as never);
  return (
    <button
      type="button"
      className={`badge badge-${tone} badge-button`}
      onClick={onOpen}
      data-testid="sync-status"
      data-phase={status.phase}
      data-synced-at={status.lastSyncedAt ?? undefined}
    >
      <span role="status" aria-live="polite">
        {text}
      </span>
    </button>
  );
}
