/**
 * The team lead's waiting list (landelijke handelingswijze wachtlijsten): the
 * waiting children in the lead's order with days waiting, the 5-day norm, the
 * next safety check, interim contact and bridging; the team's children still
 * without a vaste jeugdbeschermer, to triage; and stand-ins during absences.
 * Online only: every action goes to the server, which checks and logs it.
 */
import './texts';
import '../team/texts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc, trpcClient } from '../../app/trpc';
import { CsvExportButton } from '../../components/csv-export';
import { Screen } from '../../components/screen';
import { StandInSection } from '../team/standin-section';
import { WaitingCandidateItem } from './candidate';
import { WaitingItem } from './entry';

export function WaitingView() {
  const { t } = useTranslation();
  const list = useQuery(trpc.waitingList.list.queryOptions());
  const data = list.data;
  const workers = (data?.people ?? []).filter((p) => p.role === 'jeugdbeschermer');
  return (
    <Screen id="waiting" title={t('team.nav.waiting')} intro={t('waiting.intro')}>
      <div className="waiting">
        {list.isPending && <p className="muted">{t('app.loading')}</p>}
        {list.isError && (
          <p className="error" role="alert">
            {t('errors.generic')}
          </p>
        )}
        {data && (
          <>
            <section aria-labelledby="waiting-list-title">
              <h2 className="waiting-heading" id="waiting-list-title">
                {t('waiting.listTitle')}{' '}
                <span className="waiting-pill pill pill-warn">{data.entries.length}</span>
              </h2>
              {data.entries.length > 0 && (
                <CsvExportButton
                  label={t('waiting.csvFor')}
                  download={() => trpcClient.waitingList.exportCsv.mutate()}
                  testId="waiting-export"
                />
              )}
              {data.entries.length === 0 ? (
                <p className="empty">{t('waiting.listEmpty')}</p>
              ) : (
                <ol className="plain-list waiting-list">
                  {data.entries.map((entry, i) => (
                    <WaitingItem
                      key={entry.caseId}
                      entry={entry}
                      position={i + 1}
                      isFirst={i === 0}
                      isLast={i === data.entries.length - 1}
                      people={data.people}
                      workers={workers}
                      today={data.today}
                    />
                  ))}
                </ol>
              )}
            </section>
            <section aria-labelledby="waiting-candidates-title">
              <h2 className="waiting-heading" id="waiting-candidates-title">
                {t('waiting.candidatesTitle')}
              </h2>
              <p className="muted">{t('waiting.candidatesIntro')}</p>
              {data.candidates.length === 0 ? (
                <p className="empty">{t('waiting.candidatesEmpty')}</p>
              ) : (
                <ul className="plain-list">
                  {data.candidates.map((c) => (
                    <WaitingCandidateItem
                      key={c.caseId}
                      candidate={c}
                      people={data.people}
                      workers={workers}
                      today={data.today}
                    />
                  ))}
                </ul>
              )}
            </section>
            <StandInSection workers={workers} today={data.today} />
          </>
        )}
      </div>
    </Screen>
  );
}
