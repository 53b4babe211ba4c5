/**
 * Texts of the form that registers a court decision on a measure (verlenging,
 * omzetting, beëindiging, verlopen); they load with that form, and importing
 * this file registers them (i18n/index.ts, addTexts). The refusals themselves
 * come from the shared rules (shared/rules/measure-life.ts), in Dutch, the same
 * on the phone and the server.
 */
import { addTexts } from '../../i18n';

export const maatregelTexts = {
  decision: {
    title: 'Uitspraak registreren: {{type}}',
    intro: 'Uitspraak {{ruling}}, {{until}}. Registreer wat de rechter besliste.',
    kind: 'Wat is er besloten?',
    kinds: {
      verlenging: 'Verlenging',
      omzetting: 'Omzetting',
      beeindiging: 'Beëindiging',
      verlopen: 'Verlopen zonder verlenging',
    },
    rulingDate: 'Datum van de uitspraak',
    newEndDate: 'Nieuwe einddatum',
    reference: 'Kenmerk van de beschikking (niet verplicht)',
    toType: 'Omzetten in',
    endDate: 'Einddatum',
    voogdijEnd: 'Voogdij loopt tot de jeugdige 18 is: {{date}}.',
    court: 'Rechtbank',
    zaaknummer: 'Zaaknummer (niet verplicht)',
    placement: 'Met machtiging uithuisplaatsing',
    endedOn: 'Beëindigd per',
    reason: 'Reden',
    reasonText: 'Toelichting',
    lapseOn: 'De maatregel eindigt op zijn einddatum, {{date}}.',
    normsRunOn: 'De normen tellen door vanaf de eerste uitspraak ({{date}}).',
    closesCase:
      'Dit is de laatste lopende maatregel: het dossier wordt afgesloten en verdwijnt bij de volgende synchronisatie van de telefoon.',
    save: 'Registreren',
    saving: 'Bezig met registreren…',
    cancel: 'Annuleren',
    onlineOnly: 'Een uitspraak registreert u met verbinding. U bent nu offline.',
    errorSummary_one: 'Er is {{count}} probleem:',
    errorSummary_other: 'Er zijn {{count}} problemen:',
    failed: 'Registreren is niet gelukt. Probeer het opnieuw.',
    done: {
      verlenging: 'Verlenging geregistreerd: de maatregel loopt tot {{end}}.',
      requestBy: 'Verzoek voor een volgende verlenging uiterlijk {{date}}.',
      omzetting: 'Omzetting geregistreerd: {{type}} vanaf {{date}}.',
      beeindiging: 'Beëindiging geregistreerd per {{date}}.',
      closed: 'Het dossier is afgesloten.',
    },
    back: 'Terug naar het dossier',
  },
} as const;

addTexts(maatregelTexts);
