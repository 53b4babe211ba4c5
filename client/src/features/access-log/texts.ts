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
      'Wie heeft het dossier van een kind ingezien of gewijzigd, en wanneer (NEN 7513). Elke zoekopdracht en elke raadpleging van dit log wordt zelf ook vastgelegd.',
    nav: 'Toegangslog',
    searchLabel: 'Zoek een kind: naam, cliëntnummer of geboortedatum (jjjj-mm-dd)',
    search: 'Zoeken',
    searching: 'Zoeken…',
    failed: 'Dat lukte niet. Probeer het opnieuw.',
    hits_one: '{{count}} kind gevonden',
    hits_other: '{{count}} kinderen gevonden',
    hitFacts: 'geboren {{birthDate}} · cliëntnummer {{clientNumber}} · {{team}}',
    logOf: 'Toegang tot het dossier van {{name}}',
    back: 'Ander kind zoeken',
    loading: 'Log laden…',
    none: 'Nog niemand heeft dit dossier geopend.',
    older: 'Oudere regels tonen',
    allowed: 'toegestaan',
    denied: 'geweigerd',
    system: 'Systeem',
    onBehalfOf: 'Namens',
    received: 'Ontvangen',
    where: 'Functie',
    device: 'Toestel',
    reason: 'Toelichting',
    actions: {
      read: 'ingezien',
      create: 'aangemaakt',
      update: 'gewijzigd',
      delete: 'verwijderd',
      search: 'gevonden bij zoeken',
      export: 'geëxporteerd',
      print: 'afgedrukt',
      list: 'in een lijst getoond',
    },
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
