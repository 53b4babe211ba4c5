/**
 * The case file as the server sends it, for team leads (online, lazily
 * loaded; server/services/projection.ts decides its fields). Jeugdbeschermers
 * read their files from the local store instead (case-file-screen.tsx);
 * support staff see what a referral needs at the desk, not the file.
 */
import '../team/texts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { dutchToday } from '../../../../shared/rules/dates';
import { queryClient, trpc } from '../../app/trpc';
import { QueryState } from '../../components/query-state';
import { formatDateTime, formatDay } from '../../i18n';
import { ExtensionDraft } from '../documents/extension-draft';
import { HandoverLetter } from '../documents/handover-letter';
import { type DecisionDone, DecisionForm } from '../maatregel/decision-form';
import { CaseCarriers } from '../team/case-carriers';
import { CaseWeight } from '../team/case-weight';
import { ReassignCase } from '../team/reassign-case';
import { CaseAttachments } from './case-attachments';
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
  const today = dutchToday();
  // The team lead registers court decisions here (canReassign: the team lead's case file).
  const [deciding, setDeciding] = useState<string | null>(null);
  const [done, setDone] = useState<DecisionDone | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) confirmation.current?.focus();
  }, [done]);
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

            {canReassign && <CaseCarriers carriedBy={data.carriedBy} today={today} />}
            {data.caseStatus === 'afgesloten' && data.closedOn && (
              <p className="banner banner-warn" data-testid="case-closed">
                {t('caseFile.closed', { date: formatDay(data.closedOn) })}
              </p>
            )}
            {done && (
              <div
                className="banner banner-ok"
                role="status"
                tabIndex={-1}
                ref={confirmation}
                data-testid="decision-done"
              >
                {done.message}
              </div>
            )}
            <NormsSection norms={data.summary.norms} />
            {canReassign && (
              <>
                <h2>{t('team.reassignTitle')}</h2>
                <ReassignCase caseId={caseId} current={data.carriedBy.vast} />
                {data.carriedBy.vast && <HandoverLetter caseId={caseId} />}
                <CaseWeight caseId={caseId} complexDivorce={data.complexDivorce} />
              </>
            )}
            {data.measures.some((m) => m.status === 'lopend' && m.endDate) && (
              <ExtensionDraft caseId={caseId} />
            )}
            <MeasuresSection
              measures={data.measures}
              beschikkingen={data.beschikkingen}
              today={today}
              actionFor={(m) =>
                canReassign && m.status === 'lopend' ? (
                  deciding === m.id ? (
                    <DecisionForm
                      caseId={caseId}
                      measure={m}
                      birthDate={data.summary.birthDate}
                      today={today}
                      isLastRunning={!data.measures.some((x) => x.id !== m.id && x.status === 'lopend')}
                      onDone={(result) => {
                        setDeciding(null);
                        setDone(result);
                        // The case file, the caseload, the balance, the norms: everything may have moved.
                        void queryClient.invalidateQueries();
                      }}
                      onCancel={() => setDeciding(null)}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setDone(null);
                        setDeciding(m.id);
                      }}
                    >
                      {t('caseFile.decide')}
                    </button>
                  )
                ) : null
              }
            />
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
            <CaseAttachments caseId={caseId} />
          </>
        )}
      </QueryState>
    </section>
  );
}
