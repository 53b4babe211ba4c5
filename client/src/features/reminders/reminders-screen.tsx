/** The Herinneringen screen of the field app: the self-contained panel under its heading. */
import './texts';
import { useTranslation } from 'react-i18next';
import { Screen } from '../../components/screen';
import { RemindersPanel } from './reminders-panel';

export function RemindersScreen() {
  const { t } = useTranslation();
  return (
    <Screen id="reminders" title={t('reminders.title')}>
      <RemindersPanel />
    </Screen>
  );
}
