/**
 * The case file on the phone, from the local store (works offline): the
 * child, the three norms, an extension alert, measures and beschikkingen,
 * family and network, and a timeline of contacts, koers versions and
 * referrals. Opening it is logged on the device for the access log, and marks
 * the case as read.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { dutchToday } from '../../../../shared/rules/dates';
import { ChunkScreen, chunk, preloadChunk } from '../../app/chunk';
import { LOCAL_KEY, useField, useLocalQuery } from '../../app/field-context';
import { queryClient } from '../../app/trpc';
import { formatDateTime, formatDay } from '../../i18n';
import { logLocalRead, markCaseSeen } from '../../local/seen';
import type { LocalData } from '../../local/store';
import { type LocalCaseFile, type TimelineItem, withNewContact } from '../../read-models/case-file';
import { currentMeasure } from '../../read-models/norms';
import type { ContactSheetProps } from '../contact/contact-sheet';
import { contactDraftKey } from '../contact/draft-key';
import { caseFileQuery } from './prefetch';
import { ExtensionBanner, MeasuresSection, NetworkSection, NormsSection } from './sections';

// The contact sheet is a chunk of its own (the field path stays small), fetched once the app is idle
// after starting and again when a case file opens: it opens at once, offline too, even before the
// service worker has cached it.
const contactSheet = chunk<ContactSheetProps>(() =>
  import('../contact/contact-sheet').then((m) => ({ default: m.ContactSheet })),
);
if (typeof requestIdleCallback === 'function')
  requestIdleCallback(() => preloadChunk(contactSheet), { timeout: 10_000 });

// Photos and documents: their section and a contact's thumbnails, one lazy chunk off the field path.
const bijlagenSection = chunk<{ caseId: string }>(() =>
  import('../attachments/case-attachments').then((m) => ({ default: m.BijlagenSection })),
);
const contactAttachments = chunk<{ caseId: string; contactId: string }>(() =>
  import('../attachments/case-attachments').then((m) => ({ default: m.ContactAttachments })),
);
// The handover summary (issue 21): a chunk of its own, off the field path.
const handoverCard = chunk<{ file: LocalCaseFile }>(() => import('../documents/handover-summary'));

/**
 * `contact`: the contact sheet is open over the file (/dossier/:caseId/contact[/:amendsId]). The
 * file stays mounted under it, so opening and saving redraw nothing but the sheet and one new line.
 */
export function CaseFileScreen({ caseId, contact }: { caseId: string; contact?: { amendsId?: string } }) {
  const { t } = useTranslation();
  const { store } = useField();
  const query = caseFileQuery(caseId);
  const file = useLocalQuery(query.key, query.read);
  // The contact just saved in the sheet: drawn in the same render that closes the sheet (the next read
  // of the store has it too, a moment later).
  const [saved, setSaved] = useState<LocalData<'contact'> | null>(null);
  const data = useMemo(
    () => (file.data && saved ? withNewContact(file.data, saved) : file.data),
    [file.data, saved],
  );
  const sheetOpen = !!contact;

  useEffect(() => preloadChunk(contactSheet), []);
  // A sheet closed without saving may have left a draft (or a save removed it): the notice asks again.
  useEffect(() => {
    if (!sheetOpen) void queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'contact-draft', caseId] });
    else setSaved(null);
  }, [sheetOpen, caseId]);

  // One access-log entry per opening of the file (not per re-render or sync).
  useEffect(() => {
    void logLocalRead(store, caseId);
  }, [store, caseId]);
  const seenVersion = file.data?.highestVersion;
  useEffect(() => {
    if (seenVersion !== undefined) void markCaseSeen(store, caseId, seenVersion);
  }, [store, caseId, seenVersion]);

  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (file.isError || !data) {
    return (
      <section className="screen">
        <Link href="/" className="back-link">
          ← {t('app.back')}
        </Link>
        <p className="error-box" role="alert">
          {file.isError ? t('errors.local') : t('caseFile.notOnDevice')}
        </p>
      </section>
    );
  }
  return (
    <>
      <CaseFile data={data} saved={saved?.id ?? null} />
      {contact && (
        <ChunkScreen of={contactSheet} props={{ caseId, amendsId: contact.amendsId, onSaved: setSaved }} />
      )}
    </>
  );
}

function CaseFile({ data, saved }: { data: LocalCaseFile; saved: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="screen case-file" aria-labelledby="case-title">
      <ChunkScreen of={handoverCard} props={{ file: data }} quiet />
      <CaseFileHead
        caseId={data.caseId}
        jeugdige={data.jeugdige}
        gezin={data.gezin}
        network={data.network}
        measures={data.measures}
        beschikkingen={data.beschikkingen}
        norms={data.norms}
        extension={data.extension}
        koersen={data.koersen}
        conflicts={data.conflicts}
      />
      <ContactDraftNotice caseId={data.caseId} />
      <ChunkScreen of={bijlagenSection} props={{ caseId: data.caseId }} quiet />
      <h2>{t('caseFile.timeline')}</h2>
      <Timeline caseId={data.caseId} timeline={data.timeline} saved={saved} />
      {/* Polite: said once the save is done, while the focus goes to the new contact. */}
      <p className="save-status" role="status">
        {saved ? t('contact.saved') : ''}
      </p>
    </section>
  );
}

type HeadProps = Pick<
  LocalCaseFile,
  | 'caseId'
  | 'jeugdige'
  | 'gezin'
  | 'network'
  | 'measures'
  | 'beschikkingen'
  | 'norms'
  | 'extension'
  | 'koersen'
  | 'conflicts'
>;

/** Everything above the timeline: a contact just saved leaves its parts as they were, so it is not drawn again. */
const CaseFileHead = memo(function CaseFileHead(data: HeadProps) {
  const { t } = useTranslation();
  const { jeugdige } = data;
  const measure = currentMeasure(data.measures);
  const koers = data.koersen[0];
  return (
    <>
      <Link href="/" className="back-link">
        ← {t('app.back')}
      </Link>
      <div className="screen-head">
        <h1 id="case-title">
          {jeugdige.firstName} {jeugdige.lastName}
        </h1>
        <p className="muted">
          {formatDay(jeugdige.birthDate)} · {measure && <>{t(`maatregel.${measure.type}`)} · </>}
          {jeugdige.gemeente}
        </p>
      </div>

      <div className="actions">
        <Link href={`/dossier/${data.caseId}/contact`} className="button button-primary" id="contact-new">
          {t('contact.new')}
        </Link>
        <Link href={`/dossier/${data.caseId}/koers`} className="button">
          {koers ? t('koers.open', { version: koers.version }) : t('koers.start')}
        </Link>
        <Link href={`/dossier/${data.caseId}/hulp`} className="button">
          {t('help.new')}
        </Link>
      </div>

      {data.conflicts.length > 0 && (
        <div className="banner banner-late" role="alert">
          {t('koers.conflictsWaiting', { count: data.conflicts.length })}{' '}
          <Link href={`/dossier/${data.caseId}/koers`}>{t('koers.resolve')}</Link>
        </div>
      )}
      <ExtensionBanner
        alert={data.extension}
        action={
          measure && data.extension?.state === 'verlopen' ? (
            <Link href={`/dossier/${data.caseId}/maatregel/${measure.id}`} data-testid="lapsed-action">
              {t('caseFile.decide')}
            </Link>
          ) : (
            <Link href={`/dossier/${data.caseId}/verlenging`} data-testid="extension-action">
              {t('caseFile.extension.open')}
            </Link>
          )
        }
      />
      <NormsSection norms={data.norms} />
      <NetworkSection
        people={data.network}
        address={data.gezin && [data.gezin.address, data.gezin.postcode].filter(Boolean).join(', ')}
      />
      <MeasuresSection
        measures={data.measures}
        beschikkingen={data.beschikkingen}
        today={dutchToday()}
        actionFor={(m) =>
          m.status === 'lopend' ? (
            <Link href={`/dossier/${data.caseId}/maatregel/${m.id}`} className="link-small">
              {t('caseFile.decide')}
            </Link>
          ) : null
        }
      />
    </>
  );
});

/** "Er is een concept-contact van …": a contact begun and not saved, one tap from going on with it. */
function ContactDraftNotice({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const draft = useLocalQuery(['contact-draft', caseId], async (s) => {
    const row = await s.db.drafts.get(contactDraftKey(caseId));
    return row ? row.updatedAt : null;
  });
  if (!draft.data) return null;
  return (
    <p className="banner banner-warn draft-notice" data-testid="contact-draft-notice">
      {t('caseFile.contactDraft', { date: formatDateTime(draft.data) })}{' '}
      <Link href={`/dossier/${caseId}/contact`}>{t('caseFile.contactDraftContinue')}</Link>
    </p>
  );
}

/** The newest items first; older ones on request (two years of weekly contacts is a long list). */
const TIMELINE_PAGE = 12;

function Timeline({
  caseId,
  timeline,
  saved,
}: {
  caseId: string;
  timeline: TimelineItem[];
  saved: string | null;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(TIMELINE_PAGE);
  // The item that holds a contact just saved (an addendum sits under its original).
  const savedAt = saved
    ? timeline.findIndex(
        (i) => i.kind === 'contact' && (i.contact.id === saved || i.amendments.some((a) => a.id === saved)),
      )
    : -1;
  const limit = Math.max(shown, savedAt + 1);

  // Show it: scrolled into view and focused, so the eye and a screen reader find it at once. A frame
  // later: after the shell's own effects for the new location (a new screen starts at its top).
  useEffect(() => {
    if (!saved) return;
    const frame = requestAnimationFrame(() => {
      const entry = document.getElementById(`entry-${saved}`);
      entry?.scrollIntoView({ block: 'center' });
      entry?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [saved]);

  if (timeline.length === 0) return <p className="muted">{t('caseFile.noContacts')}</p>;
  return (
    <>
      <ol className="plain-list timeline" data-testid="timeline">
        {timeline.slice(0, limit).map((item) => (
          <TimelineEntry key={`${item.kind}:${itemId(item)}`} item={item} caseId={caseId} saved={saved} />
        ))}
      </ol>
      {timeline.length > limit && (
        <button type="button" className="button more" onClick={() => setShown(limit + TIMELINE_PAGE)}>
          {t('caseFile.older', { count: timeline.length - limit })}
        </button>
      )}
    </>
  );
}

const itemId = (item: TimelineItem) =>
  item.kind === 'contact' ? item.contact.id : item.kind === 'koers' ? item.koers.id : item.verwijzing.id;

/** The saved contact this entry holds (itself or an addendum), if any. */
const savedIn = ({ item, saved }: EntryProps) =>
  saved !== null &&
  item.kind === 'contact' &&
  (item.contact.id === saved || item.amendments.some((m) => m.id === saved))
    ? saved
    : null;

const sameItem = (x: TimelineItem, y: TimelineItem) =>
  x === y ||
  (x.kind === 'contact' &&
    y.kind === 'contact' &&
    x.contact === y.contact &&
    x.pending === y.pending &&
    x.amendments.length === y.amendments.length &&
    x.amendments.every((m, i) => m === y.amendments[i]));

/** Drawn again only when its own contact (addenda, pending state) changed, or it holds the one just saved. */
const sameEntry = (a: EntryProps, b: EntryProps) =>
  a.caseId === b.caseId && savedIn(a) === savedIn(b) && sameItem(a.item, b.item);

interface EntryProps {
  item: TimelineItem;
  caseId: string;
  saved: string | null;
}

const TimelineEntry = memo(function TimelineEntry({ item, caseId, saved }: EntryProps) {
  const { t } = useTranslation();
  if (item.kind === 'koers') {
    return (
      <li className="card timeline-koers">
        <strong>{t('koers.version', { version: item.koers.version })}</strong> ·{' '}
        {t(`koers.status.${item.koers.status}`)}
        {item.koers.agreedOn && <> · {t('koers.agreedOn', { date: formatDay(item.koers.agreedOn) })}</>}
      </li>
    );
  }
  if (item.kind === 'verwijzing') {
    const v = item.verwijzing;
    return (
      <li className="card timeline-verwijzing">
        <Link href={`/dossier/${caseId}/hulp/${v.id}`}>
          <strong>{t('caseFile.referral')}</strong> · {v.productName ?? v.need}
        </Link>{' '}
        · <span data-testid="referral-status">{t(`verwijzingStatus.${v.status}`)}</span>
        <div className="muted small">
          {v.helpDueDate && <>{t('help.due', { date: formatDay(v.helpDueDate) })} · </>}
          {t(`help.urgency.${v.urgency}`)}
          {v.expectedStartOn && v.status !== 'gestart' && (
            <> · {t('help.expectedStartShort', { date: formatDay(v.expectedStartOn) })}</>
          )}
        </div>
      </li>
    );
  }
  const c = item.contact;
  const isSaved = saved === c.id;
  return (
    <li
      className={isSaved ? 'card timeline-contact just-saved' : 'card timeline-contact'}
      data-pending={item.pending || undefined}
      id={isSaved ? `entry-${c.id}` : undefined}
      tabIndex={isSaved ? -1 : undefined}
    >
      <div>
        <strong>{t(`contactKind.${c.kind}`)}</strong> · {formatDateTime(c.occurredAt)}
        {c.childSeen && <span className="tag">{t('caseFile.childSeen')}</span>}
        {item.pending && <span className="tag tag-warn">{t('sync.notYet')}</span>}
      </div>
      {c.present.length > 0 && (
        <div className="muted small">{t('contact.presentList', { names: c.present.join(', ') })}</div>
      )}
      <p className="report">{c.report ?? <span className="muted">{t('caseFile.reportHidden')}</span>}</p>
      {c.nextContactOn && (
        <div className="muted small">
          {t('contact.nextContactShown', { date: formatDay(c.nextContactOn) })}
        </div>
      )}
      {item.amendments.map((a) => (
        <div
          key={a.id}
          className={saved === a.id ? 'amendment just-saved' : 'amendment'}
          id={saved === a.id ? `entry-${a.id}` : undefined}
          tabIndex={saved === a.id ? -1 : undefined}
        >
          <strong>{t('contact.amendment')}</strong> · {formatDateTime(a.occurredAt)}
          <p className="report">{a.report}</p>
        </div>
      ))}
      <ChunkScreen of={contactAttachments} props={{ caseId, contactId: c.id }} quiet />
      <Link href={`/dossier/${caseId}/contact/${c.id}`} className="link-small">
        {t('contact.addAmendment')}
      </Link>
    </li>
  );
}, sameEntry);
