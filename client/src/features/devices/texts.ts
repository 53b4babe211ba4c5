/**
 * Texts of the devices screen (team lead and beheerder).
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const devicesTexts = {
  devices: {
    title: 'Toestellen',
    nav: 'Toestellen',
    intro:
      'De telefoons waarop jeugdbeschermers met dossiers werken. Trek een kwijtgeraakt toestel in: bij het eerstvolgende contact verstuurt het wat nog niet op de server stond en wist het zichzelf.',
    empty: 'Er zijn nog geen toestellen aangemeld.',
    status: {
      actief: 'Actief',
      ingetrokken: 'Ingetrokken',
      'gebruiker-uitgeschakeld': 'Gebruiker uitgeschakeld',
    },
    registeredAt: 'Aangemeld',
    lastSeenAt: 'Laatst gezien',
    wipedAt: 'Gewist',
    reason: 'Reden',
    reasonNeeded: 'Geef een reden van minstens 3 tekens.',
    surrendered: 'Ingeleverd werk',
    surrenderedCount_one: '{{count}} keer, nog niet afgehandeld',
    surrenderedCount_other: '{{count}} keer, nog niet afgehandeld',
    surrenderedTotal_one:
      'Eén toestel van een uitgeschakelde gebruiker heeft niet-gesynchroniseerd werk ingeleverd. Neem het met de functioneel beheerder door.',
    surrenderedTotal_other:
      'Toestellen van uitgeschakelde gebruikers hebben {{count}} keer niet-gesynchroniseerd werk ingeleverd. Neem het met de functioneel beheerder door.',
    revoke: 'Intrekken',
    revokeFor: 'Toestel van {{name}} intrekken ({{label}})',
    revokeTitle: 'Toestel intrekken',
    revokeExplain:
      'Het toestel van {{name}} ({{label}}) verstuurt bij het volgende contact wat nog niet op de server staat en wist daarna alle gegevens van de app. Dit kunt u niet terugdraaien.',
    confirmRevoke: 'Toestel intrekken',
    revoked: 'Het toestel van {{name}} is ingetrokken.',
    disable: 'Gebruiker uitschakelen',
    disableFor: 'Gebruiker uitschakelen: {{name}}',
    disableTitle: '{{name}} uitschakelen',
    disableExplain:
      '{{name}} kan niet meer inloggen en alle sessies stoppen. Wat op de toestellen nog niet gesynchroniseerd is, wordt apart voor u bewaard; daarna wissen de toestellen zich.',
    confirmDisable: 'Gebruiker uitschakelen',
    disabled: '{{name}} is uitgeschakeld.',
  },
} as const;

addTexts(devicesTexts);
