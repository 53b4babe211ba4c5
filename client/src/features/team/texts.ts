/**
 * Texts of the team lead's screen: its navigation, the caseload balance, reassigning a case and its weight.
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const teamTexts = {
  team: {
    nav: {
      label: 'Teamleiding',
      balance: 'Team',
      intake: 'Instroom',
      waiting: 'Wachtlijst',
      norms: 'Normen',
    },
    casesTitle: 'Kinderen van het team',
    reassignTitle: 'Overdragen',
    reassignTo: 'Overdragen aan',
    reassignHint: '{{name}} heeft dit dossier nu en staat daarom niet in de lijst.',
    reassignNone: 'Er is geen andere jeugdbeschermer in uw team om aan over te dragen.',
    carrier: {
      vast: 'Vaste jeugdbeschermer',
      none: 'Nog geen: het kind wacht in de instroom of op de wachtlijst.',
      since: 'sinds {{date}}',
      standIn: 'Waarnemer',
      standInPlanned: 'Waarnemer (gepland)',
      period: '{{from}} t/m {{until}}',
    },
    choose: 'Kies een jeugdbeschermer',
    workerOption_one: '{{name}} ({{count}} kind)',
    workerOption_other: '{{name}} ({{count}} kinderen)',
    reassign: 'Dossier overdragen',
    reassigned: 'Overgedragen. De telefoons volgen bij de volgende synchronisatie.',
    title: 'Mijn team',
    worker: 'Jeugdbeschermer',
    cases: 'Kinderen',
    fte: '{{fte}} fte',
    breached: '{{count}} met een norm te laat',
    none: 'Geen normen te laat',
    empty: 'Er zijn geen jeugdbeschermers in uw team.',
  },
  balance: {
    intro:
      'Gewogen caseload per jeugdbeschermer tegen de norm van {{low}}–{{high}} kinderen per fulltimer (naar fte).',
    chartCaption:
      'Gewogen caseload per jeugdbeschermer; het vlak is de norm voor hun fte, het streepje de stand na de verplaatsing.',
    figure: '{{children}} kinderen, gewogen {{weighted}} (norm {{low}}–{{high}}).',
    after: 'Na verplaatsen: {{weighted}}.',
    explain: 'Uitleg en dossiers',
    state: { onder: 'Ruimte', binnen: 'Binnen de norm', boven: 'Boven de norm' },
    factor: {
      base: 'kind',
      complexDivorce: 'complexe scheiding',
      startPhase: 'startfase',
      outOfHomePlacement: 'uithuisplaatsing',
      jeugdreclassering: 'jeugdreclassering',
      sibling: 'broer/zus in hetzelfde gezin',
    },
    whatIf: 'Wat als: dossiers verplaatsen',
    csvFor: 'CSV downloaden: caseloadbalans met de uitleg per kind',
    selectHint: 'Vink bij "Uitleg en dossiers" de dossiers aan die u wilt verplaatsen.',
    selected_one: '{{count}} dossier gekozen.',
    selected_other: '{{count}} dossiers gekozen.',
    moveTo: 'Naar',
    fromTo: 'van {{from}} naar {{to}} (norm {{low}}–{{high}})',
    move: 'Verplaatsen',
    noneSelected: 'Kies eerst bij "Uitleg en dossiers" welke dossiers u wilt verplaatsen.',
    noTarget: 'Kies bij "Naar" de jeugdbeschermer die de dossiers krijgt.',
    moved_one: '{{count}} dossier verplaatst. De telefoons volgen bij de volgende synchronisatie.',
    moved_other: '{{count}} dossiers verplaatst. De telefoons volgen bij de volgende synchronisatie.',
    weightsTitle: 'Norm en gewichten',
    weightsIntro:
      'Voor de hele organisatie. Elk kind telt als "basis"; de factoren tellen erbij op (of eraf, voor een broer of zus in een gezin dat de jeugdbeschermer al heeft).',
    normLow: 'Norm ondergrens per fte',
    normHigh: 'Norm bovengrens per fte',
    weights: {
      base: 'Basis per kind',
      complexDivorce: 'Complexe scheiding',
      startPhase: 'Startfase',
      startPhaseMonths: 'Startfase duurt (maanden)',
      outOfHomePlacement: 'Uithuisplaatsing',
      jeugdreclassering: 'Jeugdreclassering',
      siblingDiscount: 'Minder voor broer/zus',
    },
    weightsInvalid: 'Controleer de getallen: gebruik getallen tussen -5 en 5 (maanden: 0 tot 24).',
    weightsSave: 'Opslaan',
    weightsSaved: 'Opgeslagen. De cijfers hierboven zijn bijgewerkt.',
    complexDivorce: 'Complexe scheiding',
    complexDivorceHint: 'Telt zwaarder in de caseload van de jeugdbeschermer (zie Norm en gewichten).',
  },
} as const;

addTexts(teamTexts);
