/**
 * Texts of the koers editor (goals, agreement, conflicts), which load with the
 * lazy koers screen; importing this file registers them (i18n/index.ts,
 * addTexts). The koers texts the case file and the outbox use (status, field
 * names, the conflict notice) are on the field path, in i18n/nl.ts.
 */
import { addTexts } from '../../i18n';

export const koersTexts = {
  koers: {
    oneePerLine: 'Eén punt per regel.',
    goal: 'Doel {{n}}',
    actions: 'Acties (één per regel)',
    owner: 'Wie is eigenaar?',
    addGoal: 'Doel toevoegen',
    removeGoal: 'Doel verwijderen',
    save_one: 'Opslaan ({{count}} wijziging)',
    save_other: 'Opslaan ({{count}} wijzigingen)',
    saveNone: 'Opslaan',
    saved: 'Opgeslagen op dit toestel.',
    nothingChanged: 'Er is niets gewijzigd.',
    invalid: 'Controleer de koers: een tekst is te lang of een lijst te groot.',
    agreementTitle: 'Afstemming',
    whoAgreed: 'Wie is akkoord?',
    agreed: { gezin: 'Gezin (ouders/gezaghebbers)', jeugdige: 'Jeugdige', netwerk: 'Netwerk' },
    agreementNote: 'Toelichting op de afstemming',
    childAsked: '{{age}} jaar: vraag de jeugdige zelf',
    childYoung: '{{age}} jaar: op een passende manier betrekken',
    agreedOnLabel: 'Vastgesteld op',
    toAfstemming: 'Ter afstemming met het gezin',
    vaststellen: 'Koers vaststellen',
    backToConcept: 'Terug naar concept',
    needsFamily: 'Een koers is pas vastgesteld als het gezin akkoord is. Vink "Gezin" aan.',
    fixed: 'Vastgesteld op {{date}}. Akkoord:',
    revise: 'Herzien (nieuwe versie)',
    conflictsTitle: 'Uw wijziging botste met een andere',
    conflictsIntro: 'Iemand anders wijzigde hetzelfde veld. Kies welke tekst blijft; niets is weggegooid.',
    theirs: 'Nu in de koers:',
    mine: 'Uw versie:',
    keepMine: 'Mijn versie houden',
    keepTheirs: 'Andere versie houden',
  },
} as const;

addTexts(koersTexts);
