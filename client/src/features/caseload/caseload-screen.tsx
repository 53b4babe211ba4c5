/** Mijn caseload: every child the jeugdbeschermer carries, most pressing first. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { NORM_KEYS } from '../../../../shared/rules/norms';
import { trpc } from '../../app/trpc';
import { CaseCard } from '../../components/case-card';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';

export function CaseloadScreen() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const caseload = useQuery(trpc.cases.mine.queryOptions());
  const rows = caseload.data ?? [];
  const late = rows.filter((r) => NORM_KEYS.some((k) => r.norms[k].state === 'te-laat')).length;
  const soon = rows.filter((r) => NORM_KEYS.some((k) => r.norms[k].state === 'bijna')).length;
  return (
    <Screen
      id="caseload"
      title={t('caseload.title')}
      intro={
        caseload.data && (
          <>
            {t('caseload.count', { count: rows.length })}
            {late > 0 && <span className="pill pill-late">{t('caseload.lateCount', { count: late })}</span>}
            {soon > 0 && <span className="pill pill-warn">{t('caseload.soonCount', { count: soon })}</span>}
          </>
        )
      }
    >
      <QueryState query={caseload}>
        {rows.length === 0 ? (
          <p className="empty">{t('caseload.empty')}</p>
        ) : (
          <ul className="case-list" data-testid="caseload">
            {rows.map((row) => (
              <CaseCard key={row.caseId} summary={row} onOpen={(id) => navigate(`/dossier/${id}`)} />
            ))}
          </ul>
        )}
      </QueryState>
    </Screen>
  );
}
