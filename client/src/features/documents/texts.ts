/**
 * Texts of the documents the app writes (issue 21): the download buttons, the handover summary
 * at the top of the case file, the handover note and the beheerder's template. Importing this
 * file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const documentsTexts = {
  documents: {
    busy: 'Document wordt gemaakt…',
    done: '{{filename}} gedownload. Er is niets op de server bewaard.',
    offline: 'Documenten maken kan alleen met verbinding.',
    koersCopy: 'Kopie voor het gezin (PDF)',
    koersCopyChild: 'Eigen kopie voor {{name}} (PDF)',
    koersCopyHint: 'Zonder de zorgpunten en ontwikkelingsbedreigingen: die zijn voor het dossier.',
    extensionTitle: 'Verzoek tot verlenging',
    extensionDraft: 'Concept downloaden (Word)',
    extensionHint:
      'Een concept met wat de app weet. Vul de visie van het gezin en de jeugdige en uw oordeel zelf aan.',
    secondReader: 'Uw organisatie vraagt een tweede lezer ({{role}}).',
    approvedBy: 'Goedgekeurd door {{name}} op {{date}}.',
    notApproved: 'Nog niet goedgekeurd: het verzoek is een concept.',
    approve: 'Goedkeuren als tweede lezer',
    approved: 'Goedgekeurd. Het volgende concept zegt door wie en wanneer.',
    letterTitle: 'Brief aan het gezin over de nieuwe jeugdbeschermer',
    letterPhone: 'Telefoonnummer van de nieuwe jeugdbeschermer',
    letterEmail: 'E-mailadres van de nieuwe jeugdbeschermer',
    letterButton: 'Brief maken (PDF)',
    handoverNote: 'Overdrachtsnotitie voor de nieuwe jeugdbeschermer (niet verplicht)',
    handoverNoteHint: 'Wat moet de nieuwe jeugdbeschermer als eerste weten? Gaat mee naar de telefoon.',
  },
  handover: {
    title: 'Overdracht',
    from: 'Overgenomen van {{name}} op {{date}}',
    since: 'Sinds {{date}} uw dossier',
    note: 'Notitie bij de overdracht',
    norms: 'Open normen en termijnen',
    normsNone: 'Alle normen zijn gehaald.',
    extension: 'Verzoek tot verlenging uiterlijk {{date}}',
    koers: 'Koers',
    koersState: 'Versie {{version}}: {{status}}',
    koersEvaluation: 'evaluatie {{date}}',
    koersNone: 'Nog geen koers.',
    referrals: 'Open hulpaanvragen en wachttijden',
    expected: 'verwachte start {{date}}',
    safety: 'Veiligheidsafspraken',
    people: 'Belangrijke mensen',
    contacts: 'Laatste contacten',
    none: 'Geen.',
  },
};

addTexts(documentsTexts);
