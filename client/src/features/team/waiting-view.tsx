/** Placeholder: filled in by the waiting work of issue 5. */
import '../../i18n/office';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';

export function WaitingView() {
  const { t } = useTranslation();
  return <Screen id="waiting" title={t('team.nav.waiting')} />;
}
