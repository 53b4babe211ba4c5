/**
 * Texts of the attachments (photos and documents), which load with their lazy chunks; importing
 * this file registers them (i18n/index.ts, addTexts).
 */
import { ATTACHMENT_REFUSALS } from '../../../../shared/schemas/attachment';
import { addTexts } from '../../i18n';

export const attachmentTexts = {
  attachments: {
    title: 'Bijlagen',
    none: 'Nog geen foto’s of documenten.',
    add: 'Foto of document toevoegen',
    camera: 'Foto maken',
    hint: 'Foto’s worden verkleind en zonder locatie bewaard, versleuteld op dit toestel. PDF tot 10 MB.',
    preparing: 'Bezig met verkleinen…',
    added: '{{name}} is toegevoegd.',
    addedPending: '{{name}} is toegevoegd en gaat mee bij de volgende synchronisatie.',
    chosen_one: '{{count}} bijlage gaat mee met dit contact.',
    chosen_other: '{{count}} bijlagen gaan mee met dit contact.',
    removeChosen: 'Niet meesturen: {{name}}',
    problems: {
      'verkeerd-type': 'Dit bestand is geen foto of PDF. Kies een foto of een PDF.',
      'te-groot': 'Dit bestand is groter dan 10 MB. Kies een kleiner bestand.',
      leeg: 'Dit bestand is leeg.',
      saveFailed: 'De bijlage kon niet op dit toestel worden bewaard.',
      storageFull:
        'Het geheugen van dit toestel is vol: de bijlage is niet bewaard. Synchroniseer en maak ruimte vrij.',
    },
    open: 'Openen',
    openLabel: '{{name}} openen',
    opening: 'Bezig met openen…',
    close: 'Sluiten',
    download: 'Downloaden',
    offline: 'Deze bijlage staat niet meer op dit toestel. Open haar als er verbinding is.',
    downloadFailed: 'De bijlage kon niet worden opgehaald. Probeer het later opnieuw.',
    notYetSent: 'Nog niet verstuurd',
    refused: 'Geweigerd',
    document: 'PDF',
    photo: 'Foto',
    uploading: 'Bijlage {{index}} van {{count}} wordt verstuurd, {{percent}}%',
    refusals: ATTACHMENT_REFUSALS,
    wachtrijTitle_one: '{{count}} bijlage geweigerd',
    wachtrijTitle_other: '{{count}} bijlagen geweigerd',
    remove: 'Verwijderen van dit toestel',
    removeTitle: 'Bijlage verwijderen?',
    removeText:
      'De server heeft deze bijlage niet bewaard. Als u haar verwijdert, is zij weg van dit toestel.',
    removeConfirm: 'Ja, verwijderen',
    what: 'Bijlage: {{name}}',
  },
};

addTexts(attachmentTexts);
