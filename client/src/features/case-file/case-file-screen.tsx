/**
 * The case file on the phone, from the local store (works offline): the
 * child, the three norms, an extension alert, measures and beschikkingen,
 * family and network, and a timeline of contacts, koers versions and
 * referrals. Opening it is logged on the device for the access log, and marks
 * the case as read.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { dutchToday } from '../../../../shared/rules/dates';
import { useField, useLocalQuery } from '../../app/field-context';
import { formatDateTime, formatDay } from '../../i18n';
import { logLocalRead, markCaseSeen } from '../../local/seen';
import type { LocalCaseFile, TimelineItem } from '../../read-models/case-file';
import { currentMeasure } from '../../read-models/norms';
import { caseFileQuery } from './prefetch';
import { ExtensionBanner, MeasuresSection, NetworkSection, NormsSection } from './sections';

export function CaseFileScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { store } = useField();
  const query = caseFileQuery(caseId);
  const file = useLocalQuery(query.key, query.read);

  // One access-log entry per opening of the file (not per re-render or sync).
  useEffect(() => {
    void logLocalRead(store, caseId);
  }, [store, caseId]);
  const seenVersion = file.data?.highestVersion;
  useEffect(() => {
    if (seenVersion !== undefined) void markCaseSeen(store, caseId, seenVersion);
  }, [store, caseId, seenVersion]);

  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (file.isError || !file.data) {
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
  return <CaseFile data={file.data} />;
}

/** The newest items first; older ones on request (two years of weekly contacts is a long list). */
const TIMELINE_PAGE = 12;

function CaseFile({ data }: { data: LocalCaseFile }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const { jeugdige } = data;
  const measure = currentMeasure(data.measures);
  const koers = data.koersen[0];
  return (
    <section className="screen case-file" aria-labelledby="case-title">
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
        <Link href={`/dossier/${data.caseId}/contact`} className="button button-primary">
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
          ) : null
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

      <h2>{t('caseFile.timeline')}</h2>
      {data.timeline.length === 0 ? (
        <p className="muted">{t('caseFile.noContacts')}</p>
      ) : (
        <ol className="plain-list timeline" data-testid="timeline">
          {data.timeline.slice(0, shown).map((item) => (
            <TimelineEntry key={`${item.kind}:${itemId(item)}`} item={item} caseId={data.caseId} />
          ))}
        </ol>
      )}
      {data.timeline.length > shown && (
        <button type="button" className="button more" onClick={() => setShown(shown + TIMELINE_PAGE)}>
          {t('caseFile.older', { count: data.timeline.length - shown })}
        </button>
      )}
    </section>
  );
}

const itemId = (item: TimelineItem) =>
  item.kind === 'contact' ? item.contact.id : item.kind === 'koers' ? item.koers.id : item.verwijzing.id;

function TimelineEntry({ item, caseId }: { item: TimelineItem; caseId: string }) {
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
  return (
    <li className="card timeline-contact" data-pending={item.pending || undefined}>
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
        <div key={a.id} className="amendment">
          <strong>{t('contact.amendment')}</strong> · {formatDateTime(a.occurredAt)}
          <p className="report">{a.report}</p>
        </div>
      ))}
      <Link href={`/dossier/${caseId}/contact/${c.id}`} className="link-small">
        {t('contact.addAmendment')}
      </Link>
    </li>
  );
}
