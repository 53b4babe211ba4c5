/**
 * A child in a caseload list: who, which measure, the three norms at a glance, and what needs
 * attention. The card is a list item whose heading holds the one button (the child's name): the
 * details stay outside the interactive element (a button may hold phrasing content only), and the
 * button's hit area covers the whole card (CSS), so the card stays one thumb-sized target.
 */
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
  /** Held as waarnemer: for whom (by name, when known) and until when. */
  standIn?: { forName: string | null; until: string } | null;
  /** Why a search found it, when the card would not show that by itself. */
  match?: { kind: 'geboren' | 'uitspraak'; date: string } | { kind: 'zaaknummer'; value: string };
}

export function CaseCard({
  summary,
  onOpen,
  heading: Heading = 'h3',
}: {
  summary: CaseCardData;
  onOpen: (caseId: string) => void;
  /** The card's heading level under the list's own heading. */
  heading?: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  // Past its end date with nothing registered: verlopen, never shown as still running.
  const lapsedOn =
    summary.measureEndDate && summary.measureEndDate < dutchToday() ? summary.measureEndDate : null;
  const extensionDue =
    summary.extension && summary.extension.state !== 'niet-nodig' ? summary.extension : null;
  const { standIn, match } = summary;
  return (
    <li
      className="case-card"
      data-case-id={summary.caseId}
      data-unread={summary.unread || undefined}
      data-stand-in={standIn ? true : undefined}
    >
      <div className="case-card-head">
        <Heading className="case-card-title">
          <button type="button" className="case-card-button" onClick={() => onOpen(summary.caseId)}>
            {summary.unread && <span className="dot" aria-hidden="true" />}
            <span className="case-card-name">{summary.jeugdigeName}</span>
          </button>
        </Heading>
        <span className="case-card-age">{t('caseload.age', { count: summary.age })}</span>
      </div>
      {standIn && (
        <p className="case-card-standin" data-testid="stand-in">
          {standIn.forName
            ? t('caseload.standInFor', { name: standIn.forName, date: formatDay(standIn.until) })
            : t('caseload.standInUntil', { date: formatDay(standIn.until) })}
        </p>
      )}
      {(summary.unread || !!summary.refused || !!summary.pending) && (
        <p className="case-card-marks">
          {summary.unread && <span className="pill pill-info">{t('caseload.unread')}</span>}
          {!!summary.refused && (
            <span className="pill pill-late">{t('caseload.refused', { count: summary.refused })}</span>
          )}
          {!!summary.pending && (
            <span className="pill pill-warn">{t('caseload.pending', { count: summary.pending })}</span>
          )}
        </p>
      )}
      <p className="case-card-meta">
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
      </p>
      {match && (
        <p className="case-card-match" data-testid="search-match">
          {match.kind === 'zaaknummer'
            ? t('caseload.match.zaaknummer', { value: match.value })
            : t(`caseload.match.${match.kind}`, { date: formatDay(match.date) })}
        </p>
      )}
      {summary.norms && (
        <ul className="norms" aria-label={t('caseFile.norms')}>
          <NormBadge status={summary.norms.vasteJeugdbeschermer} />
          <NormBadge status={summary.norms.koers} />
          <NormBadge status={summary.norms.passendeHulp} />
        </ul>
      )}
      {lapsedOn ? (
        <p className="case-card-foot text-late" data-testid="case-lapsed">
          {t('caseFile.extension.lapsedShort', { date: formatDay(lapsedOn) })}
        </p>
      ) : extensionDue ? (
        <p className="case-card-foot text-late">
          {t('caseFile.extension.short', { date: formatDay(extensionDue.requestBy) })}
        </p>
      ) : (
        summary.measureEndDate && (
          <p className="case-card-foot muted">
            {t('caseload.measureEnds', { date: formatDay(summary.measureEndDate) })}
          </p>
        )
      )}
    </li>
  );
}
