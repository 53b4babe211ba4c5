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
import { QueryState } from '../../components/query-state';
import { AanbiederForm } from './aanbieder-form';
import { ArrangementForm } from './arrangement-form';
import {
  type AanbiederDraft,
  type AanbiederFilter,
  draftOfAanbieder,
  draftOfArrangement,
  NO_FILTER,
  newAanbiederDraft,
} from './kaart-model';
import { AanbiedersPanel, RegionsPanel } from './kaart-panels';
import { saveFailureOf, useKaart, useSaveAanbieder, useSaveArrangement } from './kaart-queries';

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
