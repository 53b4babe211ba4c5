/** A phone screen for a case this device does not hold (gone at a sync, or an address typed by hand). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function NotOnDevice({ back }: { back: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="screen">
      {back}
      <p className="error-box" role="alert">
        {t('caseFile.notOnDevice')}
      </p>
    </section>
  );
}
