/**
 * The team lead's screens, online and lazily loaded (the field worker's phone
 * never downloads them): caseload balance (/team), instroom (/team/instroom),
 * the waiting list (/team/wachtlijst) and the norms dashboard (/team/normen).
 */
import '../../i18n/office';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { BalanceView, prefetchBalanceView } from './balance-view';
import { IntakeView } from './intake-view';
import { NormsView } from './norms-view';
import { WaitingView } from './waiting-view';

const DevicesScreen = lazy(() => import('../devices/devices-screen'));

/** The team screen's other views; every other address shows the balance (the team lead's landing). */
const OTHER_VIEWS = ['/team/instroom', '/team/wachtlijst', '/team/normen', '/team/toestellen', '/dossier/'];

// The balance's data is asked for as soon as this chunk arrives: React holds a lazily loaded screen
// back for up to 300 ms after its "Laden…" fallback, and the view would only ask once it is shown.
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
          <Suspense fallback={null}>
            <DevicesScreen />
          </Suspense>
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
  const current = links.find((l) => l.href !== '/team' && location.startsWith(l.href))?.href ?? '/team';
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
