/**
 * The case's photos and documents on the office case file (the team lead's: online-case-file-screen),
 * from `attachments.listForCase`: name, kind, size, date and author, and per complete one
 * "Bekijken" (a photo shown in the page, from a blob URL, never a URL with the child in it) and
 * "Downloaden". The bytes come from `GET /api/bijlagen/:id`, which checks need-to-know and logs
 * each view and download (server/services/attachments.ts).
 */
import './attachment-texts';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppRouter } from '../../../../server/routers';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { formatDateTimeWithYear } from '../../i18n';

/** 412 345 bytes → '0,4 MB'; under 100 kB in kB. */
export function formatSize(bytes: number): string {
  const number = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  return bytes < 100 * 1024
    ? `${number(Math.max(1, Math.round(bytes / 1024)))} kB`
    : `${number(bytes / 1024 / 1024)} MB`;
}

type AttachmentListItem = inferRouterOutputs<AppRouter>['attachments']['listForCase'][number];

type Note = { kind: 'busy' | 'ok' | 'error'; text: string };

/** The bytes, or the server's refusal in its words. */
async function fetchBytes(id: string, view: boolean): Promise<Blob> {
  const response = await fetch(`/api/bijlagen/${id}${view ? '?weergave=bekijken' : ''}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `HTTP ${response.status}`);
  }
  return response.blob();
}

function AttachmentItem({ item }: { item: AttachmentListItem }) {
  const { t } = useTranslation();
  const [photo, setPhoto] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  useEffect(() => () => (photo ? URL.revokeObjectURL(photo) : undefined), [photo]);

  const failed = (error: unknown) =>
    setNote({
      kind: 'error',
      text: t('caseAttachments.failed', {
        name: item.fileName,
        reason: error instanceof TypeError ? t('caseAttachments.offline') : (error as Error).message,
      }),
    });

  const view = async () => {
    setNote({ kind: 'busy', text: t('caseAttachments.loading', { name: item.fileName }) });
    try {
      const blob = await fetchBytes(item.id, true);
      setPhoto(URL.createObjectURL(blob));
      setNote({ kind: 'ok', text: t('caseAttachments.shown', { name: item.fileName }) });
    } catch (error) {
      failed(error);
    }
  };
  const download = async () => {
    setNote({ kind: 'busy', text: t('caseAttachments.loading', { name: item.fileName }) });
    try {
      const url = URL.createObjectURL(await fetchBytes(item.id, false));
      const link = document.createElement('a');
      link.href = url;
      link.download = item.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNote({ kind: 'ok', text: t('caseAttachments.downloaded', { name: item.fileName }) });
    } catch (error) {
      failed(error);
    }
  };

  const complete = item.status === 'complete';
  return (
    <li className="card" data-testid="case-attachment">
      <div>
        <strong>{item.fileName}</strong>
      </div>
      <p className="muted">
        {t('caseAttachments.meta', {
          kind: t(`caseAttachments.kind.${item.kind}`),
          size: formatSize(item.bytes),
          when: formatDateTimeWithYear(item.addedAt),
          author: item.authorName,
        })}
      </p>
      {!complete && (
        <p className="muted">
          {item.status === 'refused' ? t('caseAttachments.refused') : t('caseAttachments.uploading')}
        </p>
      )}
      {complete && (
        <div className="actions">
          {item.kind === 'foto' &&
            (photo ? (
              <button type="button" className="button" onClick={() => setPhoto(null)}>
                {t('caseAttachments.hide')}
              </button>
            ) : (
              <button
                type="button"
                className="button"
                onClick={view}
                aria-label={`${t('caseAttachments.view')}: ${item.fileName}`}
              >
                {t('caseAttachments.view')}
              </button>
            ))}
          <button
            type="button"
            className="button button-quiet"
            onClick={download}
            aria-label={`${t('caseAttachments.download')}: ${item.fileName}`}
          >
            {t('caseAttachments.download')}
          </button>
        </div>
      )}
      {note && (
        <p
          role={note.kind === 'error' ? 'alert' : 'status'}
          className={note.kind === 'error' ? 'field-error' : 'muted'}
        >
          {note.text}
        </p>
      )}
      {photo && (
        <img
          src={photo}
          alt={t('caseAttachments.photoAlt', { name: item.fileName })}
          style={{ maxWidth: '100%', height: 'auto', display: 'block' }}
        />
      )}
    </li>
  );
}

export function CaseAttachments({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const list = useQuery(trpc.attachments.listForCase.queryOptions({ caseId }));
  return (
    <>
      <h2>{t('caseAttachments.title')}</h2>
      <QueryState query={list}>
        {list.data &&
          (list.data.length === 0 ? (
            <p className="muted">{t('caseAttachments.none')}</p>
          ) : (
            <ul className="plain-list">
              {list.data.map((item) => (
                <AttachmentItem key={item.id} item={item} />
              ))}
            </ul>
          ))}
      </QueryState>
    </>
  );
}
