/**
 * The two lists of the sociale kaart: the providers (search and filter, one
 * card each, who changed it last) and the regions with their gemeenten and
 * the GI's arrangement. They show and report clicks; the screen
 * (sociale-kaart.tsx) holds which form is open.
 */
import './texts';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { formatDateTimeWithYear } from '../../i18n';
import {
  type AanbiederFilter,
  arrangementSummary,
  categoriesIn,
  filterAanbieders,
  type Kaart,
  type KaartAanbieder,
  NO_FILTER,
} from './kaart-model';
import { breakable } from './text';

export function AanbiedersPanel({
  kaart,
  editingId,
  filter,
  onFilter,
  onNew,
  onEdit,
}: {
  kaart: Kaart;
  editingId: string | null;
  filter: AanbiederFilter;
  onFilter: (f: AanbiederFilter) => void;
  onNew: (e: MouseEvent<HTMLElement>) => void;
  onEdit: (a: KaartAanbieder, e: MouseEvent<HTMLElement>) => void;
}) {
  const { t } = useTranslation();
  const shown = filterAanbieders(kaart.aanbieders, filter);
  const regionName = new Map(kaart.regions.map((r) => [r.id, r.name]));
  const filtered = filter.query !== '' || filter.regionId !== '' || filter.category !== '';
  return (
    <>
      <h2 className="visually-hidden">{t('kaart.tabAanbieders')}</h2>
      <div className="kaart-toolbar">
        <div className="kaart-search">
          <label className="visually-hidden" htmlFor="kaart-search">
            {t('kaart.searchLabel')}
          </label>
          <input
            id="kaart-search"
            type="search"
            placeholder={t('kaart.search')}
            value={filter.query}
            onChange={(e) => onFilter({ ...filter, query: e.target.value })}
          />
        </div>
        <div className="kaart-filter">
          <label htmlFor="kaart-region">{t('kaart.filterRegion')}</label>
          <select
            id="kaart-region"
            value={filter.regionId}
            onChange={(e) => onFilter({ ...filter, regionId: e.target.value })}
          >
            <option value="">{t('kaart.allRegions')}</option>
            {kaart.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
            <option value="none">{t('kaart.noRegion')}</option>
          </select>
        </div>
        <div className="kaart-filter">
          <label htmlFor="kaart-category">{t('kaart.filterCategory')}</label>
          <select
            id="kaart-category"
            value={filter.category}
            onChange={(e) => onFilter({ ...filter, category: e.target.value as AanbiederFilter['category'] })}
          >
            <option value="">{t('kaart.allCategories')}</option>
            {categoriesIn(kaart.aanbieders).map((code) => (
              <option key={code} value={code}>
                {code} · {PRODUCT_CATEGORIES[code]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-primary kaart-new" onClick={onNew}>
          + {t('kaart.newAanbieder')}
        </button>
      </div>
      <div className="row-between kaart-count">
        <p className="muted small" role="status">
          {t('kaart.shown', { count: shown.length, total: kaart.aanbieders.length })}
        </p>
        {filtered && (
          <button type="button" className="button button-quiet" onClick={() => onFilter(NO_FILTER)}>
            {t('kaart.clearFilters')}
          </button>
        )}
      </div>
      {kaart.aanbieders.length === 0 ? (
        <p className="empty">{t('kaart.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('kaart.noMatch')}</p>
      ) : (
        <ul className="plain-list kaart-list" data-testid="kaart-aanbieders">
          {shown.map((a) => (
            <AanbiederCard
              key={a.id}
              aanbieder={a}
              regionName={regionName}
              editing={a.id === editingId}
              onEdit={(e) => onEdit(a, e)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function AanbiederCard({
  aanbieder: a,
  regionName,
  editing,
  onEdit,
}: {
  aanbieder: KaartAanbieder;
  regionName: Map<string, string>;
  editing: boolean;
  onEdit: (e: MouseEvent<HTMLElement>) => void;
}) {
  const { t } = useTranslation();
  const regions = a.regionIds.map((id) => regionName.get(id) ?? id);
  return (
    <li
      className="card kaart-card"
      data-inactive={a.active ? undefined : ''}
      data-editing={editing ? '' : undefined}
    >
      <div className="kaart-card-head">
        <h3>
          {a.name}
          {!a.active && <span className="pill pill-warn">{t('kaart.inactive')}</span>}
        </h3>
        <span className="muted small">{t('kaart.agb', { code: a.agbCode })}</span>
      </div>
      <span className={`pill kaart-wait ${a.waitWeeks === 0 ? 'pill-ok' : 'pill-info'}`}>
        {a.waitWeeks === 0 ? t('kaart.waitNone') : t('kaart.wait', { count: a.waitWeeks })}
      </span>
      <div className="kaart-card-body">
        <div>
          <h4 className="visually-hidden">{t('kaart.productsLabel')}</h4>
          <ul className="kaart-product-list">
            {a.products.map((p) => (
              <li key={p.code}>
                <span className="kaart-product-title">{p.name}</span>{' '}
                <span className="tag kaart-code">{p.code}</span>
                <span className="muted small kaart-category">
                  {p.category} · {PRODUCT_CATEGORIES[p.category]}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <dl className="kaart-facts">
          <div>
            <dt>{t('kaart.regionsLabel')}</dt>
            <dd className={regions.length ? undefined : 'text-warn'}>
              {regions.length ? regions.join(', ') : t('kaart.noRegions')}
            </dd>
          </div>
          <div>
            <dt>{t('kaart.contactLabel')}</dt>
            <dd className="kaart-break">
              {a.contactRoute ? breakable(a.contactRoute) : t('kaart.noContact')}
            </dd>
          </div>
        </dl>
      </div>
      {a.lastChange && (
        <p className="muted small kaart-changed">
          {t('kaart.lastChange', {
            by: a.lastChange.by,
            organisation: a.lastChange.organisation,
            date: formatDateTimeWithYear(a.lastChange.at),
          })}
        </p>
      )}
      <button
        type="button"
        className="button kaart-edit"
        aria-label={t('kaart.editNamed', { name: a.name })}
        onClick={onEdit}
      >
        {t('kaart.edit')}
      </button>
    </li>
  );
}

export function RegionsPanel({
  kaart,
  editingId,
  onEdit,
  onShowAanbieders,
}: {
  kaart: Kaart;
  editingId: string | null;
  onEdit: (regionId: string, e: MouseEvent<HTMLElement>) => void;
  onShowAanbieders: (regionId: string) => void;
}) {
  const { t } = useTranslation();
  if (kaart.regions.length === 0) return <p className="empty">{t('kaart.regions.empty')}</p>;
  return (
    <>
      <h2 className="visually-hidden">{t('kaart.tabRegions')}</h2>
      <ul className="plain-list kaart-list" data-testid="kaart-regions">
        {kaart.regions.map((r) => {
          const arrangement = kaart.arrangements.find((a) => a.regionId === r.id);
          const gemeenten = kaart.gemeenten.filter((g) => g.regionId === r.id);
          const providers = kaart.aanbieders.filter((a) => a.regionIds.includes(r.id)).length;
          return (
            <li
              key={r.id}
              className="card kaart-card kaart-region"
              data-editing={r.id === editingId ? '' : undefined}
            >
              <div className="kaart-card-head">
                <h3 id={`kaart-region-${r.id}`}>{r.name}</h3>
                <span className="muted small">
                  {t('kaart.regions.gemeenten', { count: gemeenten.length })} ·{' '}
                  {t('kaart.regions.aanbieders', { count: providers })}
                </span>
              </div>
              <p
                className={arrangement ? 'kaart-summary kaart-break' : 'kaart-summary kaart-break text-warn'}
              >
                {breakable(arrangementSummary(t, r.name, arrangement))}
              </p>
              <dl className="kaart-facts">
                <div>
                  <dt>{t('kaart.regions.expertteam')}</dt>
                  <dd>{arrangement?.expertteamContact || '—'}</dd>
                </div>
                {arrangement?.notes && (
                  <div>
                    <dt>{t('kaart.regions.notes')}</dt>
                    <dd>{arrangement.notes}</dd>
                  </div>
                )}
              </dl>
              <ul
                className="kaart-gemeenten"
                aria-label={t('kaart.regions.gemeenten', { count: gemeenten.length })}
              >
                {gemeenten.map((g) => (
                  <li key={g.id}>
                    {g.name} <span className="muted">{g.cbsCode}</span>
                  </li>
                ))}
              </ul>
              <div className="kaart-region-actions">
                <button
                  type="button"
                  className="button"
                  aria-describedby={`kaart-region-${r.id}`}
                  onClick={(e) => onEdit(r.id, e)}
                >
                  {arrangement ? t('kaart.regions.editArrangement') : t('kaart.regions.setArrangement')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  aria-describedby={`kaart-region-${r.id}`}
                  onClick={() => onShowAanbieders(r.id)}
                >
                  {t('kaart.regions.showAanbieders')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
