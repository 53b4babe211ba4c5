/**
 * Texts of the wachtrij (what waits to be sent, what was refused), which load
 * with the lazy outbox screen; importing this file registers them
 * (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const outboxTexts = {
  outbox: {
    title: 'Wachtrij',
    intro: 'Wijzigingen op dit toestel die de server nog niet heeft verwerkt.',
    syncNow: 'Nu synchroniseren',
    offlineHint: 'U bent offline. Alles blijft op dit toestel bewaard en gaat mee zodra er verbinding is.',
    empty: 'Alles is verwerkt. Er wacht niets.',
    refusedTitle_one: '{{count}} geweigerd — actie nodig',
    refusedTitle_other: '{{count}} geweigerd — actie nodig',
    pendingTitle_one: '{{count}} wacht op verzending',
    pendingTitle_other: '{{count}} wachten op verzending',
    refused: 'Geweigerd',
    pending: 'Wacht',
    caseGone: 'Dossier niet meer op dit toestel',
    madeAt: 'gemaakt {{when}}',
    reason: 'Reden:',
    showContent: 'Inhoud tonen',
    resend: 'Opnieuw versturen',
    copy: 'Tekst kopiëren',
    copied: 'De tekst staat op het klembord.',
    copyFailed: 'Kopiëren lukte niet; selecteer de tekst bij "Inhoud tonen".',
    amend: 'Aanpassen',
    discard: 'Weggooien',
    discardTitle: 'Wijziging weggooien?',
    discardText:
      'De server heeft deze wijziging geweigerd. Als u hem weggooit, is de inhoud definitief weg van dit toestel.',
    discardConfirm: 'Ja, weggooien',
    what: {
      logContact: 'Contact: {{kind}}, {{when}}',
      amendment: 'Aanvulling op een contact, {{when}}',
      editKoers: 'Koers bijgewerkt: {{fields}}',
      startKoers: 'Nieuwe koersversie gestart',
      setKoersStatus: 'Koers naar "{{status}}"',
      keepMine: 'Koersconflict: eigen versie gehouden',
      keepTheirs: 'Koersconflict: andere versie gehouden',
      requestHelp: 'Hulp aangevraagd: {{product}}',
      chooseAlternative: 'Keuze bij alternatief aanbod: {{choice}}',
      addAttachment: 'Bijlage: {{name}}',
    },
  },
};

addTexts(outboxTexts);
