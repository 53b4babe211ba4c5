/**
 * The letter to the family introducing the new jeugdbeschermer (PDF, plain Dutch): the team lead
 * makes it after moving a case, the new worker from the case file. Phone and e-mail are typed here
 * (the app keeps no contact details of its users); the server checks them too.
 */
import './texts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_LIMITS } from '../../../../shared/schemas/documents';
import { trpcClient } from '../../app/trpc';
import { DocumentButton } from './document-button';

export function HandoverLetter({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  return (
    <section className="card form" aria-labelledby="handover-letter-title" data-testid="handover-letter">
      <h2 id="handover-letter-title">{t('documents.letterTitle')}</h2>
      <label htmlFor="letter-phone">{t('documents.letterPhone')}</label>
      <input
        id="letter-phone"
        type="tel"
        autoComplete="off"
        value={phone}
        maxLength={HANDOVER_LIMITS.phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <label htmlFor="letter-email">{t('documents.letterEmail')}</label>
      <input
        id="letter-email"
        type="email"
        autoComplete="off"
        value={email}
        maxLength={HANDOVER_LIMITS.email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <DocumentButton
        label={t('documents.letterButton')}
        make={() =>
          trpcClient.documents.handoverLetter.mutate({ caseId, phone: phone.trim(), email: email.trim() })
        }
      />
    </section>
  );
}

export default HandoverLetter;
