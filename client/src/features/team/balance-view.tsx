/** The team's caseload: each jeugdbeschermer with their children (to become the weighted balance). */
import '../../i18n/office';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { trpc } from '../../app/trpc';
import { CaseCard } from '../../components/case-card';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';

export function BalanceView() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const team = useQuery(trpc.team.overview.queryOptions());
  const teamCases = useQuery(trpc.cases.team.queryOptions());
  const workers = team.data ?? [];
  return (
    <Screen id="team" title={t('team.title')}>
      <QueryState query={team}>
        {workers.length === 0 ? (
          <p className="empty">{t('team.empty')}</p>
        ) : (
          <ul className="plain-list" data-testid="team">
            {workers.map((w) => (
              <li key={w.userId} className="card worker-row">
                <div>
                  <strong>{w.displayName}</strong>
                  <div className="muted small">{t('team.fte', { fte: w.fte.toLocaleString('nl-NL') })}</div>
                </div>
                <div className="worker-count">
                  <span className="big-number">{w.caseCount}</span>
                  <span className="muted small">{t('team.cases')}</span>
                </div>
                <div className={w.breachedCount > 0 ? 'pill pill-late' : 'pill pill-ok'}>
                  {w.breachedCount > 0 ? t('team.breached', { count: w.breachedCount }) : t('team.none')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <h2>{t('team.casesTitle')}</h2>
      <QueryState query={teamCases}>
        <ul className="case-list" data-testid="team-cases">
          {(teamCases.data ?? []).map((row) => (
            <CaseCard key={row.caseId} summary={row} onOpen={(id) => navigate(`/dossier/${id}`)} />
          ))}
        </ul>
      </QueryState>
    </Screen>
  );
}
