/**
 * In-app notices: what the referral desk did with the user's requests since
 * they last looked ("Anna — Gezinsbegeleiding: nu op de wachtlijst"). Read
 * from the local store after each sync; dismissed with one tap.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LOCAL_KEY, useField, useLocalQuery } from '../../app/field-context';
import { dismissVerwijzingNotices } from '../../local/seen';
import { loadVerwijzingNotices } from '../../read-models/verwijzing-notices';

const SHOWN = 3;

export function VerwijzingNotices() {
  const { t } = useTranslation();
  const { store, user } = useField();
  const queryClient = useQueryClient();
  const notices = useLocalQuery(['verwijzing-notices'], (s) => loadVerwijzingNotices(s, user.id));
  const list = notices.data ?? [];
  if (list.length === 0) return null;
  const dismiss = async () => {
    await dismissVerwijzingNotices(store, Math.max(...list.map((n) => n.version)));
    await queryClient.invalidateQueries({ queryKey: [LOCAL_KEY, 'verwijzing-notices'] });
  };
  return (
    <section
      className="notices"
      aria-label={t('help.notices.title')}
      role="status"
      data-testid="referral-notices"
    >
      <ul className="plain-list">
        {list.slice(0, SHOWN).map((n) => (
          <li key={n.id}>
            <Link href={`/dossier/${n.caseId}/hulp/${n.verwijzingId}`} onClick={() => void dismiss()}>
              <strong>{n.childName}</strong> — {n.product}:{' '}
              {n.step === 'alternatief'
                ? t('help.notices.alternative')
                : n.step === 'overbrugging'
                  ? t('help.notices.bridging')
                  : t('help.notices.status', { status: t(`verwijzingStatus.${n.toStatus}`) })}
            </Link>
          </li>
        ))}
      </ul>
      {list.length > SHOWN && (
        <p className="small">{t('help.notices.more', { count: list.length - SHOWN })}</p>
      )}
      <button type="button" className="button button-quiet" onClick={() => void dismiss()}>
        {t('help.notices.dismiss')}
      </button>
    </section>
  );
}
