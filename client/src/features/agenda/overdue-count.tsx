/**
 * The number of overdue agenda items not marked "gezien", on the Vandaag tab.
 * In the lazy chunk of app/field-extras.ts (it brings the agenda rules along): the field path
 * only holds the tab, and the count appears once the chunk is in.
 */
import { useTranslation } from 'react-i18next';
import { unseenItems } from '../../../../shared/rules/agenda';
import { useField, useLocalQuery } from '../../app/field-context';
import { loadAgenda } from '../../read-models/agenda';
import { AGENDA_QUERY } from './agenda-query';

export function OverdueCount() {
  const { t } = useTranslation();
  const { user } = useField();
  const agenda = useLocalQuery(AGENDA_QUERY, (s) => loadAgenda(s, user.id));
  const data = agenda.data;
  const count = data ? unseenItems(data.items, data.seen).filter((i) => i.when === 'overdue').length : 0;
  if (count === 0) return null;
  return (
    <span className="tab-count" data-testid="agenda-overdue-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('tabs.overdue', { count })}</span>
    </span>
  );
}
