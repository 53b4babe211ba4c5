/** Tells the user a new version is ready and lets them choose the moment: never a silent reload. */

import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';

export function PwaUpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update-banner" role="status">
      <span>{t('app.updateAvailable')}</span>
      <button type="button" className="button" onClick={() => void updateServiceWorker(true)}>
        {t('app.updateNow')}
      </button>
    </div>
  );
}
