/** On the koers screen, for a vastgestelde koers: the family's copy, and the child's own from 12 when enabled. */
import './texts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHILD_COPY_AGE } from '../../../../shared/schemas/documents';
import { trpc, trpcClient } from '../../app/trpc';
import { useOnline } from '../../app/use-online';
import { DocumentButton } from './document-button';

export function KoersCopyButtons({ caseId, name, age }: { caseId: string; name: string; age: number }) {
  const { t } = useTranslation();
  const online = useOnline();
  const settings = useQuery({
    ...trpc.documents.settings.queryOptions(),
    enabled: online && age >= CHILD_COPY_AGE,
  });
  return (
    <div className="card" data-testid="koers-copy">
      <DocumentButton
        label={t('documents.koersCopy')}
        make={() => trpcClient.documents.koersCopy.mutate({ caseId, for: 'gezin' })}
      />
      {age >= CHILD_COPY_AGE && settings.data?.childCopyFrom12 && (
        <DocumentButton
          label={t('documents.koersCopyChild', { name })}
          make={() => trpcClient.documents.koersCopy.mutate({ caseId, for: 'jeugdige' })}
        />
      )}
      <p className="hint">{t('documents.koersCopyHint')}</p>
    </div>
  );
}

export default KoersCopyButtons;
