/**
 * Texts of Vandaag / Deze week, which load with the lazy agenda screen;
 * importing this file registers them (i18n/index.ts, addTexts). The tab's
 * own words are in ./tab-texts.ts (on the field path, a few bytes).
 */
import { addTexts } from '../../i18n';

export const agendaTexts = {
  agenda: {
    title: 'Vandaag',
    intro: 'Wat u nodig heeft, het eerst wat te laat is. Gemaakt uit wat op dit toestel staat.',
    stand: 'Stand van de laatste synchronisatie: {{when}}.',
    standNever: 'Nog niet gesynchroniseerd: de lijst volgt na de eerste synchronisatie.',
    offline: 'U bent offline: de lijst komt van dit toestel en werkt gewoon.',
    today_one: 'Vandaag ({{count}})',
    today_other: 'Vandaag ({{count}})',
    week_one: 'Deze week ({{count}})',
    week_other: 'Deze week ({{count}})',
    weekHint: 'Tot en met zondag {{date}}: de rest van de werkweek.',
    nothingToday: 'Niets meer voor vandaag.',
    nothingWeek: 'Niets meer voor deze week.',
    seen: 'Gezien',
    seenLabel: 'Markeer als gezien: {{what}}',
    seenDone: '"{{what}}" is gemarkeerd als gezien. Het komt terug als er iets verandert.',
    undo: 'Ongedaan maken',
    undone: 'Het staat weer in de lijst.',
    saveFailed: 'Opslaan op dit toestel lukte niet. Probeer het opnieuw.',
    seenCount_one: '{{count}} gezien en stil tot er iets verandert',
    seenCount_other: '{{count}} gezien en stil tot er iets verandert',
    showSeen: 'Toon gezien',
    hideSeen: 'Verberg gezien',
    standIn: 'Waarneming',
    overdueSince: 'Te laat sinds {{date}}',
    dueToday: 'Vandaag',
    dueOn: 'Uiterlijk {{date}}',
    on: 'Op {{date}}',
    kind: {
      'norm-toewijzing': 'Vaste jeugdbeschermer nodig (norm)',
      'norm-koers': 'Gedragen koers vaststellen (norm)',
      'norm-hulp': 'Passende hulp inzetten (norm)',
      'maatregel-verlopen': '{{measure}} verlopen: registreer de beslissing',
      'maatregel-verlenging': 'Verzoek tot verlenging {{measure}} indienen',
      'maatregel-einde': '{{measure}} loopt af',
      'koers-evaluatie': 'Koers evalueren',
      'contact-gepland': 'Gepland contact',
      'verwijzing-aanbod': 'Alternatief aanbod afwegen: {{product}}',
      'verwijzing-vraag': 'Antwoord van het loket: {{product}}',
      'verwijzing-vraag-afwijzen': 'Afgewezen: {{product}}; kies de volgende stap',
      'verwijzing-termijn': 'Hulp nog niet gestart: {{product}}',
      'wachtrij-geweigerd': 'Wijziging geweigerd door de server',
      'wachtrij-wacht_one': '{{count}} wijziging wacht op verzending',
      'wachtrij-wacht_other': '{{count}} wijzigingen wachten op verzending',
    },
  },
};

addTexts(agendaTexts);
