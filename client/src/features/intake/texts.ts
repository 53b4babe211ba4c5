/**
 * Texts of the instroom: the children without a vaste jeugdbeschermer, the CSV import, the form for one measure.
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const intakeTexts = {
  intake: {
    title: 'Instroom',
    intro:
      'Nieuwe maatregelen. Elk kind krijgt binnen 5 werkdagen na de uitspraak een vaste jeugdbeschermer.',
    back: 'Terug naar de verwijsbalie',
    listTitle: 'Wachten op een vaste jeugdbeschermer',
    empty: 'Er wachten geen nieuwe kinderen op een vaste jeugdbeschermer.',
    born: 'Geboren {{date}}',
    ruling: 'Uitspraak {{date}}',
    due: 'uiterlijk {{date}}',
    team: 'Team: {{team}}',
    left_one: 'Nog {{count}} werkdag',
    left_other: 'Nog {{count}} werkdagen',
    lastDay: 'Vandaag de laatste werkdag',
    over_one: '{{count}} werkdag te laat',
    over_other: '{{count}} werkdagen te laat',
    assignTo: 'Vaste jeugdbeschermer voor {{name}}',
    workerOption: '{{name}} (ruimte {{room}}, {{children}} kinderen)',
    suggestion: 'Suggestie: {{name}} (ruimte {{room}})',
    assign: 'Toewijzen',
    assigned:
      '{{name}} is toegewezen aan {{worker}}. De telefoon krijgt het dossier bij de volgende synchronisatie.',
    types: {
      ots: 'OTS',
      vots: 'Voorlopige OTS',
      voogdij: 'Voogdij',
      jeugdreclassering: 'Jeugdreclassering',
    },
    import: {
      title: 'Importeren uit CSV',
      hint: 'Eén regel per kind en maatregel, met een kopregel; puntkomma als scheidingsteken, UTF-8. Uit Excel: "Opslaan als" en dan "CSV (gescheiden door lijstscheidingsteken)"; lege regels onderaan worden overgeslagen. Eerst ziet u wat er gebeurt; pas na "Importeren" wordt iets vastgelegd.',
      template: 'Sjabloon downloaden',
      templateHint:
        'instroom-sjabloon.csv: alle kolommen en één verzonnen voorbeeldregel. Vervang de voorbeeldregel door uw eigen regels.',
      columnsTitle: 'Kolommen van het bestand ({{count}})',
      columnsIntro:
        'Zo staan ze in het sjabloon; een andere volgorde mag ook. Datums als JJJJ-MM-DD of DD-MM-JJJJ.',
      columnsCaption: 'Kolommen en wat erin hoort',
      required: 'verplicht',
      optional: 'mag leeg',
      columns: {
        clientnummer:
          'Cliëntnummer van het kind bij de GI. Een bekend kind zonder dossier wordt opnieuw gebruikt.',
        zaaknummer: 'Zaaknummer van de rechtbank. Een maatregel die al bekend is, wordt overgeslagen.',
        voornaam: 'Voornaam van het kind.',
        achternaam: 'Achternaam van het kind.',
        geboortedatum: 'Geboortedatum; niet na de uitspraak.',
        gemeente: 'Woonplaats: CBS-code (0503 of GM0503) of naam (Delft).',
        gezinsreferentie:
          'Broers en zussen krijgen dezelfde referentie. Een gezin van het team met die referentie wordt gebruikt.',
        maatregel: 'ots, vots, voogdij of jeugdreclassering.',
        uitspraakdatum:
          'Datum van de uitspraak, niet in de toekomst. Hier begint de termijn van 5 werkdagen.',
        rechtbank: 'De rechtbank.',
        einddatum: 'Einde van de maatregel, na de uitspraak.',
        team: 'Naam van het team; leeg is uw eigen team. Een teamleider registreert alleen voor het eigen team.',
        complexe_scheiding: 'ja of nee (leeg is nee). Telt mee in de caseload.',
        uithuisplaatsing: 'ja of nee (leeg is nee).',
      },
      chosen: 'Gekozen bestand: {{name}}. Kies het opnieuw om een gewijzigde versie te controleren.',
      file: 'CSV-bestand',
      tooBig: 'Het bestand is groter dan 1 MB. Splits het in kleinere bestanden.',
      checking: 'Bestand controleren…',
      summary: '{{create}} nieuw, {{existing}} al bekend (die worden overgeslagen).',
      errors_one: '{{count}} fout gevonden. Er wordt niets geïmporteerd tot het bestand klopt.',
      errors_other: '{{count}} fouten gevonden. Er wordt niets geïmporteerd tot het bestand klopt.',
      errorsCaption: 'Fouten per regel',
      rowsCaption: 'Voorbeeld van de import',
      line: 'Regel',
      problem: 'Probleem',
      child: 'Kind',
      birthDate: 'Geboren',
      gemeente: 'Gemeente',
      type: 'Maatregel',
      ruling: 'Uitspraak',
      teamName: 'Team',
      family: 'Gezin',
      outcome: 'Resultaat',
      sibling: '{{ref}} (broer/zus)',
      nieuw: 'Nieuw',
      bestaat: 'Al bekend',
      button: 'Importeren',
      nothing: 'Alle rijen zijn al bekend; er is niets te importeren.',
      done: '{{created}} nieuwe maatregelen geïmporteerd, {{existing}} al bekend.',
    },
    form: {
      title: 'Nieuwe maatregel registreren',
      clientNumber: 'Cliëntnummer',
      zaaknummer: 'Zaaknummer (rechtbank)',
      firstName: 'Voornaam',
      lastName: 'Achternaam',
      birthDate: 'Geboortedatum',
      gemeente: 'Gemeente',
      gemeenteHint: 'CBS-code (bijv. 0503) of naam van de gemeente.',
      familyRef: 'Gezinsreferentie',
      familyRefHint: 'Broers en zussen krijgen dezelfde referentie: zo vormen ze één gezin.',
      type: 'Maatregel',
      rulingDate: 'Datum uitspraak',
      court: 'Rechtbank',
      endDate: 'Einddatum (optioneel)',
      team: 'Team',
      chooseTeam: 'Kies een team',
      complexDivorce: 'Complexe scheiding',
      outOfHome: 'Uithuisplaatsing',
      submit: 'Registreren',
      done: '{{name}} is geregistreerd en staat in de instroom.',
    },
  },
} as const;

addTexts(intakeTexts);
