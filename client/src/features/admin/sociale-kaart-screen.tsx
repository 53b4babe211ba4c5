/** The sociale kaart for support staff, at /sociale-kaart beside the referral desk. Lazy-loaded. */
import './texts';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';
import { DeskNav } from '../verwijzing-desk/desk-nav';
import { SocialeKaart } from './sociale-kaart';

export default function SocialeKaartScreen() {
  const { t } = useTranslation();
  return (
    <>
      {/* The support worker's tabs stay on this screen too (the desk's own screens show them). */}
      <DeskNav />
      <Screen id="kaart" title={t('kaart.title')} intro={t('kaart.intro')}>
        <SocialeKaart />
      </Screen>
    </>
  );
}
