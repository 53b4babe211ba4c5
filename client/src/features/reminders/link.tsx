/**
 * The way to Herinneringen from the field app's main screen. Only this small
 * link is on the field path; the screen and the rest of its texts load when
 * opened (texts.ts).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { addTexts } from '../../i18n';

addTexts({ reminders: { link: 'Herinneringen' } });

export function RemindersLink({ onIntent }: { onIntent?: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="field-links">
      <Link href="/herinneringen" onPointerEnter={onIntent} onFocus={onIntent}>
        {t('reminders.link')}
      </Link>
    </p>
  );
}
