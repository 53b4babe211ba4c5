/**
 * Tells the user a new version is ready and lets them choose the moment: never a silent reload.
 * The reload that activates it waits until no change waits for the server (the outbox is empty, after
 * a sync when needed): "Bijwerken na synchronisatie". Only when the server refuses this version of the
 * app ("Nieuwe versie nodig: werk de app bij") does the update go ahead with changes waiting: this
 * version cannot push them, and they go along in IndexedDB, which an update leaves alone; the new
 * version reads the same outbox rows and pushes them. Also says when the server is behind.
 */

import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { device } from '../local/device';
import { updateGate } from '../sync/update-gate';

/** Changes on this device not yet accepted by the server (also while locked: the count is in the clear). */
const pendingOnDevice = () =>
  device.db.outbox
    .where('status')
    .equals('pending')
    .count()
    .catch(() => 0);

export function PwaUpdatePrompt() {
  const { t } = useTranslation();
  const registration = useRef<ServiceWorkerRegistration | undefined>(undefined);
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, r) => {
      registration.current = r;
    },
  });
  const gate = useSyncExternalStore(updateGate.subscribe, updateGate.get);
  const [wanted, setWanted] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const updateRequired = gate.versionSkew === 'update-required';

  // The server no longer serves this version: look for the new one at once.
  useEffect(() => {
    if (updateRequired) void registration.current?.update().catch(() => {});
  }, [updateRequired]);

  // After "Vernieuwen": reload once nothing waits for the server; decide again after every sync.
  useEffect(() => {
    if (!wanted || !needRefresh) return;
    // The runner's count is current after every sync; without a runner (locked), count on the device.
    if (gate.active && gate.pending > 0 && !updateRequired) {
      setWaiting(true);
      return;
    }
    let live = true;
    void pendingOnDevice().then((pending) => {
      if (!live) return;
      if (pending === 0 || updateRequired) void updateServiceWorker(true);
      else setWaiting(true);
    });
    return () => {
      live = false;
    };
  }, [wanted, needRefresh, updateRequired, gate.active, gate.pending, updateServiceWorker]);

  if (!needRefresh && !gate.versionSkew) return null;
  const text = waiting
    ? t('app.updateAfterSync')
    : updateRequired
      ? t('app.updateRequired')
      : gate.versionSkew === 'server-behind'
        ? t('app.serverBehind')
        : t('app.updateAvailable');
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>{text}</span>
      {needRefresh && !waiting && (
        <button
          type="button"
          className="button"
          onClick={() => {
            setWanted(true);
            void updateGate.syncNow();
          }}
        >
          {t('app.updateNow')}
        </button>
      )}
    </div>
  );
}
