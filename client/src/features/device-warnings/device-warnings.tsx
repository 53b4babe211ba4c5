/**
 * Warnings about the phone itself, above the field screens: its clock is off
 * from the server's (the last pull's server time), the server flagged a time
 * from this device as implausible, or its storage is nearly full. Loaded
 * lazily with its texts (./texts.ts): rare news, off the field path.
 * Also the texts for a failed local write (storage full) and for a wiped
 * database, so the screens that need them load them only when it happens.
 */
import { useTranslation } from 'react-i18next';
import { clockLooksWrong } from '../../../../shared/rules/device-time';
import { ATTACHMENT_LIMITS } from '../../../../shared/schemas/attachment';
import { LOCAL_KEY, useField, useLocalQuery, useSyncStatus } from '../../app/field-context';
import { queryClient } from '../../app/trpc';
import './texts';
import { i18n } from '../../i18n';
import { attachmentStorageBytes } from '../../local/attachments';
import { StorageEvictedError, StorageFullError } from '../../local/storage-errors';
import type { LocalStore } from '../../local/store';

/** Above this share of the quota, the phone warns. */
export const STORAGE_WARN_RATIO = 0.8;

/** The used share of the site's storage quota, or null when the browser does not tell. */
export async function storageUse(): Promise<number | null> {
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  if (!estimate?.quota || estimate.usage === undefined) return null;
  return estimate.usage / estimate.quota;
}

/** The Dutch text for a storage error of a local write or a sync; null for any other error. */
export function storageProblemText(error: unknown, during: 'save' | 'sync' = 'save'): string | null {
  if (error instanceof StorageFullError)
    return i18n.t(during === 'save' ? 'device.storageFull' : 'device.storageFullSync');
  if (error instanceof StorageEvictedError) return i18n.t('device.evicted');
  return null;
}

/** "2 dagen", "1 uur", "12 minuten". */
function amount(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return i18n.t('device.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return i18n.t('device.hours', { count: hours });
  return i18n.t('device.days', { count: Math.round(hours / 24) });
}

export function clockWarningText(skewMs: number | null | undefined): string | null {
  if (!clockLooksWrong(skewMs)) return null;
  const skew = skewMs as number;
  return i18n.t('device.clockWrong', {
    amount: amount(skew),
    direction: i18n.t(skew > 0 ? 'device.clockAhead' : 'device.clockBehind'),
  });
}

async function loadWarnings(store: LocalStore) {
  const [skew, flag, use, attachments] = await Promise.all([
    store.db.getMeta('clockSkewMs'),
    store.db.getMeta('timeFlag'),
    storageUse(),
    attachmentStorageBytes(store),
  ]);
  return { clock: clockWarningText(skew), flag: flag ?? null, use, attachments };
}

export default function DeviceWarnings() {
  const { t } = useTranslation();
  const { store } = useField();
  const { lastSyncedAt } = useSyncStatus();
  const warnings = useLocalQuery(['device-warnings', lastSyncedAt], loadWarnings);
  const w = warnings.data;
  if (!w || (!w.clock && !w.flag && (w.use ?? 0) <= STORAGE_WARN_RATIO)) return null;
  const dismissFlag = async () => {
    await store.db.meta.delete('timeFlag');
    await queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'device-warnings'] });
  };
  return (
    <section className="notices" role="status" data-testid="device-warnings">
      {w.clock && <p>{w.clock}</p>}
      {w.flag && (
        <p>
          {t('device.timeFlagged', { note: w.flag })}{' '}
          <button type="button" className="button button-quiet" onClick={() => void dismissFlag()}>
            {t('device.understood')}
          </button>
        </p>
      )}
      {w.use !== null && w.use > STORAGE_WARN_RATIO && (
        <p>
          {t('device.storageAlmostFull', { percent: Math.round(w.use * 100) })}
          {/* Photos are what fills a phone: say how much of it they are, and that old ones leave. */}
          {w.attachments > 0 && (
            <>
              {' '}
              {t('device.storageAttachments', {
                mb: (w.attachments / (1024 * 1024)).toFixed(1),
                days: ATTACHMENT_LIMITS.keepOnPhoneDays,
              })}
            </>
          )}
        </p>
      )}
    </section>
  );
}

/** On the PIN setup after a wipe by the browser: what happened and what comes back. */
export function EvictedNotice() {
  return (
    <p className="error-box" role="alert" data-testid="evicted-notice">
      {i18n.t('device.evicted')}
    </p>
  );
}
