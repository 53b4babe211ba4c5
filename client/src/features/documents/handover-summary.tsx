/**
 * The handover summary at the top of the phone's case file (issue 21), from the local store, so it
 * works offline: shown when the case came to this worker from a colleague recently or with a
 * handover note (read-models/handover.ts decides). Lazily loaded: off the field path.
 */
import './texts';
import { useTranslation } from 'react-i18next';
import { dutchToday } from '../../../../shared/rules/dates';
import { useField } from '../../app/field-context';
import { formatDateTime, formatDay } from '../../i18n';
import type { LocalCaseFile } from '../../read-models/case-file';
import { handoverSummary } from '../../read-models/handover';

export default function HandoverSummaryCard({ file }: { file: LocalCaseFile }) {
  const { t } = useTranslation();
  const { user } = useField();
  const s = handoverSummary(file, user.id, dutchToday());
  if (!s) return null;
  const list = (items: string[]) =>
    items.length ? (
      <ul>
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: plain texts in a fixed order
          <li key={i}>{item}</li>
        ))}
      </ul>
    ) : (
      <p className="muted">{t('handover.none')}</p>
    );
  return (
    <section className="card handover" aria-labelledby="handover-title" data-testid="handover-summary">
      <h2 id="handover-title">{t('handover.title')}</h2>
      <p className="muted">
        {s.from
          ? t(s.via === 'waarneming' ? 'handover.back' : 'handover.from', {
              name: s.from,
              date: formatDay(s.since),
            })
          : t('handover.since', { date: formatDay(s.since) })}
      </p>
      {s.note && (
        <>
          <h3>{t('handover.note')}</h3>
          <p className="prewrap" data-testid="handover-note">
            {s.note}
          </p>
        </>
      )}
      <h3>{t('handover.norms')}</h3>
      {s.openNorms.length || s.extension ? (
        <ul>
          {s.openNorms.map((n) => (
            <li key={n.norm}>
              {t(`norms.${n.norm}`)}: {t('norms.due', { date: formatDay(n.dueDate) })} ·{' '}
              {t(`norms.state.${n.state}`)}
            </li>
          ))}
          {s.extension && <li>{t('handover.extension', { date: formatDay(s.extension.requestBy) })}</li>}
        </ul>
      ) : (
        <p className="muted">{t('handover.normsNone')}</p>
      )}
      <h3>{t('handover.koers')}</h3>
      <p>
        {s.koers
          ? `${t('handover.koersState', { version: s.koers.version, status: t(`koers.status.${s.koers.status as 'concept'}`) })}${
              s.koers.evaluationDate
                ? ` · ${t('handover.koersEvaluation', { date: formatDay(s.koers.evaluationDate) })}`
                : ''
            }`
          : t('handover.koersNone')}
      </p>
      <h3>{t('handover.referrals')}</h3>
      {list(
        s.referrals.map(
          (r) =>
            `${r.productName}: ${t(`verwijzingStatus.${r.status as 'wachtlijst'}`)}${
              r.expectedStartOn ? ` · ${t('handover.expected', { date: formatDay(r.expectedStartOn) })}` : ''
            }`,
        ),
      )}
      <h3>{t('handover.safety')}</h3>
      {list(s.safety)}
      <h3>{t('handover.people')}</h3>
      {list(s.people.map((p) => [p.name, p.relation, p.phone].filter(Boolean).join(' · ')))}
      <h3>{t('handover.contacts')}</h3>
      {list(
        s.lastContacts.map(
          (c) => `${formatDateTime(c.occurredAt)} · ${t(`contactKind.${c.kind as 'huisbezoek'}`)}`,
        ),
      )}
    </section>
  );
}
