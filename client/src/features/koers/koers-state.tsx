/**
 * The top of the koers screen: where the koers stands, the next step, who
 * agreed (and, while it is being agreed, the boxes to say so and the buttons
 * that move it on), and the confirmation of a status change. A long koers no
 * longer hides its state three screens down.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KoersAgreement, KoersStatus } from '../../../../shared/schemas/koers';

const WHO = ['gezin', 'jeugdige', 'netwerk'] as const;

export function KoersState({
  status,
  nextStep,
  agreement,
  notice,
  children,
}: {
  status: KoersStatus;
  nextStep: string;
  /** Who agreed so far; in concept nobody has been asked yet. */
  agreement: KoersAgreement;
  /** The confirmation of the last status change ("Koers staat nu op: …"). */
  notice: string | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The button that changed the status is gone with the old status: the focus goes to what happened.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const agreed = WHO.filter((w) => agreement[w]).map((w) => t(`koers.agreed.${w}`));
  return (
    <section className="card koers-state" aria-labelledby="koers-state-title" data-testid="koers-state">
      <h2 id="koers-state-title" className="koers-state-title">
        {t('koers.stateTitle')}
      </h2>
      {/* Always in the page, so a screen reader hears the confirmation when it appears. */}
      <p className="ok koers-notice" role="status" ref={noticeRef} tabIndex={-1}>
        {notice}
      </p>
      <p>
        <strong>{t(`koers.statusLong.${status}`)}</strong>
      </p>
      <p>{nextStep}</p>
      {status === 'concept' ? (
        <p className="muted">{t('koers.nobodyYet')}</p>
      ) : (
        status === 'vastgesteld' && <p>{t('koers.agreedSoFar', { who: agreed.join(', ') || '—' })}</p>
      )}
      {children}
    </section>
  );
}
