/**
 * The team lead's screens, online and lazily loaded (the field worker's phone
 * never downloads them): caseload balance (/team), instroom (/team/instroom),
 * the waiting list (/team/wachtlijst), the norms dashboard (/team/normen), the
 * devices (/team/toestellen) and a child's online case file (/dossier/:caseId),
 * all under the same tabs.
 */
import './texts';
import '../devices/texts';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ChunkScreen, chunk } from '../../app/chunk';
import { IntakeView } from '../intake/intake-view';
import { NormsView } from '../norms-dashboard/norms-view';
import { WaitingView } from '../waiting-list/waiting-view';
import { BalanceView, prefetchBalanceView } from './balance-view';

const devicesScreen = chunk(() => import('../devices/devices-screen'));
const onlineCaseFileScreen = chunk(() => import('../case-file/online-case-file-screen'));

/** The team screen's other views; every other address shows the balance (the team lead's landing). */
const OTHER_VIEWS = ['/team/instroom', '/team/wachtlijst', '/team/normen', '/team/toestellen', '/dossier/'];

// The balance's data is asked for as soon as this chunk arrives, not once the view has rendered
// (app/chunk.tsx shows it when the chunk is in; its queries would only start then).
if (!OTHER_VIEWS.some((p) => window.location.pathname.startsWith(p))) prefetchBalanceView();

export default function TeamScreen() {
  return (
    <div className="team">
      <TeamNav />
      <Switch>
        <Route path="/team/instroom">
          <IntakeView />
        </Route>
        <Route path="/team/wachtlijst">
          <WaitingView />
        </Route>
        <Route path="/team/normen">
          <NormsView />
        </Route>
        <Route path="/team/toestellen">
          <ChunkScreen of={devicesScreen} />
        </Route>
        <Route path="/dossier/:caseId">
          {(params) => (
            <ChunkScreen of={onlineCaseFileScreen} props={{ caseId: params.caseId, canReassign: true }} />
          )}
        </Route>
        <Route>
          <BalanceView />
        </Route>
      </Switch>
    </div>
  );
}

function TeamNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const links = [
    { href: '/team', label: t('team.nav.balance') },
    { href: '/team/instroom', label: t('team.nav.intake') },
    { href: '/team/wachtlijst', label: t('team.nav.waiting') },
    { href: '/team/normen', label: t('team.nav.norms') },
    { href: '/team/toestellen', label: t('devices.nav') },
  ];
  // A case file belongs to no tab: none is marked current there.
  const current = location.startsWith('/dossier/')
    ? null
    : (links.find((l) => l.href !== '/team' && location.startsWith(l.href))?.href ?? '/team');
  return (
    <nav className="desk-nav" aria-label={t('team.nav.label')}>
      {links.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.href === current ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
