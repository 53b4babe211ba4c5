/**
 * Texts about the phone itself (its clock, its storage), which load with the
 * lazy warnings so the field path stays small; importing this file registers
 * them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const deviceWarningTexts = {
  device: {
    clockWrong:
      'Tijd op dit toestel lijkt niet te kloppen: de klok loopt {{amount}} {{direction}} op de server. Zet datum en tijd op automatisch; wat u vastlegt, krijgt de tijd van dit toestel.',
    clockAhead: 'voor',
    clockBehind: 'achter',
    minutes: '{{count}} minuten',
    hours: '{{count}} uur',
    days: '{{count}} dagen',
    timeFlagged:
      'Tijd op dit toestel lijkt niet te kloppen: de server heeft een wijziging met een onwaarschijnlijke tijd ontvangen en gemarkeerd. {{note}}',
    understood: 'Begrepen',
    storageFull:
      'Het geheugen van dit toestel is vol: dit contact is niet opgeslagen. Maak ruimte vrij of synchroniseer eerst. Uw tekst staat nog in het formulier.',
    storageFullSync:
      'Het geheugen van dit toestel is vol: nieuwe gegevens van de server passen er niet meer op. Maak ruimte vrij op dit toestel.',
    storageAlmostFull:
      'Het geheugen van dit toestel is bijna vol ({{percent}}% gebruikt). Synchroniseer en maak ruimte vrij, anders kan er straks niets meer worden opgeslagen.',
    storageAttachments:
      'Foto’s en documenten nemen daarvan {{mb}} MB in. Wat al verstuurd is, gaat na {{days}} dagen van dit toestel en blijft online te openen.',
    evicted:
      'De gegevens op dit toestel zijn door de browser gewist. Wat al gesynchroniseerd was, staat veilig op de server en komt terug na het instellen van een nieuwe pincode. Wat nog niet verzonden was, kon niet worden bewaard.',
  },
};

addTexts(deviceWarningTexts);
