/**
 * The referral desk (verwijsbalie) for support staff, online, lazily loaded:
 * the queue of open requests (/verwijsdesk), one request to handle
 * (/verwijsdesk/:id — a random id, nothing about the child in the URL), and
 * the reports (/verwijsdesk/rapportages). The sociale kaart has its own screen.
 */
import './texts';
import '../intake/texts';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { QueueView } from './queue-view';
import { ReportsView } from './reports-view';
import { RequestView } from './request-view';

export default function ReferralDeskScreen() {
  return (
    <div className="desk">
      <DeskNav />
      <Switch>
        <Route path="/verwijsdesk/rapportages">
          <ReportsView />
        </Route>
        <Route path="/verwijsdesk/:id">{(params) => <RequestView key={params.id} id={params.id} />}</Route>
        <Route>
          <QueueView />
        </Route>
      </Switch>
    </div>
  );
}

function DeskNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const onReports = location.startsWith('/verwijsdesk/rapportages');
  const links = [
    { href: '/verwijsdesk', label: t('desk.nav.queue'), current: !onReports },
    { href: '/verwijsdesk/rapportages', label: t('desk.nav.reports'), current: onReports },
    { href: '/instroom', label: t('intake.title'), current: false },
    { href: '/sociale-kaart', label: t('desk.nav.kaart'), current: false },
  ];
  return (
    <nav className="desk-nav" aria-label={t('desk.nav.label')}>
      {links.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.current ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
