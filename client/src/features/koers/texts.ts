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
    /** The goal's number is in the button's own text: "Doel 2 verwijderen", not one of many "Verwijderen". */
    removeGoal: 'Doel {{n}} verwijderen',
    goalRemoved: 'Doel {{n}} is verwijderd: {{goal}}',
    goalRemovedEmpty: 'Doel {{n}} (leeg) is verwijderd.',
    undoRemove: 'Ongedaan maken',
    save_one: 'Opslaan ({{count}} wijziging)',
    save_other: 'Opslaan ({{count}} wijzigingen)',
    saveNone: 'Opslaan',
    saved: 'Opgeslagen op dit toestel.',
    nothingChanged: 'Er is niets gewijzigd.',
    invalid: 'Controleer de koers: een tekst is te lang of een lijst te groot.',
    stateTitle: 'Stand van de koers',
    statusNow: 'Koers staat nu op: {{status}}',
    statusLong: {
      concept: 'Concept',
      in_afstemming: 'Ter afstemming met het gezin',
      vastgesteld: 'Vastgesteld',
    },
    nextStep: {
      concept:
        'Volgende stap: bespreek de koers met het gezin en zet hem dan op ‘Ter afstemming met het gezin’.',
      in_afstemming: 'Volgende stap: vink aan wie akkoord is en stel de koers vast.',
      vastgesteld: 'Volgende stap: evaluatie op {{date}}. Verandert er iets, herzie dan de koers.',
      vastgesteldNoDate: 'Volgende stap: plan de evaluatie met het gezin; herzie daarvoor de koers.',
    },
    agreedSoFar: 'Akkoord: {{who}}',
    nobodyYet: 'Wie akkoord is, legt u vast zodra de koers ter afstemming ligt.',
    draftRestored:
      'Concept hersteld van {{time}}. Uw wijzigingen staan weer in het formulier; ze zijn nog niet opgeslagen.',
    discardDraft: 'Concept weggooien',
    draftDiscarded: 'Concept weggegooid. U ziet de koers zoals hij is opgeslagen.',
    evaluationNotCarried:
      'De evaluatiedatum van de vorige versie ({{date}}) is voorbij en is niet overgenomen. Kies met het gezin een nieuwe datum.',
    errors: {
      lineTooLong: 'Punt {{line}} is {{count}} tekens te lang: maak het korter (maximaal {{max}} per punt).',
      tooManyLines: '{{count}} punten: dat zijn er te veel (hoogstens {{max}}). Voeg punten samen.',
      goalEmpty: 'Geef doel {{n}} een omschrijving, of verwijder het.',
      goalDuplicate: 'Dit doel staat er al als doel {{n}}. Pas de tekst aan of verwijder een van beide.',
      tooManyGoals: '{{count}} doelen: dat zijn er te veel (hoogstens {{max}}).',
      evaluationPast: 'De evaluatiedatum ligt in het verleden. Kies vandaag of een latere datum.',
    },
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
    fixed: 'Vastgesteld op {{date}}.',
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
