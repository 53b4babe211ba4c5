/**
 * The beheerder's screens: the sociale kaart and the regional arrangements
 * (landing), and the access log of a child's file. Lazy-loaded; the access
 * log loads only when opened; so do the devices and the documents' template and settings.
 */
import './texts';
import '../access-log/texts';
import '../devices/texts';
import '../documents/texts';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ChunkScreen, chunk } from '../../app/chunk';
import { Screen } from '../../components/screen';
import { SocialeKaart } from './sociale-kaart';

const accessLogScreen = chunk(() => import('../access-log/access-log-screen'));
const devicesScreen = chunk(() => import('../devices/devices-screen'));
const documentsScreen = chunk(() => import('../documents/document-settings-screen'));

export default function AdminScreen() {
  const { t } = useTranslation();
  return (
    <>
      <AdminNav />
      <Switch>
        <Route path="/toegangslog">
          <ChunkScreen of={accessLogScreen} />
        </Route>
        <Route path="/toestellen">
          <ChunkScreen of={devicesScreen} />
        </Route>
        <Route path="/documenten">
          <ChunkScreen of={documentsScreen} />
        </Route>
        <Route>
          <Screen id="admin" title={t('kaart.title')} intro={t('admin.intro')}>
            <SocialeKaart />
          </Screen>
        </Route>
      </Switch>
    </>
  );
}

function AdminNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const links = [
    { href: '/', label: t('kaart.title'), current: location === '/' },
    { href: '/toegangslog', label: t('accessLogScreen.nav'), current: location === '/toegangslog' },
    { href: '/toestellen', label: t('devices.nav'), current: location === '/toestellen' },
    { href: '/documenten', label: t('documentsAdmin.nav'), current: location === '/documenten' },
  ];
  return (
    <nav className="desk-nav" aria-label={t('admin.nav')}>
      {links.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.current ? 'page' : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
