/**
 * The case file as the server sends it, for team leads (online, lazily
 * loaded; server/services/projection.ts decides its fields). Jeugdbeschermers
 * read their files from the local store instead (case-file-screen.tsx);
 * support staff see what a referral needs at the desk, not the file.
 */
import '../../i18n/office';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { formatDateTime } from '../../i18n';
import { CaseWeight } from '../team/case-weight';
import { ReassignCase } from '../team/reassign-case';
import { MeasuresSection, NetworkSection, NormsSection } from './sections';

export default function OnlineCaseFileScreen({
  caseId,
  canReassign,
}: {
  caseId: string;
  canReassign: boolean;
}) {
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

            <NormsSection norms={data.summary.norms} />
            {canReassign && (
              <>
                <h2>{t('team.reassignTitle')}</h2>
                <ReassignCase caseId={caseId} />
                <CaseWeight caseId={caseId} complexDivorce={data.complexDivorce} />
              </>
            )}
            <MeasuresSection measures={data.measures} beschikkingen={data.beschikkingen} />
            <NetworkSection people={data.network} />

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
