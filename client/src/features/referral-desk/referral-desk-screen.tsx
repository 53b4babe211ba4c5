/** The referral desk's queue: open requests for help, most urgent first. Lazy-loaded. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { formatDay } from '../../i18n';

export default function ReferralDeskScreen() {
  const { t } = useTranslation();
  const queue = useQuery(trpc.referrals.queue.queryOptions());
  const rows = queue.data ?? [];
  return (
    <Screen id="desk" title={t('desk.title')} intro={t('desk.intro')}>
      <QueryState query={queue}>
        {rows.length === 0 ? (
          <p className="empty">{t('desk.empty')}</p>
        ) : (
          <ul className="plain-list" data-testid="desk">
            {rows.map((r) => (
              <li key={r.id} className="card">
                <div className="row-between">
                  <strong>{r.jeugdigeName}</strong>
                  <span className={`pill ${r.urgency === 'regulier' ? 'pill-ok' : 'pill-late'}`}>
                    {t(`desk.urgency.${r.urgency}`)}
                  </span>
                </div>
                <div>
                  {r.product} · {t(`desk.status.${r.status}`)}
                </div>
                <div className="muted small">
                  {r.gemeente} ({r.region}) ·{' '}
                  <span className={r.daysLeft < 0 ? 'text-late' : undefined}>
                    {t('desk.due', { date: formatDay(r.helpDueDate) })}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Screen>
  );
}
