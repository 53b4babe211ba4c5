/**
 * Texts of the step-up dialog (the password asked again before an export).
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../i18n';

export const stepUpTexts = {
  stepUp: {
    title: 'Bevestig wie u bent',
    intro:
      'Een export bevat gegevens van veel kinderen. Daarom vragen we u opnieuw te bevestigen dat u het bent.',
    password: 'Uw wachtwoord',
    submit: 'Bevestigen',
    busy: 'Bezig met bevestigen…',
    wrongPassword: 'Wachtwoord onjuist.',
    tooMany: 'Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.',
    failed: 'Bevestigen bij de identiteitsprovider is niet gelukt. Probeer het opnieuw.',
    otherUser:
      'U bevestigde met een ander account dan waarmee u bent ingelogd. Probeer het opnieuw met uw eigen account.',
  },
} as const;

addTexts(stepUpTexts);
