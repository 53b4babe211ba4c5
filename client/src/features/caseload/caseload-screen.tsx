/**
 * Mijn caseload, from the local store: every child the jeugdbeschermer
 * carries, also without a network. Search by name or gemeente, sort by
 * urgency (refused changes and norm state first), by longest without
 * contact, or by name. Unread and refused markers per child.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { NORM_KEYS } from '../../../../shared/rules/norms';
import { useField, useLocalQuery, useSyncStatus } from '../../app/field-context';
import { CaseCard } from '../../components/case-card';
import { Screen } from '../../components/screen';
import { type CaseloadSort, filterCaseload, loadCaseload, sortCaseload } from '../../read-models/caseload';
import { usePrefetchCaseFiles } from '../case-file/prefetch';

export function CaseloadScreen() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { user } = useField();
  const status = useSyncStatus();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<CaseloadSort>('urgentie');
  const caseload = useLocalQuery(['caseload'], (store) => loadCaseload(store, user.id));
  const all = caseload.data ?? [];
  const rows = sortCaseload(filterCaseload(all, search), sort);
  const late = all.filter((r) => r.norms && NORM_KEYS.some((k) => r.norms?.[k].state === 'te-laat')).length;
  const soon = all.filter((r) => r.norms && NORM_KEYS.some((k) => r.norms?.[k].state === 'bijna')).length;
  // Until the list has been read after the first sync, it is still coming: never "no children".
  const firstSync = (status.progress?.firstSync ?? false) || (all.length === 0 && caseload.isFetching);
  const shown = rows.length > 0;
  // Opening a child from the list then only draws: the files are read ahead while the phone is idle.
  usePrefetchCaseFiles(shown ? rows.map((r) => r.caseId) : []);
  useEffect(() => {
    // For the benchmarks: the moment the list is painted and can be used.
    if (shown) performance.mark('caseload-usable');
  }, [shown]);

  return (
    <Screen
      id="caseload"
      title={t('caseload.title')}
      intro={
        caseload.data && (
          <>
            {t('caseload.count', { count: all.length })}
            {late > 0 && <span className="pill pill-late">{t('caseload.lateCount', { count: late })}</span>}
            {soon > 0 && <span className="pill pill-warn">{t('caseload.soonCount', { count: soon })}</span>}
          </>
        )
      }
    >
      {firstSync && (
        <div className="card progress" role="status" data-testid="first-sync">
          <p>{t('sync.firstSync')}</p>
          <progress aria-label={t('sync.firstSync')} />
          <p className="muted small">{t('sync.received', { count: status.progress?.rows ?? 0 })}</p>
        </div>
      )}
      <div className="toolbar">
        <label className="visually-hidden" htmlFor="caseload-search">
          {t('caseload.search')}
        </label>
        <input
          id="caseload-search"
          type="search"
          placeholder={t('caseload.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          autoComplete="off"
        />
        <label className="visually-hidden" htmlFor="caseload-sort">
          {t('caseload.sortLabel')}
        </label>
        <select id="caseload-sort" value={sort} onChange={(e) => setSort(e.target.value as CaseloadSort)}>
          <option value="urgentie">{t('caseload.sort.urgentie')}</option>
          <option value="laatste-contact">{t('caseload.sort.laatste-contact')}</option>
          <option value="naam">{t('caseload.sort.naam')}</option>
        </select>
      </div>
      {caseload.isError ? (
        <p className="error-box" role="alert">
          {t('errors.local')}
        </p>
      ) : !caseload.data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">
          {search
            ? t('caseload.noMatch')
            : firstSync
              ? t('sync.firstSync')
              : status.lastSyncedAt === null
                ? t('sync.firstSyncWaiting')
                : t('caseload.empty')}
        </p>
      ) : (
        <ul className="case-list" data-testid="caseload">
          {rows.map((row) => (
            <CaseCard key={row.caseId} summary={row} onOpen={(id) => navigate(`/dossier/${id}`)} />
          ))}
        </ul>
      )}
    </Screen>
  );
}
