/** The case file: the child, the three norms, measures and beschikkingen, family and network, recent contacts. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { trpc } from '../../app/trpc';
import { NormBadge } from '../../components/norm-badge';
import { QueryState } from '../../components/query-state';
import { formatDateTime, formatDay } from '../../i18n';

export function CaseFileScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const file = useQuery(trpc.cases.file.queryOptions({ caseId }));
  const data = file.data;
  return (
    <section className="screen" aria-labelledby="case-title">
      <Link href="/" className="back-link">
        ← {t('app.back')}
      </Link>
      <QueryState query={file}>
        {data && (
          <>
            <div className="screen-head">
              <h1 id="case-title">{data.summary.jeugdigeName}</h1>
              <p className="muted">
                {t('caseload.age', { count: data.summary.age })} ·{' '}
                {t(`maatregel.${data.summary.maatregelType}`)} · {data.summary.gemeente}
              </p>
            </div>

            <h2>{t('caseFile.norms')}</h2>
            <ul className="norms norms-stacked">
              <NormBadge status={data.summary.norms.vasteJeugdbeschermer} />
              <NormBadge status={data.summary.norms.koers} />
              <NormBadge status={data.summary.norms.passendeHulp} />
            </ul>

            <h2>{t('caseFile.measures')}</h2>
            <ul className="plain-list">
              {data.measures.map((m) => (
                <li key={m.id} className="card">
                  <strong>{t(`maatregel.${m.type}`)}</strong> ({t(`caseFile.status.${m.status}`)}) —{' '}
                  {t('caseFile.ruling', { date: formatDay(m.rulingDate) })},{' '}
                  {m.endDate ? t('caseFile.until', { date: formatDay(m.endDate) }) : t('caseFile.noEnd')}
                  {m.outOfHomePlacement && <>, {t('caseFile.placement')}</>}
                  <div className="muted small">{m.court}</div>
                  <ul className="sub-list">
                    {data.beschikkingen
                      .filter((b) => b.maatregelId === m.id)
                      .map((b) => (
                        <li key={b.id}>
                          {t(`caseFile.beschikking.${b.kind}`)} {formatDay(b.date)}
                          {b.validUntil && ` – ${formatDay(b.validUntil)}`}
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>

            <h2>{t('caseFile.family')}</h2>
            <ul className="plain-list">
              {data.network.map((p) => (
                <li key={p.id} className="card">
                  <strong>{p.name}</strong> · {p.relation}
                  {p.hasCustody && <span className="tag">{t('caseFile.custody')}</span>}
                  {p.phone && (
                    <div>
                      <a href={`tel:${p.phone}`}>{p.phone}</a>
                    </div>
                  )}
                </li>
              ))}
            </ul>

            <h2>{t('caseFile.contacts')}</h2>
            {data.contacts.length === 0 ? (
              <p className="muted">{t('caseFile.noContacts')}</p>
            ) : (
              <ol className="plain-list timeline">
                {data.contacts.map((c) => (
                  <li key={c.id} className="card">
                    <div>
                      <strong>{t(`contactKind.${c.kind}`)}</strong> · {formatDateTime(c.occurredAt)}
                      {c.childSeen && <span className="tag">{t('caseFile.childSeen')}</span>}
                    </div>
                    <p>{c.report ?? <span className="muted">{t('caseFile.reportHidden')}</span>}</p>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
