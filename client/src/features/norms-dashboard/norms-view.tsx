/**
 * The norms dashboard (/team/normen): for the team, each worker or each
 * region, the share of children that got a vaste jeugdbeschermer (5 working
 * days), a gedragen koers (6 weeks) and passende hulp (3 months) on time, at a
 * chosen peildatum; the monthly trend; the children behind every breach; the
 * deadlines of the next two weeks; CSV of every list. How a share is counted
 * is defined (and tested) in shared/rules/norm-dashboard.ts.
 */
import './texts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dutchToday, ISO_DATE_PATTERN } from '../../../../shared/rules/dates';
import {
  breachesOf,
  GROUP_BYS,
  type GroupBy,
  TEAM_GROUP,
  upcomingOf,
} from '../../../../shared/rules/norm-dashboard';
import { NORM_KEYS } from '../../../../shared/rules/norms';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { Screen } from '../../components/screen';
import { TableScroll } from '../../components/table-scroll';
import { NORM_STYLE, NormsTrend } from './chart';
import { formatDay, type NormsGroup, shareText } from './data';
import { BreachList, UpcomingList } from './lists';

export function NormsView() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<GroupBy>('team');
  const [chosen, setChosen] = useState<string>('');
  const [peildatum, setPeildatum] = useState(() => dutchToday());
  const valid = ISO_DATE_PATTERN.test(peildatum);
  const [asked, setAsked] = useState(peildatum);
  if (valid && asked !== peildatum) setAsked(peildatum);
  const board = useQuery({
    ...trpc.normsDashboard.board.queryOptions({ peildatum: asked, groupBy }),
    placeholderData: (previous) => previous,
  });
  const data = board.data;
  const groups = data?.groups ?? [];
  const groupKey =
    groupBy === 'team' ? TEAM_GROUP : groups.some((g) => g.key === chosen) ? chosen : (groups[0]?.key ?? '');
  const group = groups.find((g) => g.key === groupKey);
  const scope = { peildatum: asked, groupBy, groupKey: groupBy === 'team' ? null : groupKey };

  return (
    <Screen id="normsBoard" title={t('normsBoard.title')} intro={t('normsBoard.intro')}>
      <form
        className="norms-controls"
        aria-label={t('normsBoard.controls')}
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset>
          <legend>{t('normsBoard.groupBy.label')}</legend>
          <div className="chips">
            {GROUP_BYS.map((g) => (
              <label key={g} className="chip">
                <input
                  type="radio"
                  name="norms-group-by"
                  value={g}
                  checked={groupBy === g}
                  onChange={() => setGroupBy(g)}
                />
                <span>{t(`normsBoard.groupBy.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {groupBy !== 'team' && groups.length > 0 && (
          <div className="field">
            <label htmlFor="norms-group">{t(`normsBoard.groupPick.${groupBy}`)}</label>
            <select
              className="norms-input"
              id="norms-group"
              value={groupKey}
              onChange={(e) => setChosen(e.target.value)}
            >
              {groups.map((g) => (
                <option key={g.key} value={g.key}>
                  {g.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="norms-peildatum">{t('normsBoard.peildatum')}</label>
          <input
            className="norms-input"
            id="norms-peildatum"
            type="date"
            value={peildatum}
            aria-invalid={!valid}
            aria-describedby="norms-peildatum-hint"
            onChange={(e) => setPeildatum(e.target.value)}
          />
          <p id="norms-peildatum-hint" className="muted norms-hint">
            {t('normsBoard.peildatumHint')}
          </p>
        </div>
      </form>

      <QueryState query={board}>
        {data && (
          <>
            <h2 className="norms-group-title">
              {groupBy === 'team' ? data.scopeLabel : group?.label}
              <span className="muted"> · {t('normsBoard.onDay', { date: formatDay(data.peildatum) })}</span>
            </h2>
            {group ? <ShareCards group={group} /> : <p className="muted">{t('normsBoard.noCases')}</p>}
            {groupBy !== 'team' && groups.length > 1 && <GroupsTable groups={groups} groupBy={groupBy} />}

            <section aria-labelledby="norms-trend-heading" className="norms-section">
              <h2 id="norms-trend-heading">{t('normsBoard.trend.heading')}</h2>
              <NormsTrend trend={data.trend} groupKey={groupKey} />
            </section>

            <section aria-labelledby="norms-breaches-heading" className="norms-section">
              <h2 id="norms-breaches-heading">{t('normsBoard.breaches.heading')}</h2>
              <p className="muted">{t('normsBoard.breaches.intro')}</p>
              <div className="norms-lists">
                {NORM_KEYS.map((norm) => (
                  <BreachList
                    key={norm}
                    norm={norm}
                    rows={breachesOf(data, groupBy, groupKey, norm)}
                    scope={scope}
                  />
                ))}
              </div>
            </section>

            <UpcomingList rows={upcomingOf(data, groupBy, groupKey)} scope={scope} />
          </>
        )}
      </QueryState>
    </Screen>
  );
}

function ShareCards({ group }: { group: NormsGroup }) {
  const { t } = useTranslation();
  return (
    <ul className="norms-cards" aria-label={t('normsBoard.sharesLabel')}>
      {NORM_KEYS.map((norm) => {
        const count = group.norms[norm];
        const pct = count.share === null ? 0 : Math.round(count.share * 100);
        return (
          <li key={norm} className="card norms-card" data-testid={`norms-share-${norm}`}>
            <h3 className="norms-card-title">{t(`normsBoard.norm.${norm}`)}</h3>
            <p className="norms-term muted">{t(`normsBoard.term.${norm}`)}</p>
            <p className="norms-figure">{shareText(count, t)}</p>
            <div className="norms-bar" aria-hidden="true">
              <span
                className="norms-bar-fill"
                style={{ width: `${pct}%`, background: NORM_STYLE[norm].color }}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function GroupsTable({ groups, groupBy }: { groups: NormsGroup[]; groupBy: GroupBy }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t(`normsBoard.groupsCaption.${groupBy}`)}>
      <table className="desk-table" data-testid="norms-groups">
        <caption>{t(`normsBoard.groupsCaption.${groupBy}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`normsBoard.groupBy.${groupBy}`)}</th>
            {NORM_KEYS.map((norm) => (
              <th key={norm} scope="col">
                {t(`normsBoard.norm.${norm}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              {NORM_KEYS.map((norm) => (
                <td key={norm}>{shareText(g.norms[norm], t)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
