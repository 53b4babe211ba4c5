/**
 * Texts of Herinneringen (push reminders on this phone), which load with its
 * lazy chunk; importing this file registers them (i18n/index.ts, addTexts).
 * The link to it on the field path has its own one text (link.tsx).
 */
import { addTexts } from '../../i18n';

export const remindersTexts = {
  reminders: {
    title: 'Herinneringen',
    link: 'Herinneringen',
    intro:
      'Een melding op dit toestel als er zaken voor u klaarstaan: elke werkdag één overzicht op de tijd die u kiest, en wanneer de verwijsdesk op een aanvraag antwoordt.',
    privacy:
      'De melding zegt alleen "Er staan zaken voor u klaar". Er staan geen namen, dossiers of aantallen in: meldingen gaan via de pushdienst van Google, Apple of Mozilla en zijn op het vergrendelscherm te zien. Wat er klaarstaat ziet u pas in de app, na uw pincode.',
    pushLegend: 'Meldingen op dit toestel',
    pushOn: 'Meldingen aanzetten',
    pushOff: 'Meldingen uitzetten',
    pushIsOn: 'Meldingen staan aan op dit toestel.',
    pushIsOff: 'Meldingen staan uit op dit toestel.',
    turnedOn: 'Meldingen staan nu aan.',
    turnedOff: 'Meldingen staan nu uit.',
    busy: 'Bezig…',
    unsupported:
      'Deze browser kan geen meldingen ontvangen. Op een iPhone: zet de app eerst op het beginscherm (Deel → Zet op beginscherm) en open haar daarvandaan.',
    denied:
      'Meldingen zijn voor deze app geblokkeerd. Sta ze toe in de instellingen van uw browser of telefoon (Meldingen), en probeer het dan opnieuw.',
    dismissed: 'U heeft geen toestemming gegeven voor meldingen. Probeer het opnieuw als u ze toch wilt.',
    serverOff: 'Deze server verstuurt (nog) geen meldingen. Vraag het functioneel beheer.',
    offline: 'U bent offline. Meldingen instellen kan alleen met verbinding.',
    failed: 'Meldingen aanzetten lukte niet. Probeer het later opnieuw.',
    digestLegend: 'Dagelijks overzicht',
    digestEnabled: 'Elke werkdag een overzicht (niet in het weekend en op feestdagen)',
    digestTime: 'Tijd',
    digestTimeHint: 'Nederlandse tijd. U krijgt alleen een melding als er iets voor u klaarstaat.',
    save: 'Opslaan',
    saved: 'Opgeslagen: het overzicht komt om {{time}}.',
    savedOff: 'Opgeslagen: geen dagelijks overzicht.',
    loading: 'Laden…',
  },
} as const;

addTexts(remindersTexts);
