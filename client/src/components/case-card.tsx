/** A child in a caseload list: who, which measure, the three norms at a glance, and what needs attention. */
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../shared/rules/dates';
import type { CaseNorms } from '../../../shared/rules/norms';
import type { MaatregelType } from '../../../shared/schemas/maatregel';
import { formatDateTime, formatDay } from '../i18n';
import { NormBadge } from './norm-badge';

export interface CaseCardData {
  caseId: string;
  jeugdigeName: string;
  age: number;
  gemeente: string;
  maatregelType: MaatregelType | null;
  measureEndDate: string | null;
  lastContactAt: string | null;
  norms: CaseNorms | null;
  unread?: boolean;
  refused?: number;
  pending?: number;
  extension?: { state: string; requestBy: string } | null;
  nextContactOn?: string | null;
}

export function CaseCard({ summary, onOpen }: { summary: CaseCardData; onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  // Past its end date with nothing registered: verlopen, never shown as still running.
  const lapsedOn =
    summary.measureEndDate && summary.measureEndDate < dutchToday() ? summary.measureEndDate : null;
  const extensionDue =
    summary.extension && summary.extension.state !== 'niet-nodig' ? summary.extension : null;
  return (
    <li className="case-card" data-case-id={summary.caseId} data-unread={summary.unread || undefined}>
      <button type="button" className="case-card-button" onClick={() => onOpen(summary.caseId)}>
        <span className="case-card-head">
          <span className="case-card-name">
            {summary.unread && <span className="dot" title={t('caseload.unread')} aria-hidden="true" />}
            {summary.jeugdigeName}
          </span>
          <span className="case-card-age">{t('caseload.age', { count: summary.age })}</span>
        </span>
        {(summary.unread || !!summary.refused || !!summary.pending) && (
          <span className="case-card-marks">
            {summary.unread && <span className="pill pill-info">{t('caseload.unread')}</span>}
            {!!summary.refused && (
              <span className="pill pill-late">{t('caseload.refused', { count: summary.refused })}</span>
            )}
            {!!summary.pending && (
              <span className="pill pill-warn">{t('caseload.pending', { count: summary.pending })}</span>
            )}
          </span>
        )}
        <span className="case-card-meta">
          {summary.maatregelType && <span className="tag">{t(`maatregel.${summary.maatregelType}`)}</span>}{' '}
          {summary.gemeente}
          {' · '}
          {summary.lastContactAt
            ? t('caseload.lastContact', { date: formatDateTime(summary.lastContactAt) })
            : t('caseload.noContact')}
          {summary.nextContactOn && (
            <>
              {' · '}
              <span className={summary.nextContactOn < dutchToday() ? 'text-late' : undefined}>
                {t('caseload.nextContact', { date: formatDay(summary.nextContactOn) })}
              </span>
            </>
          )}
        </span>
        {summary.norms && (
          <ul className="norms" aria-label={t('caseFile.norms')}>
            <NormBadge status={summary.norms.vasteJeugdbeschermer} />
            <NormBadge status={summary.norms.koers} />
            <NormBadge status={summary.norms.passendeHulp} />
          </ul>
        )}
        {lapsedOn ? (
          <span className="case-card-foot text-late" data-testid="case-lapsed">
            {t('caseFile.extension.lapsedShort', { date: formatDay(lapsedOn) })}
          </span>
        ) : extensionDue ? (
          <span className="case-card-foot text-late">
            {t('caseFile.extension.short', { date: formatDay(extensionDue.requestBy) })}
          </span>
        ) : (
          summary.measureEndDate && (
            <span className="case-card-foot muted">
              {t('caseload.measureEnds', { date: formatDay(summary.measureEndDate) })}
            </span>
          )
        )}
      </button>
    </li>
  );
}
