/**
 * Mijn caseload, from the local store: every child the jeugdbeschermer
 * carries, also without a network. Search by name, gemeente, measure, a year
 * (of birth or ruling) or zaaknummer; sort by urgency (refused changes and
 * norm state first), by longest without contact, or by name. Unread and
 * refused markers per child. Cases held as waarnemer for a colleague are
 * marked and kept apart from the worker's own (a filter and two lists). Until
 * the first sync has brought the caseload, it says so: never "0 kinderen".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { NORM_KEYS } from '../../../../shared/rules/norms';
import { useField, useLocalQuery, useSyncStatus } from '../../app/field-context';
import { CaseCard } from '../../components/case-card';
import { Screen } from '../../components/screen';
import {
  type CaseloadSort,
  filterCaseload,
  type LocalCaseSummary,
  loadCaseload,
  sortCaseload,
} from '../../read-models/caseload';

type Which = 'alle' | 'eigen' | 'waarneming';

import { usePrefetchCaseFiles } from '../case-file/prefetch';

export function CaseloadScreen() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const { user } = useField();
  const status = useSyncStatus();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<CaseloadSort>('urgentie');
  const [which, setWhich] = useState<Which>('alle');
  const caseload = useLocalQuery(['caseload'], (store) => loadCaseload(store, user.id));
  const all = caseload.data ?? [];
  const rows = sortCaseload(
    filterCaseload(all, search, (type) => t(`maatregel.${type}`)),
    sort,
  );
  const own = rows.filter((r) => !r.standIn);
  const standIn = rows.filter((r) => r.standIn);
  const ownCount = all.filter((r) => !r.standIn).length;
  const standInCount = all.length - ownCount;
  const late = all.filter((r) => r.norms && NORM_KEYS.some((k) => r.norms?.[k].state === 'te-laat')).length;
  const soon = all.filter((r) => r.norms && NORM_KEYS.some((k) => r.norms?.[k].state === 'bijna')).length;
  // Until the list has been read after the first sync, it is still coming: never "no children".
  const neverSynced = all.length === 0 && status.lastSyncedAt === null;
  const firstSync =
    (status.progress?.firstSync ?? false) ||
    (all.length === 0 && caseload.isFetching) ||
    (neverSynced && status.phase !== 'offline');
  const counted = !!caseload.data && !firstSync && !neverSynced;
  const shown = rows.length > 0;
  // Opening a child from the list then only draws: the files are read ahead while the phone is idle.
  usePrefetchCaseFiles(shown ? rows.map((r) => r.caseId) : []);
  useEffect(() => {
    // For the benchmarks: the moment the list is painted and can be used.
    if (shown) performance.mark('caseload-usable');
  }, [shown]);
  const open = (id: string) => navigate(`/dossier/${id}`);
  const list = (items: LocalCaseSummary[], heading: 'h2' | 'h3', testId: string) => (
    <ul className="case-list" data-testid={testId}>
      {items.map((row) => (
        <CaseCard key={row.caseId} summary={row} onOpen={open} heading={heading} />
      ))}
    </ul>
  );

  return (
    <Screen
      id="caseload"
      title={t('caseload.title')}
      intro={
        counted && (
          <>
            {standInCount > 0
              ? t('caseload.countWithStandIn', {
                  count: all.length,
                  own: ownCount,
                  standIn: standInCount,
                })
              : t('caseload.count', { count: all.length })}
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
        <div className="toolbar-field">
          <label htmlFor="caseload-search">{t('caseload.searchLabel')}</label>
          <input
            id="caseload-search"
            type="search"
            aria-describedby="caseload-search-hint"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="toolbar-field">
          <label htmlFor="caseload-sort">{t('caseload.sortLabel')}</label>
          <select id="caseload-sort" value={sort} onChange={(e) => setSort(e.target.value as CaseloadSort)}>
            <option value="urgentie">{t('caseload.sort.urgentie')}</option>
            <option value="laatste-contact">{t('caseload.sort.laatste-contact')}</option>
            <option value="naam">{t('caseload.sort.naam')}</option>
          </select>
        </div>
        <p id="caseload-search-hint" className="toolbar-hint muted small">
          {t('caseload.searchHint')}
        </p>
      </div>
      {standInCount > 0 && (
        <fieldset className="chips caseload-which" data-testid="caseload-which">
          <legend className="visually-hidden">{t('caseload.which.label')}</legend>
          {(
            [
              ['alle', t('caseload.which.alle', { count: all.length })],
              ['eigen', t('caseload.which.eigen', { count: ownCount })],
              ['waarneming', t('caseload.which.waarneming', { count: standInCount })],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="chip">
              <input
                type="radio"
                name="caseload-which"
                value={value}
                checked={which === value}
                onChange={() => setWhich(value)}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      )}
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
      ) : standInCount === 0 ? (
        list(rows, 'h2', 'caseload')
      ) : (
        <div data-testid="caseload">
          {which !== 'waarneming' && (
            <section aria-labelledby="caseload-own" className="caseload-group">
              <h2 id="caseload-own">{t('caseload.which.eigen', { count: own.length })}</h2>
              {own.length > 0 ? (
                list(own, 'h3', 'caseload-own-list')
              ) : (
                <p className="empty">{t('caseload.noMatch')}</p>
              )}
            </section>
          )}
          {which !== 'eigen' && (
            <section aria-labelledby="caseload-standin" className="caseload-group">
              <h2 id="caseload-standin">{t('caseload.which.waarneming', { count: standIn.length })}</h2>
              {standIn.length > 0 ? (
                list(standIn, 'h3', 'caseload-standin-list')
              ) : (
                <p className="empty">{t('caseload.noMatch')}</p>
              )}
            </section>
          )}
        </div>
      )}
    </Screen>
  );
}
