/**
 * The queue: open requests across the GI in the order of the afwegingskader
 * (acuut, urgent, regulier; within each the nearest "hulp uiterlijk", which
 * follows from the court's ruling). Filters live in the URL's query string
 * (ids of regions and gemeenten, no child's data), so going back from a
 * request keeps them.
 */
import './texts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';
import { NORM_FILTERS, type QueueFilter, queueFilterInput } from '../../../../shared/schemas/referral-desk';
import {
  OPEN_VERWIJZING_STATUSES,
  URGENCIES,
  VERWIJZING_STATUSES,
} from '../../../../shared/schemas/verwijzing';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { formatDay } from '../../i18n';
import { useExportCsv } from './queries';

/** Query-string names (Dutch, as the user sees them in the address bar) for the filter fields. */
const PARAM = {
  regionId: 'regio',
  gemeenteId: 'gemeente',
  urgency: 'urgentie',
  status: 'status',
  norm: 'norm',
  minWaitDays: 'wachtdagen',
} as const;
type FilterKey = keyof typeof PARAM;

function filterFrom(params: URLSearchParams): QueueFilter {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(PARAM)) {
    const value = params.get(name);
    if (value) raw[key] = key === 'minWaitDays' ? Number(value) : value;
  }
  // A hand-edited address drops what does not parse instead of failing the whole queue.
  const parsed = queueFilterInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (queueFilterInput.safeParse({ [key]: value }).success) kept[key] = value;
  }
  return queueFilterInput.parse(kept);
}

const URGENCY_PILL = { acuut: 'pill-late', urgent: 'pill-warn', regulier: 'pill-info' } as const;
const STATUS_CHOICES = VERWIJZING_STATUSES.filter((s) => s !== 'concept');

export function QueueView() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const queue = useQuery({
    ...trpc.verwijzingen.queue.queryOptions(filter),
    placeholderData: keepPreviousData,
  });
  const kaart = useQuery(trpc.kaart.list.queryOptions());
  const exportCsv = useExportCsv();
  const regions = kaart.data?.regions ?? [];
  const gemeenten = (kaart.data?.gemeenten ?? []).filter(
    (g) => !filter?.regionId || g.regionId === filter.regionId,
  );
  const rows = queue.data ?? [];
  // Set by a step that closed a request (step-form.tsx): the request left the desk.
  const notice = useHistoryState<{ deskNotice?: string } | null>()?.deskNotice;

  const setFilter = (key: FilterKey, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(PARAM[key], value);
        else next.delete(PARAM[key]);
        // A gemeente outside the newly chosen region would empty the list without saying why.
        if (key === 'regionId' && value) {
          const gemeente = kaart.data?.gemeenten.find((g) => g.id === next.get(PARAM.gemeenteId));
          if (gemeente && gemeente.regionId !== value) next.delete(PARAM.gemeenteId);
        }
        return next;
      },
      { replace: true },
    );
  const filtered = Object.values(PARAM).some((name) => params.get(name));

  return (
    <Screen id="desk" title={t('desk.title')} intro={t('desk.intro')}>
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      <form
        className="desk-filters"
        aria-label={t('desk.filters.label')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="f-region">{t('desk.filters.region')}</label>
          <select
            id="f-region"
            value={filter?.regionId ?? ''}
            onChange={(e) => setFilter('regionId', e.target.value)}
          >
            <option value="">{t('desk.filters.all')}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-gemeente">{t('desk.filters.gemeente')}</label>
          <select
            id="f-gemeente"
            value={filter?.gemeenteId ?? ''}
            onChange={(e) => setFilter('gemeenteId', e.target.value)}
          >
            <option value="">{t('desk.filters.all')}</option>
            {gemeenten.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-urgency">{t('desk.filters.urgency')}</label>
          <select
            id="f-urgency"
            value={filter?.urgency ?? ''}
            onChange={(e) => setFilter('urgency', e.target.value)}
          >
            <option value="">{t('desk.filters.all')}</option>
            {[...URGENCIES].reverse().map((u) => (
              <option key={u} value={u}>
                {t(`help.urgency.${u}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('desk.filters.status')}</label>
          <select
            id="f-status"
            value={filter?.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
          >
            <option value="">{t('desk.filters.allOpen')}</option>
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {t(`verwijzingStatus.${s}`)}
                {(OPEN_VERWIJZING_STATUSES as readonly string[]).includes(s)
                  ? ''
                  : ` ${t('desk.filters.closed')}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-norm">{t('desk.filters.norm')}</label>
          <select id="f-norm" value={filter?.norm ?? ''} onChange={(e) => setFilter('norm', e.target.value)}>
            <option value="">{t('desk.filters.all')}</option>
            {NORM_FILTERS.map((n) => (
              <option key={n} value={n}>
                {t(`desk.filters.normValue.${n}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-wait">{t('desk.filters.minWait')}</label>
          <input
            id="f-wait"
            type="number"
            inputMode="numeric"
            min={0}
            max={3650}
            value={filter?.minWaitDays ?? ''}
            onChange={(e) => setFilter('minWaitDays', e.target.value)}
          />
        </div>
        {filtered && (
          <button
            type="button"
            className="button button-quiet desk-filters-clear"
            onClick={() => setParams({})}
          >
            {t('desk.filters.clear')}
          </button>
        )}
      </form>

      <div className="row-between desk-count">
        <p className="muted small" aria-live="polite">
          {queue.isSuccess ? t('desk.count', { count: rows.length }) : ''}
        </p>
        <button
          type="button"
          className="button"
          disabled={exportCsv.isPending || rows.length === 0}
          onClick={() => exportCsv.mutate({ kind: 'queue', filter })}
        >
          {t('desk.csv')}
        </button>
        {exportCsv.stepUpDialog}
      </div>
      {exportCsv.isError && (
        <p className="error" role="alert">
          {apiErrorText(exportCsv.error, t)}
        </p>
      )}

      <QueryState query={queue}>
        {rows.length === 0 ? (
          <p className="empty">{filtered ? t('desk.emptyFiltered') : t('desk.empty')}</p>
        ) : (
          <ul className="plain-list desk-queue" data-testid="desk">
            {rows.map((r) => (
              <li key={r.id}>
                <Link href={`/verwijsdesk/${r.id}`} className="desk-item">
                  <span className="desk-item-head">
                    <strong className="desk-item-name">{r.jeugdigeName}</strong>
                    <span className={`pill ${URGENCY_PILL[r.urgency]}`}>
                      {t(`help.urgency.${r.urgency}`)}
                    </span>
                  </span>
                  <span>
                    {r.product} · <strong>{t(`verwijzingStatus.${r.status}`)}</strong>
                    {r.aanbieder && <span className="muted"> · {r.aanbieder}</span>}
                  </span>
                  <span className="muted small">
                    {r.gemeente} ({r.region})
                  </span>
                  <span className="desk-item-facts small">
                    <span>{t('desk.waitDays', { count: r.waitDays })}</span>
                    <span className={r.daysLeft < 0 ? 'text-late' : undefined}>
                      {t('desk.due', { date: formatDay(r.helpDueDate) })}{' '}
                      {r.daysLeft < 0
                        ? t('desk.daysOver', { count: -r.daysLeft })
                        : t('desk.daysLeft', { count: r.daysLeft })}
                    </span>
                    {r.escalation !== 'geen' && (
                      <span className="tag tag-warn">{t(`desk.escalation.${r.escalation}`)}</span>
                    )}
                    {r.hasBridging && <span className="tag">{t('desk.bridgingTag')}</span>}
                    {r.followUpOn && (
                      <span className="tag">{t('desk.followUpTag', { date: formatDay(r.followUpOn) })}</span>
                    )}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Screen>
  );
}
