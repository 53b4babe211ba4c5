import { z } from 'zod';
import { VERWIJZING_STEP_NAMES, type VerwijzingStep, WAITING_VERWIJZING_STATUSES } from '../rules/verwijzing';
import { isoDate } from './primitives';

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
export const verwijzingStatusSchema = z.enum(VERWIJZING_STATUSES);
export type VerwijzingStatus = z.infer<typeof verwijzingStatusSchema>;

/** Requests the referral desk still has to work on: submitted, not yet started, not ended or withdrawn. */
export const OPEN_VERWIJZING_STATUSES = WAITING_VERWIJZING_STATUSES;

export const URGENCIES = ['regulier', 'urgent', 'acuut'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

/**
 * One step on a request, at the referral desk. `answer` is the provider's or
 * gemeente's answer or the reason (required to refuse or withdraw); `on` is the
 * day it applies to (start, end, or expected start); `aanbiederId` the provider
 * it is registered with (required to register).
 */
export const verwijzingStepInput = z.strictObject({
  verwijzingId: z.uuid(),
  step: z.enum(VERWIJZING_STEP_NAMES as [VerwijzingStep, ...VerwijzingStep[]]),
  answer: z.string().trim().max(2000),
  on: isoDate.optional(),
  aanbiederId: z.uuid().optional(),
});
export type VerwijzingStepInput = z.infer<typeof verwijzingStepInput>;

/** The "nog geen passende hulp" report at a peildatum. */
export const helpReportInput = z.strictObject({ peildatum: isoDate });

/** iJw productcategorieën (code list JZ020) the sociale kaart and requests use. */
export const PRODUCT_CATEGORIES = {
  '40': 'Jeugdhulp verblijf (excl. behandeling)',
  '41': 'Gesloten plaatsing',
  '43': 'Jeugdhulp verblijf incl. behandeling',
  '44': 'Crisis',
  '45': 'Jeugdhulp ambulant',
  '46': 'Jeugdhulp dagbehandeling',
  '47': 'Jeugdbescherming',
  '48': 'Jeugdreclassering',
  '49': 'Pleegzorg',
  '50': 'Landelijk ingekochte zorg',
  '51': 'Jeugd-ggz verblijf',
  '52': 'Persoonlijke verzorging',
  '53': 'Vervoersdiensten',
  '54': 'Jeugd-ggz',
  '55': 'Specialistische jeugd-ggz',
} as const;
export type ProductCategory = keyof typeof PRODUCT_CATEGORIES;
export const PRODUCT_CATEGORY_CODES = Object.keys(PRODUCT_CATEGORIES) as ProductCategory[];
export const productCategorySchema = z.enum(
  PRODUCT_CATEGORY_CODES as [ProductCategory, ...ProductCategory[]],
);

export const productSchema = z.strictObject({
  category: productCategorySchema,
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(200),
});
export type Product = z.infer<typeof productSchema>;

/** Jeugdwet art. 3.5: whether and how the gemeente is consulted before a jeugdhulpbepaling. */
export const CONSULTATION_KINDS = ['geen', 'email', 'portaal', 'telefoon', 'overleg'] as const;
export const consultationSchema = z.enum(CONSULTATION_KINDS);
export type Consultation = z.infer<typeof consultationSchema>;

/** What the family says about the request. */
export const CONSENT_KINDS = ['ja', 'gedeeltelijk', 'nee', 'niet_gevraagd'] as const;
export const consentSchema = z.enum(CONSENT_KINDS);
export type Consent = z.infer<typeof consentSchema>;

const agbCode = z.string().regex(/^\d{8}$/, 'AGB-code is 8 cijfers');

/** A care provider on the sociale kaart, as the beheerder keeps it. */
export const aanbiederInput = z.strictObject({
  id: z.uuid(),
  name: z.string().trim().min(1).max(200),
  agbCode,
  products: z.array(productSchema).min(1).max(100),
  regionIds: z.array(z.uuid()).max(50),
  waitWeeks: z.number().int().min(0).max(260),
  contactRoute: z.string().trim().max(500),
  active: z.boolean(),
});
export type AanbiederInput = z.infer<typeof aanbiederInput>;

/** The GI's arrangement with one jeugdhulpregio. */
export const arrangementInput = z.strictObject({
  regionId: z.uuid(),
  consultation: consultationSchema,
  contactPoint: z.string().trim().max(300),
  answerWorkdays: z.number().int().min(0).max(60),
  expertteamContact: z.string().trim().max(300),
  notes: z.string().trim().max(2000),
});
export type ArrangementInput = z.infer<typeof arrangementInput>;

/** Bridging help while the child waits (overbruggingshulp), recorded at the desk. */
export const bridgingSchema = z.strictObject({
  description: z.string().trim().min(1).max(500),
  provider: z.string().trim().min(1).max(200),
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
  offer: z.string().trim().min(1).max(500),
  aanbiederId: z.uuid().nullable(),
  expectedStartOn: isoDate.nullable(),
});
export const followUpInput = z.strictObject({
  verwijzingId: z.uuid(),
  note: z.string().trim().min(1).max(2000),
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

/** The part of the sociale kaart a worker's phone keeps offline (no child's data). */
export interface DeviceKaart {
  regions: { id: string; name: string }[];
  gemeenten: { id: string; name: string; cbsCode: string; regionId: string }[];
  arrangements: {
    regionId: string;
    consultation: Consultation;
    contactPoint: string;
    answerWorkdays: number;
    expertteamContact: string;
    notes: string;
  }[];
  aanbieders: {
    id: string;
    name: string;
    agbCode: string;
    products: Product[];
    waitWeeks: number;
    contactRoute: string;
    active: boolean;
    regionIds: string[];
  }[];
}
