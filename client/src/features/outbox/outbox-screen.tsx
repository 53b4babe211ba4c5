/**
 * Wachtrij: every change on this device that the server has not accepted
 * yet, in plain Dutch with its content. Pending ones wait for the next sync
 * (which can be started here); refused ones show the server's reason and
 * what the user can do: send again, copy the text, change it (contacts),
 * or throw it away after confirming. Nothing leaves without the user.
 */
import './texts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useField, useLocalQuery, useSyncStatus } from '../../app/field-context';
import { Screen } from '../../components/screen';
import { formatDateTime, localDateTime } from '../../i18n';
import { saveDraft } from '../../local/drafts';
import { discardRefused, type OutboxEntry, readOutbox, requeue } from '../../sync/outbox';
import { AnnouncedAttachment, RefusedAttachments } from '../attachments/wachtrij-attachments';
import { contactDraftKey } from '../contact/draft-key';
import { describeEntry } from './describe';

async function childNames(store: Parameters<typeof readOutbox>[0]) {
  const children = await store.list('jeugdige');
  return new Map(children.map((c) => [c.caseId, `${c.data.firstName} ${c.data.lastName}`]));
}

async function loadOutbox(store: Parameters<typeof readOutbox>[0]) {
  const entries = await readOutbox(store);
  const children = await store.list('jeugdige');
  const names = new Map(children.map((c) => [c.caseId, `${c.data.firstName} ${c.data.lastName}`]));
  return entries.map((entry) => ({ entry, child: entry.caseId ? (names.get(entry.caseId) ?? null) : null }));
}

export function OutboxScreen() {
  const { t } = useTranslation();
  const { runner } = useField();
  const status = useSyncStatus();
  const outbox = useLocalQuery(['outbox'], loadOutbox);
  const items = outbox.data ?? [];
  const children = useLocalQuery(['outbox-children'], childNames);
  const refused = items.filter((i) => i.entry.status === 'refused');
  const pending = items.filter((i) => i.entry.status === 'pending');
  return (
    <Screen id="outbox" title={t('outbox.title')} intro={t('outbox.intro')}>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={status.phase === 'syncing'}
          onClick={() => void runner.syncNow()}
        >
          {status.phase === 'syncing' ? t('sync.syncing') : t('outbox.syncNow')}
        </button>
      </div>
      {status.phase === 'offline' && <p className="muted">{t('outbox.offlineHint')}</p>}
      {items.length === 0 && outbox.data && status.refused === 0 && status.pending === 0 && (
        <p className="empty">{t('outbox.empty')}</p>
      )}
      <RefusedAttachments childOf={(caseId) => children.data?.get(caseId) ?? null} />
      {refused.length > 0 && (
        <>
          <h2>{t('outbox.refusedTitle', { count: refused.length })}</h2>
          <ul className="plain-list" data-testid="outbox-refused">
            {refused.map((i) => (
              <OutboxItem key={i.entry.mutationId} entry={i.entry} child={i.child} />
            ))}
          </ul>
        </>
      )}
      {pending.length > 0 && (
        <>
          <h2>{t('outbox.pendingTitle', { count: pending.length })}</h2>
          <ul className="plain-list" data-testid="outbox-pending">
            {pending.map((i) => (
              <OutboxItem key={i.entry.mutationId} entry={i.entry} child={i.child} />
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function OutboxItem({ entry, child }: { entry: OutboxEntry; child: string | null }) {
  const { t } = useTranslation();
  const { store, runner } = useField();
  const [, navigate] = useLocation();
  const [note, setNote] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const d = describeEntry(entry, t, formatDateTime);
  const refused = entry.status === 'refused';

  const resend = async () => {
    await requeue(store, entry.mutationId);
    runner.afterWrite();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(d.text || d.title);
      setNote(t('outbox.copied'));
    } catch {
      setNote(t('outbox.copyFailed'));
    }
  };
  const amend = async () => {
    const args = entry.args as {
      caseId: string;
      kind: string;
      report: string;
      present: string[];
      childSeen: boolean;
      occurredAt: string;
      amendsId: string | null;
    };
    // The text goes into the form's draft first; only then does the refused entry go.
    await saveDraft(store, contactDraftKey(args.caseId, args.amendsId ?? undefined), {
      kind: args.kind,
      when: localDateTime(new Date(args.occurredAt)),
      present: args.present,
      childSeen: args.childSeen,
      report: args.report,
    });
    await discardRefused(store, entry.mutationId);
    runner.afterWrite();
    navigate(`/dossier/${args.caseId}/contact${args.amendsId ? `/${args.amendsId}` : ''}`);
  };
  const discard = async () => {
    confirmRef.current?.close();
    await discardRefused(store, entry.mutationId);
    runner.afterWrite();
  };

  return (
    <li className={`card outbox-item ${refused ? 'outbox-refused' : ''}`}>
      <div className="row-between">
        <strong>{d.title}</strong>
        <span className={`pill ${refused ? 'pill-late' : 'pill-warn'}`}>
          {refused ? t('outbox.refused') : t('outbox.pending')}
        </span>
      </div>
      <div className="muted small">
        {child ?? t('outbox.caseGone')} · {t('outbox.madeAt', { when: formatDateTime(entry.createdAt) })}
      </div>
      {refused && (
        <p className="error">
          {t('outbox.reason')} {entry.reason}
        </p>
      )}
      {entry.name === 'addAttachment' && (
        <AnnouncedAttachment id={String((entry.args as { id?: string }).id)} />
      )}
      {d.content && (
        <details>
          <summary>{t('outbox.showContent')}</summary>
          <p className="report">{d.content}</p>
        </details>
      )}
      {refused && (
        <div className="actions">
          <button type="button" className="button" onClick={() => void resend()}>
            {t('outbox.resend')}
          </button>
          <button type="button" className="button" onClick={() => void copy()}>
            {t('outbox.copy')}
          </button>
          {entry.name === 'logContact' && child && (
            <button type="button" className="button" onClick={() => void amend()}>
              {t('outbox.amend')}
            </button>
          )}
          <button
            type="button"
            className="button button-danger"
            onClick={() => confirmRef.current?.showModal()}
          >
            {t('outbox.discard')}
          </button>
        </div>
      )}
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      <dialog ref={confirmRef} className="dialog" aria-labelledby={`discard-${entry.mutationId}`}>
        <h2 id={`discard-${entry.mutationId}`}>{t('outbox.discardTitle')}</h2>
        <p>{t('outbox.discardText')}</p>
        <div className="actions">
          <button type="button" className="button button-danger" onClick={() => void discard()}>
            {t('outbox.discardConfirm')}
          </button>
          <button type="button" className="button" onClick={() => confirmRef.current?.close()}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
    </li>
  );
}
