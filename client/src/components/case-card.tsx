/** A child in a caseload list: who, which measure, the three norms at a glance. */
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../shared/schemas/case';
import { formatDateTime, formatDay } from '../i18n';
import { NormBadge } from './norm-badge';

export function CaseCard({ summary, onOpen }: { summary: CaseSummary; onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  return (
    <li className="case-card">
      <button type="button" className="case-card-button" onClick={() => onOpen(summary.caseId)}>
        <span className="case-card-head">
          <span className="case-card-name">{summary.jeugdigeName}</span>
          <span className="case-card-age">{t('caseload.age', { count: summary.age })}</span>
        </span>
        <span className="case-card-meta">
          <span className="tag">{t(`maatregel.${summary.maatregelType}`)}</span> {summary.gemeente}
          {' · '}
          {summary.lastContactAt
            ? t('caseload.lastContact', { date: formatDateTime(summary.lastContactAt) })
            : t('caseload.noContact')}
        </span>
        <ul className="norms" aria-label="Normen">
          <NormBadge status={summary.norms.vasteJeugdbeschermer} />
          <NormBadge status={summary.norms.koers} />
          <NormBadge status={summary.norms.passendeHulp} />
        </ul>
        {summary.measureEndDate && (
          <span className="case-card-foot muted">
            {t('caseload.measureEnds', { date: formatDay(summary.measureEndDate) })}
          </span>
        )}
      </button>
    </li>
  );
}
