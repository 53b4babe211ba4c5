/**
 * Vandaag / Deze week: what needs the jeugdbeschermer, overdue first, each
 * item one tap from its action (case file, koers, contact sheet, request for
 * help, wachtrij). Built from the local store by the shared agenda rules, so
 * it works offline; says how old what it shows is (the last sync). An item
 * marked "gezien" goes quiet until its fingerprint changes (a new date, a new
 * answer, its date passing), with undo; stand-in cases are marked.
 */
import './texts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isVandaag, pruneSeen, type SeenMarks, unseenItems } from '../../../../shared/rules/agenda';
import { LOCAL_KEY, useField, useLocalQuery, useSyncStatus } from '../../app/field-context';
import { Screen } from '../../components/screen';
import { formatDateTime, formatDay } from '../../i18n';
import { type AgendaEntry, type AgendaView, loadAgenda, saveSeen } from '../../read-models/agenda';
import { RemindersLink } from '../reminders/link';
import { AGENDA_QUERY } from './agenda-query';

/** The agenda's texts by computed key (the typed `t` cannot follow a key built from a kind). */
type T = (key: string, options?: Record<string, unknown>) => string;

function whatOf(item: AgendaEntry, t: T): string {
  const measure = item.measureType ? t(`maatregel.${item.measureType}`) : '';
  const product = item.product ?? '';
  if (item.kind === 'verwijzing-vraag' && item.step === 'afwijzen')
    return t('agenda.kind.verwijzing-vraag-afwijzen', { product });
  if (item.kind === 'wachtrij-wacht') return t('agenda.kind.wachtrij-wacht', { count: item.count ?? 0 });
  return t(`agenda.kind.${item.kind}`, { measure, product });
}

function dueOf(item: AgendaEntry, t: T): string {
  if (item.when === 'overdue') return t('agenda.overdueSince', { date: formatDay(item.due) });
  if (item.when === 'today') return t('agenda.dueToday');
  // A planned contact or an evaluation is on a day; a norm, a request, an end date by a day.
  const on = item.kind === 'contact-gepland' || item.kind === 'koers-evaluatie';
  return t(on ? 'agenda.on' : 'agenda.dueOn', { date: formatDay(item.due) });
}

export function AgendaScreen() {
  const { t } = useTranslation();
  const { user, store } = useField();
  const status = useSyncStatus();
  const queryClient = useQueryClient();
  const agenda = useLocalQuery(AGENDA_QUERY, (s) => loadAgenda(s, user.id));
  const [showSeen, setShowSeen] = useState(false);
  const [notice, setNotice] = useState<{ text: string; undo?: SeenMarks } | null>(null);
  const [failed, setFailed] = useState(false);
  const undoButton = useRef<HTMLButtonElement>(null);
  const noticeBox = useRef<HTMLParagraphElement>(null);
  const data = agenda.data;
  const shown = !!data;
  useEffect(() => {
    // For the benchmarks: the moment the agenda is painted and can be used.
    if (shown) performance.mark('agenda-usable');
  }, [shown]);

  const keep = async (view: AgendaView, marks: SeenMarks) => {
    setFailed(false);
    try {
      await saveSeen(store, marks);
    } catch {
      setFailed(true);
      return false;
    }
    queryClient.setQueryData([LOCAL_KEY, ...AGENDA_QUERY], { ...view, seen: marks });
    return true;
  };
  const markSeen = async (item: AgendaEntry) => {
    if (!data) return;
    const before = data.seen;
    const marks = { ...pruneSeen(data.items, before), [item.key]: item.fingerprint };
    if (await keep(data, marks)) {
      setNotice({ text: t('agenda.seenDone', { what: whatOf(item, t as never) }), undo: before });
      // The item left the list: focus goes to the answer, whose one button undoes it.
      requestAnimationFrame(() => undoButton.current?.focus());
    }
  };
  const restore = async (item: AgendaEntry) => {
    if (!data) return;
    const { [item.key]: _gone, ...marks } = data.seen;
    if (await keep(data, marks)) setNotice({ text: t('agenda.undone') });
  };
  const undo = async () => {
    if (!data || !notice?.undo) return;
    if (await keep(data, notice.undo)) {
      setNotice({ text: t('agenda.undone') });
      requestAnimationFrame(() => noticeBox.current?.focus());
    }
  };

  const unseen = data ? unseenItems(data.items, data.seen) : [];
  const visible = data ? (showSeen ? data.items : unseen) : [];
  const seenCount = data ? data.items.length - unseen.length : 0;
  const today = visible.filter(isVandaag);
  const week = visible.filter((i) => !isVandaag(i));
  const isSeen = (item: AgendaEntry) => data?.seen[item.key] === item.fingerprint;

  const list = (items: AgendaEntry[], testId: string) => (
    <ul className="agenda-list" data-testid={testId}>
      {items.map((item) => {
        const what = whatOf(item, t as never);
        const seen = isSeen(item);
        return (
          <li
            key={item.key}
            className={`agenda-item agenda-${item.when}${seen ? ' agenda-seen' : ''}`}
            data-testid="agenda-item"
            data-key={item.key}
            data-when={item.when}
          >
            <Link href={item.route} className="agenda-link">
              <span className="agenda-what">{what}</span>
              {item.childName && <span className="agenda-child">{item.childName}</span>}
              <span className="agenda-due">
                {item.when === 'overdue' ? (
                  <span className="pill pill-late">{dueOf(item, t as never)}</span>
                ) : (
                  dueOf(item, t as never)
                )}
                {item.standIn && <span className="tag agenda-standin">{t('agenda.standIn')}</span>}
              </span>
            </Link>
            {seen ? (
              <button type="button" className="button button-quiet" onClick={() => void restore(item)}>
                {t('agenda.undo')}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                aria-label={t('agenda.seenLabel', { what })}
                onClick={() => void markSeen(item)}
              >
                {t('agenda.seen')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );

  const weekEnd = data?.weekEnd ?? null;
  return (
    <Screen
      id="agenda"
      title={t('agenda.title')}
      intro={
        <>
          {t('agenda.intro')}{' '}
          <span data-testid="agenda-stand">
            {status.lastSyncedAt
              ? t('agenda.stand', { when: formatDateTime(status.lastSyncedAt) })
              : t('agenda.standNever')}
          </span>
          {status.phase === 'offline' && <> {t('agenda.offline')}</>}
        </>
      }
    >
      <p ref={noticeBox} className="agenda-notice" role="status" tabIndex={-1}>
        {notice && (
          <>
            {notice.text}{' '}
            {notice.undo && (
              <button ref={undoButton} type="button" className="button" onClick={() => void undo()}>
                {t('agenda.undo')}
              </button>
            )}
          </>
        )}
      </p>
      {failed && (
        <p className="error-box" role="alert">
          {t('agenda.saveFailed')}
        </p>
      )}
      {agenda.isError ? (
        <p className="error-box" role="alert">
          {t('errors.local')}
        </p>
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <section aria-labelledby="agenda-today" className="agenda-group">
            <h2 id="agenda-today">{t('agenda.today', { count: today.length })}</h2>
            {today.length ? list(today, 'agenda-today') : <p className="empty">{t('agenda.nothingToday')}</p>}
          </section>
          <section aria-labelledby="agenda-week" className="agenda-group">
            <h2 id="agenda-week">{t('agenda.week', { count: week.length })}</h2>
            {weekEnd && <p className="muted small">{t('agenda.weekHint', { date: formatDay(weekEnd) })}</p>}
            {week.length ? list(week, 'agenda-week') : <p className="empty">{t('agenda.nothingWeek')}</p>}
          </section>
          {(seenCount > 0 || showSeen) && (
            <p className="muted small">
              {t('agenda.seenCount', { count: seenCount })}{' '}
              <button type="button" className="button button-quiet" onClick={() => setShowSeen(!showSeen)}>
                {showSeen ? t('agenda.hideSeen') : t('agenda.showSeen')}
              </button>
            </p>
          )}
        </>
      )}
      <RemindersLink />
    </Screen>
  );
}
