/** The words of the field app's tab bar (on the field path: kept to these few). */
import { addTexts } from '../../i18n';

export const agendaTabTexts = {
  tabs: {
    label: 'Hoofdonderdelen',
    caseload: 'Caseload',
    agenda: 'Vandaag',
    overdue_one: '{{count}} te laat',
    overdue_other: '{{count}} te laat',
  },
};

addTexts(agendaTabTexts);
