/** Support staff's instroom (/instroom), lazily loaded: the intake view with a way back to the desk. */
import './texts';
import '../verwijzing-desk/texts';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { IntakeView } from './intake-view';

export default function IntakeScreen() {
  const { t } = useTranslation();
  return (
    <div className="desk">
      <nav className="desk-nav" aria-label={t('desk.nav.label')}>
        <Link href="/verwijsdesk">{t('desk.nav.queue')}</Link>
        <Link href="/verwijsdesk/rapportages">{t('desk.nav.reports')}</Link>
        <Link href="/instroom" aria-current="page">
          {t('intake.title')}
        </Link>
        <Link href="/sociale-kaart">{t('desk.nav.kaart')}</Link>
      </nav>
      <IntakeView />
    </div>
  );
}
