import { z } from 'zod';
import { VERWIJZING_STATUSES, WAITING_VERWIJZING_STATUSES } from '../rules/verwijzing';

/** The states and their names live beside the steps between them (shared/rules/verwijzing.ts). */
export { VERWIJZING_STATUS_NAMES, VERWIJZING_STATUSES } from '../rules/verwijzing';
export const verwijzingStatusSchema = z.enum(VERWIJZING_STATUSES);

export type VerwijzingStatus = z.infer<typeof verwijzingStatusSchema>;

/** Requests the referral desk still has to work on: submitted, not yet started, not ended or withdrawn. */
export const OPEN_VERWIJZING_STATUSES = WAITING_VERWIJZING_STATUSES;

export const URGENCIES = ['regulier', 'urgent', 'acuut'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

/** iJw productcategorieën (code list JZ020) the sociale kaart and requests use. */
export const PRODUCT_CATEGORY_CODES = [
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '50',
  '51',
  '52',
  '53',
  '54',
  '55',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORY_CODES)[number];
export const productCategorySchema = z.enum(PRODUCT_CATEGORY_CODES);

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
