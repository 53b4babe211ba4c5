/** The beheerder's landing. Configuration screens (sociale kaart, regions) come with the referral work. */
import { useTranslation } from 'react-i18next';

export default function AdminScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="admin-title">
      <div className="screen-head">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <p className="muted">{t('admin.intro')}</p>
      </div>
    </section>
  );
}
