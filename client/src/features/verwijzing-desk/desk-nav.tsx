/**
 * The tabs of the support worker's screens: the desk's queue and reports, the
 * instroom and the sociale kaart. Every one of those screens shows them, with
 * the current one marked (aria-current): "page" on the tab's own screen,
 * "true" on a screen inside it (a request under Wachtrij).
 */
import './texts';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

type Tab = 'queue' | 'reports' | 'intake' | 'kaart';

const TABS: { tab: Tab; href: string }[] = [
  { tab: 'queue', href: '/verwijsdesk' },
  { tab: 'reports', href: '/verwijsdesk/rapportages' },
  { tab: 'intake', href: '/instroom' },
  { tab: 'kaart', href: '/sociale-kaart' },
];

/** Which tab a path belongs to; the desk's queue is also the support worker's start ('/'). */
function tabOf(path: string): { tab: Tab; own: boolean } {
  if (path.startsWith('/verwijsdesk/rapportages')) return { tab: 'reports', own: true };
  if (path.startsWith('/instroom')) return { tab: 'intake', own: path === '/instroom' };
  if (path.startsWith('/sociale-kaart')) return { tab: 'kaart', own: path === '/sociale-kaart' };
  return { tab: 'queue', own: path === '/' || path === '/verwijsdesk' };
}

export function DeskNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const current = tabOf(location);
  return (
    <nav className="desk-nav" aria-label={t('desk.nav.label')}>
      {TABS.map(({ tab, href }) => (
        <Link
          key={tab}
          href={href}
          aria-current={current.tab === tab ? (current.own ? 'page' : 'true') : undefined}
        >
          {t(`desk.nav.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}
