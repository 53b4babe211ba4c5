/**
 * The one referral process (verwijsproces) for every gemeente, as a state
 * machine: each step is a named event with the states it may start from.
 * The phone and the referral desk offer only the steps allowed here, and the
 * server refuses any other with the reason below, whoever sends it.
 *
 *   concept → ingediend → (afstemming gemeente →) aangemeld bij aanbieder
 *     → geaccepteerd | afgewezen | wachtlijst → gestart → beëindigd
 *   opgeschaald (regional expertteam, then OZJ) from wachtlijst or afgewezen
 *   ingetrokken at any point before gestart
 */
import type { VerwijzingStatus } from '../schemas/verwijzing';

/** The states of one request for help; the steps between them are in shared/rules/verwijzing.ts. */
export const VERWIJZING_STATUSES = [
  'concept',
  'ingediend',
  'afstemming_gemeente',
  'aangemeld',
  'geaccepteerd',
  'afgewezen',
  'wachtlijst',
  'gestart',
  'beeindigd',
  'opgeschaald',
  'ingetrokken',
] as const;

/** The statuses' names as screens and exports show them. */
export const VERWIJZING_STATUS_NAMES = {
  concept: 'Concept',
  ingediend: 'Ingediend',
  afstemming_gemeente: 'Afstemming gemeente',
  aangemeld: 'Aangemeld bij aanbieder',
  geaccepteerd: 'Geaccepteerd',
  afgewezen: 'Afgewezen',
  wachtlijst: 'Wachtlijst',
  gestart: 'Gestart',
  beeindigd: 'Beëindigd',
  opgeschaald: 'Opgeschaald',
  ingetrokken: 'Ingetrokken',
} as const satisfies Record<(typeof VERWIJZING_STATUSES)[number], string>;

export const ESCALATION_LEVELS = ['geen', 'expertteam', 'ozj'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

interface Step {
  from: readonly VerwijzingStatus[];
  to: VerwijzingStatus;
  /** Dutch, for the refusal: what the step needs. */
  needs: string;
}

/** Statuses in which a child is still waiting for the requested help to start. */
export const WAITING_VERWIJZING_STATUSES = [
  'ingediend',
  'afstemming_gemeente',
  'aangemeld',
  'geaccepteerd',
  'afgewezen',
  'wachtlijst',
  'opgeschaald',
] as const satisfies readonly VerwijzingStatus[];

export const VERWIJZING_STEPS = {
  indienen: { from: ['concept'], to: 'ingediend', needs: 'een concept' },
  afstemmen: { from: ['ingediend'], to: 'afstemming_gemeente', needs: 'een ingediende aanvraag' },
  aanmelden: {
    from: ['ingediend', 'afstemming_gemeente', 'afgewezen', 'opgeschaald'],
    to: 'aangemeld',
    needs: 'een ingediende, afgestemde, afgewezen of opgeschaalde aanvraag',
  },
  accepteren: { from: ['aangemeld'], to: 'geaccepteerd', needs: 'een aanmelding bij een aanbieder' },
  afwijzen: {
    from: ['aangemeld', 'afstemming_gemeente'],
    to: 'afgewezen',
    needs: 'een aanmelding of een afstemming met de gemeente',
  },
  wachtlijst: {
    from: ['aangemeld', 'geaccepteerd'],
    to: 'wachtlijst',
    needs: 'een aanmelding of acceptatie',
  },
  starten: {
    from: ['geaccepteerd', 'wachtlijst'],
    to: 'gestart',
    needs: 'een acceptatie of een wachtlijstplek',
  },
  beeindigen: { from: ['gestart'], to: 'beeindigd', needs: 'gestarte hulp' },
  opschalen: {
    from: ['wachtlijst', 'afgewezen', 'opgeschaald'],
    to: 'opgeschaald',
    needs: 'een aanvraag op de wachtlijst, een afwijzing of een opschaling naar het expertteam',
  },
  intrekken: {
    from: ['concept', ...WAITING_VERWIJZING_STATUSES],
    to: 'ingetrokken',
    needs: 'een aanvraag waarvan de hulp nog niet is gestart',
  },
} as const satisfies Record<string, Step>;

export type VerwijzingStep = keyof typeof VERWIJZING_STEPS;
export const VERWIJZING_STEP_NAMES = Object.keys(VERWIJZING_STEPS) as VerwijzingStep[];

/**
 * What a step must carry besides being allowed: every step says something in
 * the history. Most desk steps need the written answer or reason (what the gemeente or
 * provider said, or why); registering names the provider instead, a start or
 * an end the day. `answer` is the Dutch refusal when the answer is missing.
 */
export const VERWIJZING_STEP_NEEDS: Record<
  VerwijzingStep,
  { answer: string | null; aanbieder: boolean; day: boolean }
> = {
  // The request itself (product, need, urgency) is what submitting records.
  indienen: { answer: null, aanbieder: false, day: false },
  afstemmen: {
    answer: 'Vul in wat met de gemeente is afgestemd of gevraagd.',
    aanbieder: false,
    day: false,
  },
  aanmelden: { answer: null, aanbieder: true, day: false },
  accepteren: { answer: 'Vul het antwoord van de aanbieder in.', aanbieder: false, day: false },
  afwijzen: { answer: 'Vul de reden van de afwijzing in.', aanbieder: false, day: false },
  wachtlijst: {
    answer: 'Vul het antwoord van de aanbieder over de wachtlijst in.',
    aanbieder: false,
    day: false,
  },
  starten: { answer: null, aanbieder: false, day: true },
  beeindigen: { answer: null, aanbieder: false, day: true },
  opschalen: { answer: 'Vul de samenvatting voor de opschaling in.', aanbieder: false, day: false },
  intrekken: { answer: 'Vul de reden van het intrekken in.', aanbieder: false, day: false },
};

const STATUS_LABEL: Record<VerwijzingStatus, string> = {
  concept: 'concept',
  ingediend: 'ingediend',
  afstemming_gemeente: 'in afstemming met de gemeente',
  aangemeld: 'aangemeld bij een aanbieder',
  geaccepteerd: 'geaccepteerd',
  afgewezen: 'afgewezen',
  wachtlijst: 'op de wachtlijst',
  gestart: 'gestart',
  beeindigd: 'beëindigd',
  opgeschaald: 'opgeschaald',
  ingetrokken: 'ingetrokken',
};

export type StepResult =
  | { ok: true; to: VerwijzingStatus; escalation: EscalationLevel }
  | { ok: false; reason: string };

/**
 * The status after `step` from `from`, or why the step is not allowed.
 * Escalation goes one level at a time: first the regional expertteam, then
 * the OZJ; past the OZJ there is no higher level.
 */
export function applyVerwijzingStep(
  from: VerwijzingStatus,
  escalation: EscalationLevel,
  step: VerwijzingStep,
): StepResult {
  const rule: Step = VERWIJZING_STEPS[step];
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: `Deze stap (${step}) kan niet: de aanvraag is ${STATUS_LABEL[from]}; de stap vraagt ${rule.needs}.`,
    };
  }
  if (step === 'opschalen') {
    if (escalation === 'ozj') {
      return { ok: false, reason: 'Deze aanvraag is al opgeschaald naar de OZJ; hoger kan niet.' };
    }
    if (from === 'opgeschaald' && escalation === 'geen') {
      return {
        ok: false,
        reason: 'Deze aanvraag is opgeschaald zonder niveau; schaal eerst op naar het expertteam.',
      };
    }
    return { ok: true, to: rule.to, escalation: escalation === 'geen' ? 'expertteam' : 'ozj' };
  }
  return { ok: true, to: rule.to, escalation };
}

/** The steps the screens offer from a status (and escalation level). */
export function allowedVerwijzingSteps(
  from: VerwijzingStatus,
  escalation: EscalationLevel,
): VerwijzingStep[] {
  return VERWIJZING_STEP_NAMES.filter((step) => applyVerwijzingStep(from, escalation, step).ok);
}

/** No step leads out of these. */
export const FINAL_VERWIJZING_STATUSES = [
  'beeindigd',
  'ingetrokken',
] as const satisfies readonly VerwijzingStatus[];

/**
 * Things recorded on a request without changing its status; they go into its
 * history like the steps. Bridging help and alternative offers belong to the
 * wait; a follow-up belongs to an escalation.
 */
export const VERWIJZING_EVENTS = {
  overbrugging: {
    during: WAITING_VERWIJZING_STATUSES,
    needs: 'een aanvraag waarvan de hulp nog niet is gestart',
  },
  alternatief: {
    during: WAITING_VERWIJZING_STATUSES,
    needs: 'een aanvraag waarvan de hulp nog niet is gestart',
  },
  keuze: { during: WAITING_VERWIJZING_STATUSES, needs: 'een aanvraag waarvan de hulp nog niet is gestart' },
  opvolging: { during: ['opgeschaald'], needs: 'een opgeschaalde aanvraag' },
} as const satisfies Record<string, { during: readonly VerwijzingStatus[]; needs: string }>;
export type VerwijzingEvent = keyof typeof VERWIJZING_EVENTS;

/** Whether `event` may be recorded on a request in status `status`, or why not. */
export function checkVerwijzingEvent(
  status: VerwijzingStatus,
  event: VerwijzingEvent,
): { ok: true } | { ok: false; reason: string } {
  const rule = VERWIJZING_EVENTS[event];
  if ((rule.during as readonly VerwijzingStatus[]).includes(status)) return { ok: true };
  return {
    ok: false,
    reason: `Dit (${event}) kan niet: de aanvraag is ${STATUS_LABEL[status]}; het vraagt ${rule.needs}.`,
  };
}
