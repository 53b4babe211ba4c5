/** One norm for one child: its name, deadline and whether it is on time, close or late. */
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../shared/schemas/case';
import { formatDay } from '../i18n';

type NormStatus = CaseSummary['norms']['koers'];

const TONE: Record<NormStatus['state'], string> = {
  voldaan: 'ok',
  'op-tijd': 'ok',
  bijna: 'warn',
  'te-laat': 'late',
  'te-laat-voldaan': 'late',
};

export function NormBadge({ status, compact = false }: { status: NormStatus; compact?: boolean }) {
  const { t } = useTranslation();
  const name = t(`norms.${status.norm}`);
  const state = t(`norms.state.${status.state}`);
  const when =
    status.metOn !== null
      ? `${t('norms.done')} ${t('norms.metOn', { date: formatDay(status.metOn) })}`
      : status.daysLeft < 0
        ? t('norms.daysOver', { count: -status.daysLeft })
        : t('norms.due', { date: formatDay(status.dueDate) });
  return (
    <li className={`norm norm-${TONE[status.state]}`} data-state={status.state}>
      <span className="norm-name">{name}</span>
      <span className="norm-state">{state}</span>
      {!compact && <span className="norm-when">{when}</span>}
    </li>
  );
}
