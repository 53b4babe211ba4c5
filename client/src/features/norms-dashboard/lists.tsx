/**
 * The children behind the numbers: per norm the breaches with the days over,
 * and the deadlines of the next two weeks; each list has its CSV export, which
 * the server makes from the same rows (so the file equals the list).
 */
import './texts';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BreachRow, GroupBy, UpcomingRow } from '../../../../shared/rules/norm-dashboard';
import type { NormKey } from '../../../../shared/rules/norms';
import { TableScroll } from '../../components/table-scroll';
import { formatDay, useNormsExport } from './data';

interface ExportScope {
  peildatum: string;
  groupBy: GroupBy;
  groupKey: string | null;
}

function CsvButton({
  scope,
  list,
  norm,
  label,
}: {
  scope: ExportScope;
  list: 'breaches' | 'upcoming';
  norm?: NormKey;
  label: string;
}) {
  const { t } = useTranslation();
  const exporter = useNormsExport();
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        disabled={exporter.isPending}
        aria-label={t('normsBoard.csvFor', { list: label })}
        onClick={() => exporter.mutate({ ...scope, list, norm: norm ?? null })}
      >
        {t('normsBoard.csv')}
      </button>
      {exporter.stepUpDialog}
    </>
  );
}

export function BreachList({ norm, rows, scope }: { norm: NormKey; rows: BreachRow[]; scope: ExportScope }) {
  const { t } = useTranslation();
  const title = t(`normsBoard.breaches.${norm}`);
  const headingId = `norms-breach-${norm}`;
  return (
    <section className="norms-list" aria-labelledby={headingId}>
      <div className="row-between">
        <h3 id={headingId} className="norms-list-title">
          {title} <span className="norms-count">({rows.length})</span>
        </h3>
        {rows.length > 0 && <CsvButton scope={scope} list="breaches" norm={norm} label={title} />}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('normsBoard.breaches.none')}</p>
      ) : (
        <TableScroll label={title}>
          <table className="desk-table" data-testid={`norms-breaches-${norm}`}>
            <thead>
              <tr>
                <th scope="col">{t('normsBoard.col.child')}</th>
                <th scope="col">{t('normsBoard.col.daysOver')}</th>
                <th scope="col">{t('normsBoard.col.due')}</th>
                <th scope="col">{t('normsBoard.col.metOn')}</th>
                <th scope="col">{t('normsBoard.col.worker')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseId}>
                  <th scope="row">
                    <Link href={`/dossier/${r.caseId}`}>{r.name}</Link>
                  </th>
                  <td>
                    <span className="tag tag-late norms-days">
                      {t('normsBoard.daysOver', { count: r.daysOver })}
                    </span>
                  </td>
                  <td>{formatDay(r.dueDate)}</td>
                  <td>{r.metOn ? formatDay(r.metOn) : t('normsBoard.notYet')}</td>
                  <td>{r.workerName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export function UpcomingList({ rows, scope }: { rows: UpcomingRow[]; scope: ExportScope }) {
  const { t } = useTranslation();
  const title = t('normsBoard.upcoming.title');
  return (
    <section className="norms-list" aria-labelledby="norms-upcoming">
      <div className="row-between">
        <h2 id="norms-upcoming" className="norms-list-title">
          {title} <span className="norms-count">({rows.length})</span>
        </h2>
        {rows.length > 0 && <CsvButton scope={scope} list="upcoming" label={title} />}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('normsBoard.upcoming.none')}</p>
      ) : (
        <TableScroll label={title}>
          <table className="desk-table" data-testid="norms-upcoming">
            <thead>
              <tr>
                <th scope="col">{t('normsBoard.col.child')}</th>
                <th scope="col">{t('normsBoard.col.kind')}</th>
                <th scope="col">{t('normsBoard.col.daysLeft')}</th>
                <th scope="col">{t('normsBoard.col.due')}</th>
                <th scope="col">{t('normsBoard.col.worker')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.caseId}`}>
                  <th scope="row">
                    <Link href={`/dossier/${r.caseId}`}>{r.name}</Link>
                  </th>
                  <td>
                    {t(`normsBoard.upcoming.kind.${r.kind}`)}
                    {r.kind === 'verlenging' && r.measureEndDate && (
                      <span className="muted">
                        {' '}
                        {t('normsBoard.upcoming.ends', { date: formatDay(r.measureEndDate) })}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className={`tag norms-days ${r.daysLeft <= 3 ? 'tag-warn' : ''}`}>
                      {t('normsBoard.daysLeft', { count: r.daysLeft })}
                    </span>
                  </td>
                  <td>{formatDay(r.dueDate)}</td>
                  <td>{r.workerName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
