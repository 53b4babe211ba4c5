/**
 * Rapportages: "nog geen passende hulp" at a peildatum per region and
 * gemeente (with the children behind each number), and waiting time per
 * product category and provider — started help apart from children still
 * waiting. Each has a CSV download built by the server from the same data.
 */
import './texts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AppRouter } from '../../../../server/routers';
import { dutchToday, ISO_DATE_PATTERN } from '../../../../shared/rules/dates';
import { categoryWithCode, type WaitGroup, type WaitStats } from '../../../../shared/rules/waiting-report';
import { apiErrorText } from '../../app/api-error';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { formatDay } from '../../i18n';
import { useExportCsv } from './queries';

export function ReportsView() {
  const { t } = useTranslation();
  const [input, setInput] = useState(dutchToday());
  // An emptied or half-typed date keeps the last whole one.
  const [peildatum, setPeildatum] = useState(input);
  return (
    <Screen id="reports" title={t('desk.reports.title')} intro={t('desk.reports.intro')}>
      <div className="form desk-peildatum">
        <label htmlFor="peildatum">{t('desk.reports.peildatum')}</label>
        <input
          id="peildatum"
          type="date"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            if (ISO_DATE_PATTERN.test(e.target.value)) setPeildatum(e.target.value);
          }}
        />
      </div>
      <HelpReport peildatum={peildatum} />
      <WaitingReport peildatum={peildatum} />
    </Screen>
  );
}

function CsvButton({ kind, peildatum }: { kind: 'helpReport' | 'waiting'; peildatum: string }) {
  const { t } = useTranslation();
  const exportCsv = useExportCsv();
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={exportCsv.isPending}
        onClick={() => exportCsv.mutate({ kind, peildatum })}
      >
        {t('desk.csv')}
      </button>
      {exportCsv.stepUpDialog}
      {exportCsv.isError && (
        <p className="error" role="alert">
          {apiErrorText(exportCsv.error, t)}
        </p>
      )}
    </>
  );
}

interface Selected {
  place: string;
  caseIds: string[];
  /** Counted, but not named: children without an open request are not the desk's (server: need-to-know). */
  unnamed: number;
}

function HelpReport({ peildatum }: { peildatum: string }) {
  const { t } = useTranslation();
  const listId = useId();
  const report = useQuery({
    ...trpc.verwijzingen.helpReport.queryOptions({ peildatum }),
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<Selected | null>(null);
  const data = report.data;
  const children = new Map((data?.children ?? []).map((c) => [c.caseId, c]));
  // The list opens below the table, off-screen on a phone: take the reader there.
  const listTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!selected) return;
    listTitle.current?.focus({ preventScroll: true });
    listTitle.current?.scrollIntoView({ block: 'start', behavior: 'instant' });
  }, [selected]);

  const count = (place: string, cell: { noHelp: number; caseIds: string[] }) => (
    <CountButton
      place={place}
      cell={cell}
      open={selected?.place === place}
      controls={listId}
      onToggle={() =>
        setSelected(
          selected?.place === place
            ? null
            : { place, caseIds: cell.caseIds, unnamed: cell.noHelp - cell.caseIds.length },
        )
      }
    />
  );
  const percent = (cell: { total: number; noHelp: number }) =>
    cell.total ? `${Math.round((cell.noHelp / cell.total) * 100)}%` : '–';

  return (
    <section aria-labelledby="help-report-title">
      <div className="row-between">
        <h2 id="help-report-title">{t('desk.reports.help.title')}</h2>
        <CsvButton kind="helpReport" peildatum={peildatum} />
      </div>
      <p className="muted small">{t('desk.reports.help.intro')}</p>
      <QueryState query={report}>
        {data && (
          <>
            <div className="table-card">
              <table className="desk-table desk-table-fit" data-testid="help-report">
                <caption className="visually-hidden">
                  {t('desk.reports.help.caption', { date: formatDay(data.peildatum) })}
                </caption>
                <colgroup>
                  <col className="desk-col-label" />
                  <col />
                  <col className="desk-col-wide" />
                  <col className="desk-col-narrow" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('desk.reports.help.place')}</th>
                    <th scope="col" className="num">
                      {t('desk.reports.help.total')}
                    </th>
                    <th scope="col" className="num">
                      {t('desk.reports.help.noHelp')}
                    </th>
                    <th scope="col" className="num">
                      %
                    </th>
                  </tr>
                </thead>
                {data.regions.map((r) => (
                  <tbody key={r.region}>
                    <tr className="desk-table-region">
                      <th scope="row">{r.region}</th>
                      <td className="num">{r.cell.total}</td>
                      <td className="num">{count(r.region, r.cell)}</td>
                      <td className="num">{percent(r.cell)}</td>
                    </tr>
                    {r.gemeenten.map((g) => (
                      <tr key={g.gemeente}>
                        <th scope="row" className="desk-table-sub">
                          {g.gemeente}
                        </th>
                        <td className="num">{g.cell.total}</td>
                        <td className="num">{count(`${g.gemeente} (${r.region})`, g.cell)}</td>
                        <td className="num">{percent(g.cell)}</td>
                      </tr>
                    ))}
                  </tbody>
                ))}
                <tfoot>
                  <tr>
                    <th scope="row">{t('desk.reports.total')}</th>
                    <td className="num">{data.total.total}</td>
                    <td className="num">{count(t('desk.reports.everywhere'), data.total)}</td>
                    <td className="num">{percent(data.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <div id={listId} aria-live="polite">
              {selected && (
                <div className="card desk-children">
                  <h3 ref={listTitle} tabIndex={-1}>
                    {t('desk.reports.help.children', {
                      place: selected.place,
                      date: formatDay(data.peildatum),
                    })}
                  </h3>
                  {selected.caseIds.length > 0 && (
                    <ul className="plain-list desk-children-list" data-testid="help-report-children">
                      {selected.caseIds.map((id) => {
                        const child = children.get(id);
                        return child ? <ChildLine key={id} child={child} /> : null;
                      })}
                    </ul>
                  )}
                  {selected.unnamed > 0 && (
                    <p className="muted small">
                      {t('desk.reports.help.unnamed', { count: selected.unnamed })}
                    </p>
                  )}
                </div>
              )}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

type ReportChild = inferRouterOutputs<AppRouter>['verwijzingen']['helpReport']['children'][number];

/** A child behind a number: how far past the norm, and a link to each of its requests at the desk. */
function ChildLine({ child }: { child: ReportChild }) {
  const { t } = useTranslation();
  return (
    <li className="desk-child">
      <strong>{child.name}</strong>
      {child.dueDate && child.daysOver !== null && (
        <span className="text-late small">
          {t('desk.due', { date: formatDay(child.dueDate) })} {t('desk.daysOver', { count: child.daysOver })}
        </span>
      )}
      {child.requests.map((r) => (
        <Link key={r.id} href={`/verwijsdesk/${r.id}`} className="desk-child-request">
          {t('desk.reports.help.openRequest', {
            product: r.product,
            status: t(`verwijzingStatus.${r.status}`),
          })}
        </Link>
      ))}
    </li>
  );
}

/** The number of children without fitting help; when there are any, a button that lists them. */
function CountButton({
  place,
  cell,
  open,
  controls,
  onToggle,
}: {
  place: string;
  cell: { noHelp: number };
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  if (cell.noHelp === 0) return <>0</>;
  return (
    <button
      type="button"
      className="link-button"
      aria-expanded={open}
      aria-controls={controls}
      aria-label={t('desk.reports.showChildren', { count: cell.noHelp, place })}
      onClick={onToggle}
    >
      {cell.noHelp}
    </button>
  );
}

function WaitingReport({ peildatum }: { peildatum: string }) {
  const { t } = useTranslation();
  const report = useQuery({
    ...trpc.verwijzingen.waitingReport.queryOptions({ peildatum }),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  return (
    <section aria-labelledby="waiting-report-title">
      <div className="row-between">
        <h2 id="waiting-report-title">{t('desk.reports.waiting.title')}</h2>
        <CsvButton kind="waiting" peildatum={peildatum} />
      </div>
      <p className="muted small">{t('desk.reports.waiting.intro')}</p>
      <QueryState query={report}>
        {data && (
          <>
            <WaitTables
              title={t('desk.reports.waiting.byCategory')}
              groups={data.byCategory.map((g) => ({ ...g, label: categoryWithCode(g.key) }))}
              total={data.total}
              testId="waiting-category"
            />
            <WaitTables
              title={t('desk.reports.waiting.byProvider')}
              groups={data.byProvider}
              total={data.total}
              testId="waiting-provider"
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

const days = (n: number | null) => (n === null ? '–' : n.toLocaleString('nl-NL'));

/**
 * One grouping (per category or per provider) as two narrow tables, started
 * help and children still waiting: side by side on a wide screen, one under
 * the other on a phone, so neither needs to scroll sideways.
 */
function WaitTables({
  title,
  groups,
  total,
  testId,
}: {
  title: string;
  groups: WaitGroup[];
  total: { started: WaitStats; waiting: WaitStats };
  testId: string;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="desk-wait" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{title}</h3>
      {groups.length === 0 ? (
        <p className="muted">{t('desk.reports.waiting.empty')}</p>
      ) : (
        <div className="desk-wait-tables">
          {(['started', 'waiting'] as const).map((kind) => (
            <div key={kind} className="table-card">
              <table className="desk-table desk-table-fit">
                <caption>
                  <span className="visually-hidden">{title}: </span>
                  {t(`desk.reports.waiting.${kind}`)}
                </caption>
                <colgroup>
                  <col className="desk-col-label" />
                  <col />
                  <col />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{t('desk.reports.waiting.group')}</th>
                    <th scope="col" className="num">
                      {t('desk.reports.waiting.count')}
                    </th>
                    <th scope="col" className="num">
                      {t('desk.reports.waiting.median')}
                    </th>
                    <th scope="col" className="num">
                      {t('desk.reports.waiting.longest')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.key || 'geen'}>
                      <th scope="row">{g.label}</th>
                      <StatCells stats={g[kind]} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('desk.reports.total')}</th>
                    <StatCells stats={total[kind]} />
                  </tr>
                </tfoot>
              </table>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function StatCells({ stats }: { stats: WaitStats }) {
  return (
    <>
      <td className="num">{stats.count}</td>
      <td className="num">{days(stats.medianDays)}</td>
      <td className="num">{days(stats.longestDays)}</td>
    </>
  );
}
