/** The beheerder's landing. Configuration screens (sociale kaart, regions) come with the referral work. */
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';

export default function AdminScreen() {
  const { t } = useTranslation();
  return <Screen id="admin" title={t('admin.title')} intro={t('admin.intro')} />;
}
