/**
 * The referral desk (verwijsbalie) for support staff, online, lazily loaded:
 * the queue of open requests (/verwijsdesk), one request to handle
 * (/verwijsdesk/:id — a random id, nothing about the child in the URL), and
 * the reports (/verwijsdesk/rapportages). The sociale kaart has its own screen.
 */
import './texts';
import { Route, Switch } from 'wouter';
import { DeskNav } from './desk-nav';
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
