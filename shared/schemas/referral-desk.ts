/**
 * Inputs of the referral desk and of beheer (sociale kaart, arrangements):
 * only the server and the office screens use them, so they live apart from
 * the request's own schema (./verwijzing.ts), which the phone bundles.
 */
import { z } from 'zod';
import { VERWIJZING_STEP_NAMES, VERWIJZING_STEP_NEEDS, type VerwijzingStep } from '../rules/verwijzing';
import { isoDate, limitedText } from './primitives';
import { consultationSchema, productSchema, urgencySchema, verwijzingStatusSchema } from './verwijzing';

/** The desk's and beheer's free texts: refused past these (limitedText), counted on the form, never cut. */
export const DESK_LIMITS = {
  answer: 2000,
  bridgingDescription: 500,
  bridgingProvider: 200,
  offer: 500,
  followUpNote: 2000,
} as const;
export const KAART_LIMITS = {
  name: 200,
  contactRoute: 500,
  contactPoint: 300,
  expertteamContact: 300,
  notes: 2000,
} as const;

/**
 * A product's code and name as the beheerder types them: the phone's productSchema (./verwijzing.ts), but
 * refused past its limits in words that name the field, its length and the limit (kept out of the phone's bundle).
 */
export const PRODUCT_LIMITS = { code: 20, name: 200 } as const;
const kaartProduct = productSchema.extend({
  code: limitedText('De productcode', PRODUCT_LIMITS.code).trim().min(1),
  name: limitedText('De productnaam', PRODUCT_LIMITS.name).trim().min(1),
});

/**
 * One step on a request, at the referral desk. `answer` is the provider's or
 * gemeente's answer or the reason; `on` is the day it applies to (start, end,
 * or expected start); `aanbiederId` the provider it is registered with. What
 * each step must carry is VERWIJZING_STEP_NEEDS: a step is never recorded
 * empty, and the refusal names the field (path) and what to fill in.
 */
export const verwijzingStepInput = z
  .strictObject({
    verwijzingId: z.uuid(),
    step: z.enum(VERWIJZING_STEP_NAMES as [VerwijzingStep, ...VerwijzingStep[]]),
    answer: limitedText('Het antwoord', DESK_LIMITS.answer).trim(),
    on: isoDate.optional(),
    aanbiederId: z.uuid().optional(),
  })
  .superRefine((input, ctx) => {
    const needs = VERWIJZING_STEP_NEEDS[input.step];
    if (needs.answer && !input.answer)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: needs.answer });
    if (needs.aanbieder && !input.aanbiederId) {
      ctx.addIssue({ code: 'custom', path: ['aanbiederId'], message: 'Kies bij aanmelden de aanbieder.' });
    }
    if (needs.day && !input.on) {
      ctx.addIssue({
        code: 'custom',
        path: ['on'],
        message: 'Vul de datum in waarop de hulp is gestart of beëindigd.',
      });
    }
  });
export type VerwijzingStepInput = z.infer<typeof verwijzingStepInput>;

/** The "nog geen passende hulp" report at a peildatum. */
export const helpReportInput = z.strictObject({ peildatum: isoDate });

const agbCode = z.string().regex(/^\d{8}$/, 'AGB-code is 8 cijfers');

/** A care provider on the sociale kaart, as the beheerder keeps it. */
export const aanbiederInput = z.strictObject({
  id: z.uuid(),
  name: limitedText('De naam', KAART_LIMITS.name).trim().min(1),
  agbCode,
  products: z.array(kaartProduct).min(1).max(100),
  regionIds: z.array(z.uuid()).max(50),
  waitWeeks: z.number().int().min(0).max(260),
  contactRoute: limitedText('De contactroute', KAART_LIMITS.contactRoute).trim(),
  active: z.boolean(),
  /**
   * The version the edit was made on (as the list showed it); 0 for a new provider. The kaart is shared
   * by every organisation: an edit on an older version is refused, with the current one to compare.
   */
  baseVersion: z.number().int().min(0).max(1_000_000_000),
});
export type AanbiederInput = z.infer<typeof aanbiederInput>;

/** The GI's arrangement with one jeugdhulpregio. */
export const arrangementInput = z.strictObject({
  regionId: z.uuid(),
  consultation: consultationSchema,
  contactPoint: limitedText('Het contactpunt', KAART_LIMITS.contactPoint).trim(),
  answerWorkdays: z.number().int().min(0).max(60),
  expertteamContact: limitedText('Het contact van het expertteam', KAART_LIMITS.expertteamContact).trim(),
  notes: limitedText('De notitie', KAART_LIMITS.notes).trim(),
});
export type ArrangementInput = z.infer<typeof arrangementInput>;

/** Bridging help while the child waits (overbruggingshulp), recorded at the desk. */
export const bridgingSchema = z.strictObject({
  description: limitedText('De overbruggingshulp', DESK_LIMITS.bridgingDescription)
    .trim()
    .min(1, 'Vul in welke hulp de overbrugging is.'),
  provider: limitedText('Wie de overbrugging biedt', DESK_LIMITS.bridgingProvider)
    .trim()
    .min(1, 'Vul in wie de overbrugging biedt.'),
  startedOn: isoDate,
});
export type Bridging = z.infer<typeof bridgingSchema>;

/** An alternative offered instead of waiting, and what the worker and family chose. */
export const alternativeSchema = z.strictObject({
  offer: z.string().trim().min(1).max(500),
  aanbiederId: z.uuid().nullable(),
  expectedStartOn: isoDate.nullable(),
  offeredAt: z.string().max(40),
  choice: z.enum(['wachten', 'alternatief']).nullable(),
  reason: z.string().max(1000),
  decidedAt: z.string().max(40).nullable(),
});
export type Alternative = z.infer<typeof alternativeSchema>;

export const bridgingInput = z.strictObject({ verwijzingId: z.uuid(), bridging: bridgingSchema });
export const alternativeOfferInput = z.strictObject({
  verwijzingId: z.uuid(),
  offer: limitedText('Het aanbod', DESK_LIMITS.offer).trim().min(1, 'Vul in wat wordt aangeboden.'),
  aanbiederId: z.uuid().nullable(),
  expectedStartOn: isoDate.nullable(),
});
export const followUpInput = z.strictObject({
  verwijzingId: z.uuid(),
  note: limitedText('De opvolging', DESK_LIMITS.followUpNote)
    .trim()
    .min(1, 'Vul in wat er is gedaan of afgesproken.'),
  nextOn: isoDate.nullable(),
});

/** Queue filters at the referral desk; all optional. */
export const NORM_FILTERS = ['verlopen', 'binnenkort'] as const;
export const queueFilterInput = z
  .strictObject({
    regionId: z.uuid().optional(),
    gemeenteId: z.uuid().optional(),
    urgency: urgencySchema.optional(),
    status: verwijzingStatusSchema.optional(),
    /** Only requests waiting at least this many days since they were made. */
    minWaitDays: z.number().int().min(0).max(3650).optional(),
    norm: z.enum(NORM_FILTERS).optional(),
  })
  .optional();
export type QueueFilter = z.infer<typeof queueFilterInput>;
