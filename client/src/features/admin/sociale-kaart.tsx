/**
 * The sociale kaart as beheerders and support staff keep it: the providers
 * (search, filter by region and product category, add, change) and the
 * regions with their gemeenten and the GI's arrangement. One form is open at
 * a time: beside the list on a wide screen, instead of it on a phone; closing
 * it gives the focus back to the button that opened it. A save refreshes the
 * kaart before the form closes and says so in a live region. The providers are
 * shared by every organisation: each card says who changed it last, and when.
 */
import './texts';
import { type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CATEGORIES } from '../../../../shared/schemas/product-categories';
import { QueryState } from '../../components/query-state';
import { formatDateTimeWithYear } from '../../i18n';
import { AanbiederForm } from './aanbieder-form';
import { ArrangementForm } from './arrangement-form';
import {
  type AanbiederDraft,
  type AanbiederFilter,
  arrangementSummary,
  categoriesIn,
  draftOfAanbieder,
  draftOfArrangement,
  filterAanbieders,
  type Kaart,
  type KaartAanbieder,
  NO_FILTER,
  newAanbiederDraft,
} from './kaart-model';
import { saveFailureOf, useKaart, useSaveAanbieder, useSaveArrangement } from './kaart-queries';
import { breakable } from './text';

type Tab = 'aanbieders' | 'regions';
const TABS: Tab[] = ['aanbieders', 'regions'];

type Editing =
  | { kind: 'aanbieder'; draft: AanbiederDraft; isNew: boolean }
  | { kind: 'arrangement'; regionId: string };

/** How long the "opgeslagen" notice stays. */
const NOTICE_MS = 8000;

export function SocialeKaart() {
  const { t } = useTranslation();
  const kaart = useKaart();
  const saveAanbieder = useSaveAanbieder();
  const saveArrangement = useSaveArrangement();
  const [tab, setTab] = useState<Tab>('aanbieders');
  const [filter, setFilter] = useState<AanbiederFilter>(NO_FILTER);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState('');
  const opener = useRef<HTMLElement | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  // Back from a form: the focus returns to where the user was.
  useEffect(() => {
    if (editing || !opener.current) return;
    if (opener.current.isConnected) opener.current.focus();
    opener.current = null;
  }, [editing]);

  // On a wide screen the form sits beside the list, sticky: scroll just enough that all of it, save button
  // included, is in view (a no-op when the page is already scrolled down the list).
  const editorKey = editing ? (editing.kind === 'aanbieder' ? editing.draft.id : editing.regionId) : null;
  useEffect(() => {
    if (editorKey && window.matchMedia('(min-width: 1024px)').matches) {
      editorRef.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [editorKey]);

  const open = (next: Editing, event: MouseEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
    setNotice('');
    setEditing(next);
  };
  const close = () => setEditing(null);

  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? 'aanbieders';
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const data = kaart.data;
  const region = (id: string) => data?.regions.find((r) => r.id === id);

  let editor: React.ReactNode = null;
  if (editing?.kind === 'aanbieder' && data) {
    editor = (
      <AanbiederForm
        key={editing.draft.id}
        initial={editing.draft}
        isNew={editing.isNew}
        regions={data.regions}
        failureOf={saveFailureOf}
        onCancel={close}
        onSave={async (input) => {
          await saveAanbieder.mutateAsync(input);
          setNotice(t('kaart.saved', { name: input.name }));
          close();
        }}
      />
    );
  } else if (editing?.kind === 'arrangement' && data) {
    const name = region(editing.regionId)?.name ?? '';
    editor = (
      <ArrangementForm
        key={editing.regionId}
        regionName={name}
        initial={draftOfArrangement(
          editing.regionId,
          data.arrangements.find((a) => a.regionId === editing.regionId),
        )}
        failureOf={saveFailureOf}
        onCancel={close}
        onSave={async (input) => {
          await saveArrangement.mutateAsync(input);
          setNotice(t('kaart.arrangementSaved', { region: name }));
          close();
        }}
      />
    );
  }

  return (
    <div className="kaart" data-editing={editor ? '' : undefined}>
      <div className="kaart-browse">
        <div className="kaart-tabs" role="tablist" aria-label={t('kaart.sections')}>
          {TABS.map((id) => (
            <button
              key={id}
              ref={(el) => {
                tabRefs.current[id] = el;
              }}
              type="button"
              role="tab"
              id={`kaart-tab-${id}`}
              aria-controls={`kaart-panel-${id}`}
              aria-selected={tab === id}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={onTabKey}
            >
              {id === 'aanbieders' ? t('kaart.tabAanbieders') : t('kaart.tabRegions')}
              {data && (
                <span className="kaart-tab-count">
                  {id === 'aanbieders' ? data.aanbieders.length : data.regions.length}
                </span>
              )}
            </button>
          ))}
        </div>
        {TABS.filter((id) => id !== tab).map((id) => (
          <div key={id} role="tabpanel" id={`kaart-panel-${id}`} aria-labelledby={`kaart-tab-${id}`} hidden />
        ))}
        <div role="tabpanel" id={`kaart-panel-${tab}`} aria-labelledby={`kaart-tab-${tab}`}>
          <QueryState query={kaart}>
            {data &&
              (tab === 'aanbieders' ? (
                <AanbiedersPanel
                  kaart={data}
                  editingId={editing?.kind === 'aanbieder' ? editing.draft.id : null}
                  filter={filter}
                  onFilter={setFilter}
                  onNew={(e) => open({ kind: 'aanbieder', draft: newAanbiederDraft(), isNew: true }, e)}
                  onEdit={(a, e) => open({ kind: 'aanbieder', draft: draftOfAanbieder(a), isNew: false }, e)}
                />
              ) : (
                <RegionsPanel
                  kaart={data}
                  editingId={editing?.kind === 'arrangement' ? editing.regionId : null}
                  onEdit={(regionId, e) => open({ kind: 'arrangement', regionId }, e)}
                  onShowAanbieders={(regionId) => {
                    setFilter({ ...NO_FILTER, regionId });
                    setTab('aanbieders');
                    tabRefs.current.aanbieders?.focus();
                  }}
                />
              ))}
          </QueryState>
        </div>
      </div>
      {editor && (
        <div className="kaart-editor" ref={editorRef}>
          {editor}
        </div>
      )}
      <div className="kaart-notice" role="status">
        {notice && <p>{notice}</p>}
      </div>
    </div>
  );
}

function AanbiedersPanel({
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

function RegionsPanel({
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
