/** The beheerder's landing: the sociale kaart and the regional arrangements. Lazy-loaded. */
import '../../i18n/office';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';
import { SocialeKaart } from './sociale-kaart';

export default function AdminScreen() {
  const { t } = useTranslation();
  return (
    <Screen id="admin" title={t('kaart.title')} intro={t('admin.intro')}>
      <SocialeKaart />
    </Screen>
  );
}
