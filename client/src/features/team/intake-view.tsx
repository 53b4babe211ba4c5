/** Placeholder: filled in by the intake work of issue 5. */
import '../../i18n/office';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';

export function IntakeView() {
  const { t } = useTranslation();
  return <Screen id="intake" title={t('team.nav.intake')} />;
}
