/** Placeholder: filled in by the normsBoard work of issue 5. */
import '../../i18n/office';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';

export function NormsView() {
  const { t } = useTranslation();
  return <Screen id="normsBoard" title={t('team.nav.norms')} />;
}
