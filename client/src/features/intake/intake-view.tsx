/**
 * Instroom, for team leads (/team/instroom) and support staff (/instroom):
 * the new children waiting for a vaste jeugdbeschermer, the CSV import and
 * the form for one new measure. An online view over tRPC.
 */
import './texts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../app/trpc';
import { Screen } from '../../components/screen';
import { IntakeImport } from './csv-import';
import { IntakeForm } from './manual-form';
import { IntakeCases } from './unassigned-list';

export function IntakeView() {
  const { t } = useTranslation();
  const list = useQuery(trpc.intake.list.queryOptions());
  return (
    <Screen id="intake" title={t('intake.title')} intro={t('intake.intro')}>
      {list.isPending && <p role="status">{t('app.loading')}</p>}
      {list.isError && (
        <p className="error" role="alert">
          {t('errors.generic')}
        </p>
      )}
      {list.data && (
        <>
          <IntakeCases data={list.data} />
          <IntakeImport />
          <IntakeForm teams={list.data.teams} gemeenten={list.data.gemeenten} lead={list.data.canAssign} />
        </>
      )}
    </Screen>
  );
}
