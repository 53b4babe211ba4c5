/** "Gemeente Delft (Haaglanden): afstemming per e-mail, antwoord binnen 5 werkdagen" — the region's arrangement in one line. */
import '../features/verwijzing/texts';
import { useTranslation } from 'react-i18next';
import type { DeviceKaart } from '../../../shared/schemas/verwijzing';

type Arrangement = DeviceKaart['arrangements'][number];

export function ArrangementLine({
  gemeente,
  region,
  arrangement,
  showContact = true,
  testId = 'arrangement',
}: {
  gemeente: string | undefined;
  region: string | undefined;
  arrangement: Pick<Arrangement, 'consultation' | 'answerWorkdays' | 'contactPoint'> | undefined;
  /** The contact point in the line (the desk lists it separately). */
  showContact?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!gemeente) return null;
  const how = arrangement
    ? [
        t(`help.consultation.${arrangement.consultation}`),
        arrangement.consultation !== 'geen' && arrangement.answerWorkdays > 0
          ? t('help.answerWithin', { count: arrangement.answerWorkdays })
          : '',
      ]
        .filter(Boolean)
        .join(', ')
    : t('help.noArrangement');
  return (
    <p className="arrangement muted small" data-testid={testId}>
      <strong>{t('help.gemeenteLine', { gemeente, region: region ?? '?' })}</strong>: {how}
      {showContact && arrangement?.contactPoint && arrangement.consultation !== 'geen'
        ? ` (${arrangement.contactPoint})`
        : ''}
    </p>
  );
}
