import { describe, expect, it } from 'vitest';
import {
  type EscalationSummaryInput,
  escalationSummary,
  nextEscalationTarget,
  termText,
} from '../../shared/rules/escalation-summary';

const base: EscalationSummaryInput = {
  to: 'expertteam',
  child: 'A.T., geboren 2015',
  gemeente: 'Delft',
  region: 'Haaglanden',
  product: 'Traumabehandeling (EMDR) (54 Jeugd-ggz)',
  need: 'Anna heeft nachtmerries na het geweld thuis.',
  goals: ['Anna voelt zich veilig thuis'],
  urgency: 'urgent',
  urgencyReason: 'Klachten nemen toe; school meldt uitval.',
  rulingDate: '2026-08-01',
  helpDueDate: '2026-11-01',
  today: '2026-11-24',
  history: [
    {
      step: 'aanmelden',
      fromStatus: 'ingediend',
      at: '2026-09-03T09:00:00Z',
      answer: '',
      aanbiederName: 'Horizon',
      on: null,
    },
    {
      step: 'wachtlijst',
      fromStatus: 'aangemeld',
      at: '2026-09-10T09:00:00Z',
      answer: 'Wachttijd 16 weken',
      aanbiederName: null,
      on: '2027-01-05',
    },
    {
      step: 'overbrugging',
      fromStatus: 'wachtlijst',
      at: '2026-09-12T09:00:00Z',
      answer: 'Wijkteam Delft: wekelijks gesprek (vanaf 15 september 2026)',
      aanbiederName: null,
      on: '2026-09-15',
    },
  ],
  bridging: { description: 'wekelijks gesprek', provider: 'Wijkteam Delft', startedOn: '2026-09-15' },
  alternative: null,
};

describe('the doorbraak summary for the expertteam', () => {
  it('names the need, urgency and reason, the term and the attempts in order', () => {
    expect(escalationSummary(base)).toBe(
      [
        'Doorbraakverzoek aan het regionale expertteam (regio Haaglanden)',
        '',
        'Jeugdige: A.T., geboren 2015, gemeente Delft',
        'Uitspraak kinderrechter: 1 augustus 2026',
        'Hulp uiterlijk: 1 november 2026 (23 dagen over de termijn)',
        'Gevraagde hulp: Traumabehandeling (EMDR) (54 Jeugd-ggz)',
        'Nodig omdat: Anna heeft nachtmerries na het geweld thuis.',
        'Koersdoelen:',
        '- Anna voelt zich veilig thuis',
        'Urgentie: urgent — Klachten nemen toe; school meldt uitval.',
        '',
        'Ondernomen stappen:',
        '- 3 september 2026: aangemeld bij Horizon',
        '- 10 september 2026: op de wachtlijst bij Horizon (verwachte start 5 januari 2027): Wachttijd 16 weken',
        '- 12 september 2026: overbruggingshulp vastgelegd: Wijkteam Delft: wekelijks gesprek (vanaf 15 september 2026)',
        '',
        'Overbruggingshulp: wekelijks gesprek door Wijkteam Delft, sinds 15 september 2026',
        '',
        'Gevraagd: help de gemeente, aanbieders en de GI om voor dit kind passende hulp te laten starten; langs de gewone weg lukt dat niet op tijd.',
      ].join('\n'),
    );
  });

  it('names each refusal with who refused, the escalations by level, and the choice on an alternative', () => {
    const text = escalationSummary({
      ...base,
      to: 'ozj',
      history: [
        {
          step: 'afstemmen',
          fromStatus: 'ingediend',
          at: '2026-09-01T09:00:00Z',
          answer: '',
          aanbiederName: null,
          on: null,
        },
        {
          step: 'afwijzen',
          fromStatus: 'afstemming_gemeente',
          at: '2026-09-02T09:00:00Z',
          answer: 'Eerst lichte hulp proberen',
          aanbiederName: null,
          on: null,
        },
        {
          step: 'aanmelden',
          fromStatus: 'afgewezen',
          at: '2026-09-03T09:00:00Z',
          answer: '',
          aanbiederName: 'Horizon',
          on: null,
        },
        {
          step: 'afwijzen',
          fromStatus: 'aangemeld',
          at: '2026-09-04T09:00:00Z',
          answer: 'Geen plek voor deze leeftijd',
          aanbiederName: null,
          on: null,
        },
        {
          step: 'opschalen',
          fromStatus: 'afgewezen',
          at: '2026-10-01T09:00:00Z',
          answer: 'Vastgelopen',
          aanbiederName: null,
          on: null,
        },
      ],
      bridging: null,
      alternative: {
        offer: 'Groepstraining',
        aanbiederId: null,
        aanbiederName: 'De Brug',
        expectedStartOn: '2026-12-01',
        offeredAt: '2026-10-02T09:00:00Z',
        choice: 'wachten',
        reason: 'Groep past niet bij Anna',
        decidedAt: '2026-10-03T09:00:00Z',
      },
    });
    expect(text).toContain('Doorbraakverzoek aan het Ondersteuningsteam Zorg voor de Jeugd (OZJ)');
    expect(text).toContain('- 2 september 2026: afgewezen door de gemeente: Eerst lichte hulp proberen');
    expect(text).toContain('- 4 september 2026: afgewezen door Horizon: Geen plek voor deze leeftijd');
    expect(text).toContain('- 1 oktober 2026: opgeschaald naar het regionale expertteam: Vastgelopen');
    expect(text).toContain('Overbruggingshulp: geen');
    expect(text).toContain(
      'Alternatief aanbod: Groepstraining (door De Brug, start 1 december 2026); keuze: wachten op de gevraagde hulp — Groep past niet bij Anna',
    );
    expect(text).toContain('alsnog passende hulp');
  });

  it('counts the days left or over', () => {
    expect(termText('2026-12-01', '2026-11-24')).toBe('nog 7 dagen');
    expect(termText('2026-11-25', '2026-11-24')).toBe('nog 1 dag');
    expect(termText('2026-11-24', '2026-11-24')).toBe('de termijn verloopt vandaag');
    expect(termText('2026-11-23', '2026-11-24')).toBe('1 dag over de termijn');
  });

  it('goes to the expertteam first, then the OZJ, then nowhere', () => {
    expect(nextEscalationTarget('geen')).toBe('expertteam');
    expect(nextEscalationTarget('expertteam')).toBe('ozj');
    expect(nextEscalationTarget('ozj')).toBeNull();
  });
});
