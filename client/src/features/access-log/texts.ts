/**
 * Texts of the access log of a child's file.
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const accessLogTexts = {
  accessLogScreen: {
    title: 'Toegangslog',
    intro:
      'Wie heeft het dossier van een kind ingezien of gewijzigd, op welk toestel en wanneer (NEN 7513). Zoek per kind, per gebruiker of per periode. Elke zoekopdracht, raadpleging en export van dit log wordt zelf ook vastgelegd.',
    nav: 'Toegangslog',
    searchLabel: 'Zoek een kind: naam, cliëntnummer of geboortedatum (jjjj-mm-dd)',
    search: 'Zoeken',
    searching: 'Zoeken…',
    hits_one: '{{count}} kind gevonden',
    hits_other: '{{count}} kinderen gevonden',
    hitFacts: 'geboren {{birthDate}} · cliëntnummer {{clientNumber}} · {{team}}',
    filterTitle: 'Log tonen of exporteren',
    childChosen: 'Kind: {{name}}',
    childClear: 'Alle kinderen',
    user: 'Gebruiker',
    allUsers: 'Alle gebruikers',
    from: 'Van (datum)',
    to: 'Tot en met (datum)',
    show: 'Log tonen',
    export: 'Exporteren (CSV)',
    exporting: 'Exporteren…',
    exportHint:
      'Een export bevat gegevens van veel kinderen: u bevestigt eerst opnieuw wie u bent, en de export wordt vastgelegd.',
    exported_one: '{{count}} regel geëxporteerd.',
    exported_other: '{{count}} regels geëxporteerd.',
    linesTitle: 'Toegang',
    ofChild: 'kind {{name}}',
    ofUser: 'gebruiker {{name}}',
    fromDay: 'vanaf {{day}}',
    toDay: 'tot en met {{day}}',
    who: 'Wie',
    child: 'Kind',
    loading: 'Log laden…',
    none: 'Geen toegang gevonden die hierbij past.',
    older: 'Oudere regels tonen',
    allowed: 'toegestaan',
    denied: 'geweigerd',
    system: 'Systeem',
    onBehalfOf: 'Namens',
    received: 'Ontvangen',
    device: 'Toestel',
    reason: 'Toelichting',
    chainTitle: 'Is het log ongeschonden?',
    chainIntro:
      'Elke regel is met een hash aan de vorige gekoppeld. De controle rekent de hele keten van uw organisatie na en noemt elke gewijzigde, verwijderde of ingevoegde regel.',
    chainCheck: 'Keten controleren',
    chainChecking: 'Controleren…',
    chainOk_one: 'In orde: {{count}} regel, ongeschonden.',
    chainOk_other: 'In orde: {{count}} regels, ongeschonden.',
    chainBroken_one: 'Niet in orde: {{count}} probleem gevonden.',
    chainBroken_other: 'Niet in orde: {{count}} problemen gevonden.',
  },
} as const;

addTexts(accessLogTexts);
