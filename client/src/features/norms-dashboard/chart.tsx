/**
 * The monthly trend of the three norms as a small SVG line chart (no chart
 * library): one line per norm, each with its own colour, dash and marker so it
 * reads without colour, a title and description for screen readers, and the
 * same numbers in a table below it.
 */
import './texts';
import { useTranslation } from 'react-i18next';
import { sharePercent } from '../../../../shared/rules/norm-dashboard';
import { NORM_KEYS, type NormKey } from '../../../../shared/rules/norms';
import { TableScroll } from '../../components/table-scroll';
import { formatDay, formatMonth, type NormsBoard, shareText } from './data';

export const NORM_STYLE: Record<
  NormKey,
  { color: string; dash: string; marker: 'circle' | 'square' | 'diamond' }
> = {
  vasteJeugdbeschermer: { color: '#1d4f91', dash: '', marker: 'circle' },
  koers: { color: '#9b4d00', dash: '6 4', marker: 'square' },
  passendeHulp: { color: '#1b6e3a', dash: '2 3', marker: 'diamond' },
};

const W = 640;
const H = 240;
const PAD = { left: 50, right: 28, top: 14, bottom: 28 };

function Marker({ shape, x, y, color }: { shape: string; x: number; y: number; color: string }) {
  if (shape === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (shape === 'diamond')
    return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={4} fill={color} />;
}

export function NormsTrend({ trend, groupKey }: { trend: NormsBoard['trend']; groupKey: string }) {
  const { t } = useTranslation();
  const points = trend.map((p) => ({
    peildatum: p.peildatum,
    norms: p.groups.find((g) => g.key === groupKey)?.norms ?? null,
  }));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, points.length - 1);
  const y = (pct: number) => PAD.top + ((100 - pct) * (H - PAD.top - PAD.bottom)) / 100;
  const pctAt = (i: number, norm: NormKey) => {
    const n = points[i]?.norms?.[norm];
    return n ? sharePercent(n) : null;
  };
  /** A path that breaks where nobody was counted yet. */
  const path = (norm: NormKey) =>
    points
      .map((_, i) => {
        const pct = pctAt(i, norm);
        if (pct === null) return '';
        const prev = i > 0 ? pctAt(i - 1, norm) : null;
        return `${prev === null ? 'M' : 'L'}${x(i).toFixed(1)} ${y(pct).toFixed(1)}`;
      })
      .join('');

  return (
    <figure className="norms-trend">
      <ul className="norms-legend">
        {NORM_KEYS.map((norm) => (
          <li key={norm}>
            <svg width="28" height="12" aria-hidden="true">
              <line
                x1="0"
                y1="6"
                x2="28"
                y2="6"
                stroke={NORM_STYLE[norm].color}
                strokeWidth="3"
                strokeDasharray={NORM_STYLE[norm].dash}
              />
            </svg>
            {t(`normsBoard.norm.${norm}`)}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="norms-trend-title norms-trend-desc">
        <title id="norms-trend-title">{t('normsBoard.trend.title')}</title>
        <desc id="norms-trend-desc">{t('normsBoard.trend.desc')}</desc>
        {[0, 25, 50, 75, 100].map((pct) => (
          <g key={pct}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(pct)} y2={y(pct)} className="norms-grid" />
            <text x={PAD.left - 6} y={y(pct) + 4} textAnchor="end" className="norms-axis">
              {pct}%
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % 2 === points.length % 2 || i === points.length - 1 ? (
            <text key={p.peildatum} x={x(i)} y={H - 8} textAnchor="middle" className="norms-axis">
              {formatMonth(p.peildatum)}
            </text>
          ) : null,
        )}
        {NORM_KEYS.map((norm) => (
          <g key={norm}>
            <path
              d={path(norm)}
              fill="none"
              stroke={NORM_STYLE[norm].color}
              strokeWidth="2.5"
              strokeDasharray={NORM_STYLE[norm].dash}
            />
            {points.map((p, i) => {
              const pct = pctAt(i, norm);
              return pct === null ? null : (
                <Marker
                  key={p.peildatum}
                  shape={NORM_STYLE[norm].marker}
                  x={x(i)}
                  y={y(pct)}
                  color={NORM_STYLE[norm].color}
                />
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="muted">{t('normsBoard.trend.caption')}</figcaption>
      <TableScroll label={t('normsBoard.trend.tableCaption')}>
        <table className="desk-table" data-testid="norms-trend-table">
          <caption>{t('normsBoard.trend.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('normsBoard.peildatum')}</th>
              {NORM_KEYS.map((norm) => (
                <th key={norm} scope="col">
                  {t(`normsBoard.norm.${norm}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.peildatum}>
                <th scope="row">{formatDay(p.peildatum)}</th>
                {NORM_KEYS.map((norm) => (
                  <td key={norm}>{p.norms ? shareText(p.norms[norm], t) : t('normsBoard.noneCounted')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
