/**
 * Texts of the norms dashboard (/team/normen).
 * They travel with the feature's lazy chunk, never with the field worker's app;
 * importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const normsDashboardTexts = {
  normsBoard: {
    title: 'Normen',
    intro:
      'Hoeveel kinderen op tijd een vaste jeugdbeschermer, een gedragen koers en passende hulp kregen. Een kind telt mee zodra de termijn verstreken is of de norm gehaald is.',
    controls: 'Weergave van de normen',
    groupBy: { label: 'Bekijk per', team: 'Team', worker: 'Jeugdbeschermer', region: 'Regio' },
    groupPick: { worker: 'Jeugdbeschermer', region: 'Regio' },
    groupsCaption: {
      team: 'Team',
      worker: 'Alle jeugdbeschermers (wie de zaak op de peildatum vast heeft)',
      region: 'Alle regio’s (woonplaats van het kind)',
    },
    peildatum: 'Peildatum',
    peildatumHint: 'Standaard vandaag. Alleen wat op die dag bekend was telt mee.',
    onDay: 'peildatum {{date}}',
    noCases: 'Geen kinderen met een maatregel in deze groep.',
    sharesLabel: 'Aandeel op tijd per norm',
    share: '{{pct}}% · {{met}} van {{counted}}',
    noneCounted: 'Nog niemand geteld',
    notYet: 'Nog niet',
    norm: {
      vasteJeugdbeschermer: 'Vaste jeugdbeschermer',
      koers: 'Gedragen koers',
      passendeHulp: 'Passende hulp',
    },
    term: {
      vasteJeugdbeschermer: 'Binnen 5 werkdagen na de uitspraak',
      koers: 'Binnen 6 weken na de uitspraak',
      passendeHulp: 'Binnen 3 maanden na de uitspraak',
    },
    trend: {
      heading: 'Verloop per maand',
      title: 'Aandeel op tijd per norm, de afgelopen 12 maanden',
      desc: 'Lijngrafiek met per maandeinde het percentage kinderen dat de norm op tijd haalde; de tabel hieronder heeft dezelfde cijfers.',
      caption: 'Elk punt is de stand aan het eind van de maand; het laatste punt is de peildatum.',
      tableCaption: 'Dezelfde cijfers als tabel',
    },
    breaches: {
      heading: 'Kinderen achter de overschrijdingen',
      intro: 'Per norm de kinderen die de termijn niet haalden, met het aantal dagen te laat.',
      vasteJeugdbeschermer: 'Te laat een vaste jeugdbeschermer',
      koers: 'Te laat een gedragen koers',
      passendeHulp: 'Te laat passende hulp',
      none: 'Geen overschrijdingen.',
    },
    upcoming: {
      title: 'Termijnen in de komende 2 weken',
      none: 'Geen termijnen in de komende 2 weken.',
      kind: { koers: 'Koers', passendeHulp: 'Passende hulp', verlenging: 'Verzoek verlenging' },
      ends: '(maatregel eindigt {{date}})',
    },
    col: {
      child: 'Jeugdige',
      worker: 'Jeugdbeschermer',
      due: 'Uiterste datum',
      metOn: 'Gehaald op',
      daysOver: 'Te laat',
      kind: 'Termijn',
      daysLeft: 'Nog',
    },
    daysOver_one: '{{count}} dag te laat',
    daysOver_other: '{{count}} dagen te laat',
    daysLeft_zero: 'vandaag',
    daysLeft_one: '{{count}} dag',
    daysLeft_other: '{{count}} dagen',
    csv: 'CSV',
    csvFor: 'CSV downloaden: {{list}}',
  },
} as const;

addTexts(normsDashboardTexts);
