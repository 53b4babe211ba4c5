import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedVerwijzingSteps,
  applyVerwijzingStep,
  type EscalationLevel,
  FINAL_VERWIJZING_STATUSES,
  VERWIJZING_STEP_NAMES,
} from '../../shared/rules/verwijzing';
import type { VerwijzingStatus } from '../../shared/schemas/verwijzing';

/** The process as the issue describes it, written out once more by hand: (from, step) → to. */
const EXPECTED: Record<string, VerwijzingStatus> = {
  'concept/indienen': 'ingediend',
  'ingediend/afstemmen': 'afstemming_gemeente',
  'ingediend/aanmelden': 'aangemeld',
  'afstemming_gemeente/aanmelden': 'aangemeld',
  'afstemming_gemeente/afwijzen': 'afgewezen',
  'afgewezen/aanmelden': 'aangemeld',
  'opgeschaald/aanmelden': 'aangemeld',
  'aangemeld/accepteren': 'geaccepteerd',
  'aangemeld/afwijzen': 'afgewezen',
  'aangemeld/wachtlijst': 'wachtlijst',
  'geaccepteerd/wachtlijst': 'wachtlijst',
  'geaccepteerd/starten': 'gestart',
  'wachtlijst/starten': 'gestart',
  'gestart/beeindigen': 'beeindigd',
  'wachtlijst/opschalen': 'opgeschaald',
  'afgewezen/opschalen': 'opgeschaald',
  'opgeschaald/opschalen': 'opgeschaald',
  'concept/intrekken': 'ingetrokken',
  'ingediend/intrekken': 'ingetrokken',
  'afstemming_gemeente/intrekken': 'ingetrokken',
  'aangemeld/intrekken': 'ingetrokken',
  'geaccepteerd/intrekken': 'ingetrokken',
  'afgewezen/intrekken': 'ingetrokken',
  'wachtlijst/intrekken': 'ingetrokken',
  'opgeschaald/intrekken': 'ingetrokken',
};

describe('the referral state machine', () => {
  it('over random sequences of steps: only the listed transitions happen, every refusal has a reason and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VERWIJZING_STEP_NAMES), { maxLength: 40 }), (steps) => {
        let status: VerwijzingStatus = 'concept';
        let escalation: EscalationLevel = 'geen';
        let started = false;
        for (const step of steps) {
          const result = applyVerwijzingStep(status, escalation, step);
          const expected = EXPECTED[`${status}/${step}`];
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(20);
            // Refused only where the table has no transition, or where escalation has no higher level.
            if (expected) expect(step === 'opschalen' && escalation === 'ozj').toBe(true);
            continue;
          }
          expect(result.to).toBe(expected);
          if (step === 'opschalen') {
            expect(result.escalation).toBe(escalation === 'geen' ? 'expertteam' : 'ozj');
          } else {
            expect(result.escalation).toBe(escalation);
          }
          if (result.to === 'ingetrokken') expect(started).toBe(false);
          if (result.to === 'gestart') started = true;
          status = result.to;
          escalation = result.escalation;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('allows every listed transition', () => {
    for (const [key, to] of Object.entries(EXPECTED)) {
      const [from, step] = key.split('/') as [VerwijzingStatus, (typeof VERWIJZING_STEP_NAMES)[number]];
      const level: EscalationLevel = from === 'opgeschaald' ? 'expertteam' : 'geen';
      expect(applyVerwijzingStep(from, level, step)).toMatchObject({ ok: true, to });
    }
  });

  it('offers nothing from a final state, and escalates to the expertteam, then the OZJ, then no further', () => {
    for (const s of FINAL_VERWIJZING_STATUSES) expect(allowedVerwijzingSteps(s, 'geen')).toEqual([]);
    const first = applyVerwijzingStep('wachtlijst', 'geen', 'opschalen');
    expect(first).toEqual({ ok: true, to: 'opgeschaald', escalation: 'expertteam' });
    expect(applyVerwijzingStep('opgeschaald', 'expertteam', 'opschalen')).toEqual({
      ok: true,
      to: 'opgeschaald',
      escalation: 'ozj',
    });
    expect(applyVerwijzingStep('opgeschaald', 'ozj', 'opschalen')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('OZJ'),
    });
  });

  it('refuses a withdrawal once help has started, saying why', () => {
    expect(applyVerwijzingStep('gestart', 'geen', 'intrekken')).toEqual({
      ok: false,
      reason: expect.stringContaining('de aanvraag is gestart'),
    });
  });
});
