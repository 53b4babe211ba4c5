/**
 * Who is signed in decides the landing screen: a jeugdbeschermer gets Mijn
 * caseload (in the main bundle: the field path), everyone else a lazily loaded
 * screen the phone of a field worker never downloads.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import type { SessionUser } from '../../../shared/schemas/user';
import { CaseFileScreen } from '../features/case-file/case-file-screen';
import { CaseloadScreen } from '../features/caseload/caseload-screen';
import { LoginScreen } from '../features/login/login-screen';
import { PwaUpdatePrompt } from './pwa-update';
import { Shell } from './shell';
import { trpc } from './trpc';

const TeamScreen = lazy(() => import('../features/team/team-screen'));
const ReferralDeskScreen = lazy(() => import('../features/referral-desk/referral-desk-screen'));
const AdminScreen = lazy(() => import('../features/admin/admin-screen'));

export function App() {
  const { t } = useTranslation();
  const me = useQuery({
    ...trpc.auth.me.queryOptions(),
    retry: 1,
    staleTime: Number.POSITIVE_INFINITY,
  });

  let content: React.ReactNode;
  if (me.isPending) {
    content = <p className="centered">{t('app.loading')}</p>;
  } else if (me.data) {
    content = (
      <Shell user={me.data}>
        <Suspense fallback={<p className="centered">{t('app.loading')}</p>}>
          <Landing user={me.data} />
        </Suspense>
      </Shell>
    );
  } else if (me.isError) {
    content = (
      <div className="centered" role="alert">
        <p>{t('errors.network')}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  } else {
    content = <LoginScreen />;
  }
  return (
    <>
      <PwaUpdatePrompt />
      {content}
    </>
  );
}

function Landing({ user }: { user: SessionUser }) {
  switch (user.role) {
    case 'jeugdbeschermer':
      return <WithCaseFile home={<CaseloadScreen />} />;
    case 'teamleider':
      return <WithCaseFile home={<TeamScreen />} />;
    case 'ondersteuner':
      return <ReferralDeskScreen />;
    case 'beheerder':
      return <AdminScreen />;
  }
}

/** The role's home screen, and the case file it opens. */
function WithCaseFile({ home }: { home: React.ReactNode }) {
  return (
    <Switch>
      <Route path="/dossier/:caseId">{(params) => <CaseFileScreen caseId={params.caseId} />}</Route>
      <Route>{home}</Route>
    </Switch>
  );
}
