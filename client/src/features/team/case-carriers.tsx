/** Who carries the case, at the top of the team lead's case file: the vaste jeugdbeschermer and any waarnemer. */
import './texts';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n';

export interface CarriedBy {
  vast: { userId: string; name: string; fromDate: string } | null;
  waarnemers: { userId: string; name: string; fromDate: string; untilDate: string | null }[];
}

export function CaseCarriers({ carriedBy, today }: { carriedBy: CarriedBy; today: string }) {
  const { t } = useTranslation();
  return (
    <dl className="card case-carriers" data-testid="case-carriers">
      <div>
        <dt>{t('team.carrier.vast')}</dt>
        <dd>
          {carriedBy.vast ? (
            <>
              <strong>{carriedBy.vast.name}</strong>{' '}
              <span className="muted small">
                {t('team.carrier.since', { date: formatDay(carriedBy.vast.fromDate) })}
              </span>
            </>
          ) : (
            t('team.carrier.none')
          )}
        </dd>
      </div>
      {carriedBy.waarnemers.map((w) => (
        <div key={`${w.userId}|${w.fromDate}`}>
          <dt>{w.fromDate > today ? t('team.carrier.standInPlanned') : t('team.carrier.standIn')}</dt>
          <dd>
            <strong>{w.name}</strong>{' '}
            <span className="muted small">
              {w.untilDate
                ? t('team.carrier.period', { from: formatDay(w.fromDate), until: formatDay(w.untilDate) })
                : t('team.carrier.since', { date: formatDay(w.fromDate) })}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
