/**
 * Rapportages: "nog geen passende hulp" at a peildatum per region and
 * gemeente (with the children behind each number), and waiting time per
 * product category and provider — started help apart from children still
 * waiting. Each has a CSV download built by the server from the same data.
 */
import './texts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday, ISO_DATE_PATTERN } from '../../../../shared/rules/dates';
import type { WaitGroup, WaitStats } from '../../../../shared/rules/waiting-report';
import { refusalText } from '../../app/office';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { TableScroll } from '../../components/table-scroll';
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
          {refusalText(exportCsv.error, t)}
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
  const names = new Map((data?.children ?? []).map((c) => [c.caseId, c.name]));

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
            <TableScroll label={t('desk.reports.help.title')}>
              <table className="desk-table" data-testid="help-report">
                <caption className="visually-hidden">
                  {t('desk.reports.help.caption', { date: formatDay(data.peildatum) })}
                </caption>
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
            </TableScroll>
            <div id={listId} aria-live="polite">
              {selected && (
                <div className="card desk-children">
                  <h3>
                    {t('desk.reports.help.children', {
                      place: selected.place,
                      date: formatDay(data.peildatum),
                    })}
                  </h3>
                  {selected.caseIds.length > 0 && (
                    <ul className="sub-list">
                      {selected.caseIds.map((id) => (
                        <li key={id}>{names.get(id) ?? id}</li>
                      ))}
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
            <WaitTable
              caption={t('desk.reports.waiting.byCategory')}
              groups={data.byCategory.map((g) => ({ ...g, label: `${g.key} ${g.label}` }))}
              total={data.total}
              testId="waiting-category"
            />
            <WaitTable
              caption={t('desk.reports.waiting.byProvider')}
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

function WaitTable({
  caption,
  groups,
  total,
  testId,
}: {
  caption: string;
  groups: WaitGroup[];
  total: { started: WaitStats; waiting: WaitStats };
  testId: string;
}) {
  const { t } = useTranslation();
  const cells = (s: WaitStats) => (
    <>
      <td className="num">{s.count}</td>
      <td className="num">{days(s.medianDays)}</td>
      <td className="num">{days(s.longestDays)}</td>
    </>
  );
  return (
    <TableScroll label={caption}>
      <table className="desk-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={3} className="num">
              {t('desk.reports.waiting.started')}
            </th>
            <th scope="colgroup" colSpan={3} className="num">
              {t('desk.reports.waiting.waiting')}
            </th>
          </tr>
          <tr>
            <th scope="col">{t('desk.reports.waiting.group')}</th>
            {[0, 1].map((i) => (
              <ColumnHeads key={i} />
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                {t('desk.reports.waiting.empty')}
              </td>
            </tr>
          ) : (
            groups.map((g) => (
              <tr key={g.key || 'geen'}>
                <th scope="row">{g.label}</th>
                {cells(g.started)}
                {cells(g.waiting)}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('desk.reports.total')}</th>
            {cells(total.started)}
            {cells(total.waiting)}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

function ColumnHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num">
        {t('desk.reports.waiting.count')}
      </th>
      <th scope="col" className="num">
        {t('desk.reports.waiting.median')}
      </th>
      <th scope="col" className="num">
        {t('desk.reports.waiting.longest')}
      </th>
    </>
  );
}
