/**
 * The doorbraak summary: what the regional expertteam (or, one level up, the
 * OZJ) needs to pick up a stuck request without asking around — the need, how
 * urgent it is and why, how the 3-month term stands, and every attempt made so
 * far (registrations, refusals and waiting lists with the answers given,
 * bridging help, an alternative offer and the choice on it). Pure, so the desk
 * prefills it and the support worker edits it before sending.
 */

import type { Alternative, Bridging } from '../schemas/referral-desk';
import type { Urgency, VerwijzingStatus } from '../schemas/verwijzing';
import { daysBetween, dutchToday, type IsoDate } from './dates';
import type { EscalationLevel } from './verwijzing';

export type EscalationTarget = Exclude<EscalationLevel, 'geen'>;

/** One history row of the request (a step or an event), oldest first. */
export interface SummaryStep {
  step: string;
  fromStatus: VerwijzingStatus;
  /** When it was recorded (an instant, ISO). */
  at: string;
  answer: string;
  /** The provider named on the row itself (aanmelden, alternatief). */
  aanbiederName: string | null;
  /** The day it applies to: start, expected start, follow-up. */
  on: IsoDate | null;
}

export interface EscalationSummaryInput {
  to: EscalationTarget;
  /** How the child is named: the summary leaves the GI, so the caller decides how much to say. */
  child: string;
  gemeente: string;
  region: string;
  product: string;
  need: string;
  goals: string[];
  urgency: Urgency;
  urgencyReason: string;
  rulingDate: IsoDate | null;
  helpDueDate: IsoDate;
  today: IsoDate;
  history: SummaryStep[];
  bridging: Bridging | null;
  alternative: (Alternative & { aanbiederName?: string | null }) | null;
}

/** The level the next escalation goes to, or null when the OZJ already has it. */
export function nextEscalationTarget(level: EscalationLevel): EscalationTarget | null {
  if (level === 'geen') return 'expertteam';
  if (level === 'expertteam') return 'ozj';
  return null;
}

const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** '2026-11-03' → '3 november 2026'. */
export function dutchDate(day: IsoDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return longDate.format(Date.UTC(y, m - 1, d));
}

const TARGET_NAME: Record<EscalationTarget, string> = {
  expertteam: 'het regionale expertteam',
  ozj: 'het Ondersteuningsteam Zorg voor de Jeugd (OZJ)',
};

const URGENCY_NAME: Record<Urgency, string> = { regulier: 'regulier', urgent: 'urgent', acuut: 'acuut' };

/** "nog 12 dagen", "vandaag", "5 dagen over de termijn". */
export function termText(helpDueDate: IsoDate, today: IsoDate): string {
  const left = daysBetween(today, helpDueDate);
  if (left === 0) return 'de termijn verloopt vandaag';
  if (left > 0) return left === 1 ? 'nog 1 dag' : `nog ${left} dagen`;
  return -left === 1 ? '1 dag over de termijn' : `${-left} dagen over de termijn`;
}

const withAnswer = (text: string, answer: string) => (answer.trim() ? `${text}: ${answer.trim()}` : text);

/** The attempts, one line each, in the order they happened. */
export function attemptLines(history: SummaryStep[]): string[] {
  let provider: string | null = null;
  let escalations = 0;
  const lines: string[] = [];
  for (const h of history) {
    const day = dutchDate(dutchToday(new Date(h.at)));
    const at = provider ? ` bij ${provider}` : '';
    const expected = h.on ? ` (verwachte start ${dutchDate(h.on)})` : '';
    let text: string;
    switch (h.step) {
      case 'indienen':
        text = withAnswer('aanvraag ingediend', h.answer);
        break;
      case 'afstemmen':
        text = withAnswer('voorgelegd aan de gemeente (afstemming)', h.answer);
        break;
      case 'aanmelden':
        provider = h.aanbiederName ?? provider;
        text = withAnswer(`aangemeld${provider ? ` bij ${provider}` : ''}`, h.answer);
        break;
      case 'accepteren':
        text = withAnswer(`geaccepteerd${at}${expected}`, h.answer);
        break;
      case 'afwijzen':
        text = withAnswer(
          h.fromStatus === 'afstemming_gemeente'
            ? 'afgewezen door de gemeente'
            : `afgewezen${provider ? ` door ${provider}` : ''}`,
          h.answer,
        );
        break;
      case 'wachtlijst':
        text = withAnswer(`op de wachtlijst${at}${expected}`, h.answer);
        break;
      case 'opschalen':
        escalations += 1;
        text = withAnswer(
          `opgeschaald naar ${escalations === 1 ? 'het regionale expertteam' : 'het OZJ'}`,
          h.answer,
        );
        break;
      case 'overbrugging':
        text = withAnswer('overbruggingshulp vastgelegd', h.answer);
        break;
      case 'alternatief':
        text = withAnswer(
          `alternatief aangeboden${h.aanbiederName ? ` door ${h.aanbiederName}` : ''}`,
          h.answer,
        );
        break;
      case 'keuze':
        text = withAnswer('keuze van jeugdbeschermer en gezin', h.answer);
        break;
      case 'opvolging':
        text = withAnswer(`opvolging${h.on ? ` (volgende opvolging ${dutchDate(h.on)})` : ''}`, h.answer);
        break;
      case 'starten':
        text = withAnswer('hulp gestart', h.answer);
        break;
      case 'beeindigen':
        text = withAnswer('hulp beëindigd', h.answer);
        break;
      case 'intrekken':
        text = withAnswer('aanvraag ingetrokken', h.answer);
        break;
      default:
        text = withAnswer(h.step, h.answer);
    }
    lines.push(`- ${day}: ${text}`);
  }
  return lines;
}

export function escalationSummary(input: EscalationSummaryInput): string {
  const lines: string[] = [
    `Doorbraakverzoek aan ${TARGET_NAME[input.to]} (regio ${input.region})`,
    '',
    `Jeugdige: ${input.child}, gemeente ${input.gemeente}`,
  ];
  if (input.rulingDate) lines.push(`Uitspraak kinderrechter: ${dutchDate(input.rulingDate)}`);
  lines.push(
    `Hulp uiterlijk: ${dutchDate(input.helpDueDate)} (${termText(input.helpDueDate, input.today)})`,
    `Gevraagde hulp: ${input.product}`,
    `Nodig omdat: ${input.need.trim() || '(niet ingevuld)'}`,
  );
  if (input.goals.length) {
    lines.push('Koersdoelen:', ...input.goals.map((g) => `- ${g}`));
  }
  lines.push(
    `Urgentie: ${URGENCY_NAME[input.urgency]}${input.urgencyReason.trim() ? ` — ${input.urgencyReason.trim()}` : ''}`,
    '',
    'Ondernomen stappen:',
  );
  const attempts = attemptLines(input.history);
  lines.push(...(attempts.length ? attempts : ['- nog geen stappen vastgelegd']));
  lines.push('');
  const b = input.bridging;
  lines.push(
    b
      ? `Overbruggingshulp: ${b.description} door ${b.provider}, sinds ${dutchDate(b.startedOn)}`
      : 'Overbruggingshulp: geen',
  );
  const a = input.alternative;
  if (a) {
    const details = [
      a.aanbiederName ? `door ${a.aanbiederName}` : null,
      a.expectedStartOn ? `start ${dutchDate(a.expectedStartOn)}` : null,
    ].filter((x) => x !== null);
    const choice =
      a.choice === null
        ? 'nog geen keuze'
        : `keuze: ${a.choice === 'wachten' ? 'wachten op de gevraagde hulp' : 'het alternatief'}${
            a.reason.trim() ? ` — ${a.reason.trim()}` : ''
          }`;
    lines.push(
      `Alternatief aanbod: ${a.offer}${details.length ? ` (${details.join(', ')})` : ''}; ${choice}`,
    );
  }
  lines.push(
    '',
    `Gevraagd: help de gemeente, aanbieders en de GI om voor dit kind ${
      input.to === 'ozj' ? 'alsnog ' : ''
    }passende hulp te laten starten; langs de gewone weg lukt dat niet op tijd.`,
  );
  return lines.join('\n');
}
