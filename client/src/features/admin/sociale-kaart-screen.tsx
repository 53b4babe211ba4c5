/** The sociale kaart for support staff, at /sociale-kaart beside the referral desk. Lazy-loaded. */
import './texts';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Screen } from '../../components/screen';
import { SocialeKaart } from './sociale-kaart';

export default function SocialeKaartScreen() {
  const { t } = useTranslation();
  return (
    <>
      <div className="kaart-back">
        <Link href="/" className="back-link">
          ← {t('kaart.backToDesk')}
        </Link>
      </div>
      <Screen id="kaart" title={t('kaart.title')} intro={t('kaart.intro')}>
        <SocialeKaart />
      </Screen>
    </>
  );
}
