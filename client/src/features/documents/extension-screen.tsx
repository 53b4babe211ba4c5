/**
 * "Verzoek tot verlenging" on the phone (/dossier/:caseId/verlenging), where the agenda's item and
 * the case file's extension banner lead: which measure, by when the request must be at the court,
 * the draft to download (online: the server writes it from the case's need-to-know view), the
 * second reader's approval, and what the worker still writes in the draft themselves.
 */
import './texts';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useLocalQuery } from '../../app/field-context';
import { NotOnDevice } from '../../components/not-on-device';
import { formatDay } from '../../i18n';
import { caseFileQuery } from '../case-file/prefetch';
import { ExtensionDraft } from './extension-draft';

export function ExtensionScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = caseFileQuery(caseId);
  const file = useLocalQuery(query.key, query.read);
  const back = (
    <Link href={`/dossier/${caseId}`} className="back-link">
      ← {t('app.back')}
    </Link>
  );
  if (file.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (!file.data) return <NotOnDevice back={back} />;
  const { jeugdige, extension } = file.data;
  const name = `${jeugdige.firstName} ${jeugdige.lastName}`;
  return (
    <section className="screen" aria-labelledby="extension-title">
      {back}
      <div className="screen-head">
        <h1 id="extension-title">{t('documents.extensionScreenTitle', { name })}</h1>
        {extension && extension.state !== 'verlopen' && (
          <p data-testid="extension-dates">
            {t('caseFile.extension.detail', {
              date: formatDay(extension.requestBy),
              end: formatDay(extension.endDate),
            })}
          </p>
        )}
      </div>
      <ExtensionDraft caseId={caseId} />
      <section className="card" aria-labelledby="extension-todo-title">
        <h2 id="extension-todo-title">{t('documents.todoTitle')}</h2>
        <ul data-testid="extension-todo">
          <li>{t('documents.todo.family')}</li>
          <li>{t('documents.todo.child')}</li>
          <li>{t('documents.todo.assessment')}</li>
          <li>{t('documents.todo.goals')}</li>
          <li>{t('documents.todo.check')}</li>
        </ul>
      </section>
    </section>
  );
}

export default ExtensionScreen;
