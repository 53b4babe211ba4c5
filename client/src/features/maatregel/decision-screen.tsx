/**
 * The phone's way to register a court decision on a measure of one of the
 * worker's cases: online, from the case file. The measure comes from the
 * local store; after the server has it, a sync brings the change (or, when
 * the case closed, its removal) to the phone.
 */
import './texts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { dutchToday } from '../../../../shared/rules/dates';
import { useField, useLocalQuery } from '../../app/field-context';
import { NotOnDevice } from '../../components/not-on-device';
import { loadCaseFile } from '../../read-models/case-file';
import { type DecisionDone, DecisionForm } from './decision-form';

export function DecisionScreen({ caseId, maatregelId }: { caseId: string; maatregelId: string }) {
  const { t } = useTranslation();
  const { runner } = useField();
  const file = useLocalQuery(['case', caseId], (s) => loadCaseFile(s, caseId));
  const [done, setDone] = useState<DecisionDone | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) confirmation.current?.focus();
  }, [done]);

  const back = (
    <Link href={done?.closed ? '/' : `/dossier/${caseId}`} className="back-link">
      ← {t('app.back')}
    </Link>
  );
  if (done) {
    return (
      <section className="screen" aria-labelledby="decision-done">
        {back}
        <div className="banner banner-ok" role="status" tabIndex={-1} ref={confirmation} id="decision-done">
          {done.message}
        </div>
        <Link href={done.closed ? '/' : `/dossier/${caseId}`} className="button">
          {done.closed ? t('caseload.title') : t('decision.back')}
        </Link>
      </section>
    );
  }
  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  const measure = file.data?.measures.find((m) => m.id === maatregelId);
  if (!file.data || !measure) return <NotOnDevice back={back} />;
  const others = file.data.measures.filter((m) => m.id !== maatregelId && m.status === 'lopend');
  const { firstName, lastName } = file.data.jeugdige;
  return (
    <section className="screen" aria-labelledby="decision-child">
      {back}
      {/* The page's heading (the focus goes there on arrival): whose measure this is. */}
      <h1 id="decision-child">{`${firstName} ${lastName}`}</h1>
      <DecisionForm
        caseId={caseId}
        measure={measure}
        birthDate={file.data.jeugdige.birthDate}
        today={dutchToday()}
        isLastRunning={others.length === 0}
        onDone={(result) => {
          setDone(result);
          // The change reaches the store at the next sync; the closed case leaves the phone then.
          void runner.syncNow();
        }}
        onCancel={() => history.back()}
      />
    </section>
  );
}
