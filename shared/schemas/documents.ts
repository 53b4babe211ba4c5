/**
 * The documents the server writes for a case (issue 21): their inputs and what comes back. A
 * document is generated on request and downloaded (base64 in the answer, never a URL with case
 * data); the server keeps none of them.
 */
import { z } from 'zod';

export const KOERS_COPY_FOR = ['gezin', 'jeugdige'] as const;
/** From this age the child may get its own copy of the koers (when the organisation enables it). */
export const CHILD_COPY_AGE = 12;

export const koersCopyInput = z.strictObject({ caseId: z.uuid(), for: z.enum(KOERS_COPY_FOR) });
export type KoersCopyInput = z.infer<typeof koersCopyInput>;

export const caseDocumentInput = z.strictObject({ caseId: z.uuid() });

/** Several drafts at once (a team lead): step-up first, every child logged as exported. */
export const extensionRequestsInput = z.strictObject({ caseIds: z.array(z.uuid()).min(1).max(30) });

export const HANDOVER_LIMITS = { note: 2000, phone: 40, email: 254 } as const;

export const handoverLetterInput = z.strictObject({
  caseId: z.uuid(),
  phone: z.string().trim().max(HANDOVER_LIMITS.phone, 'Hoogstens 40 tekens'),
  email: z.union([z.literal(''), z.email('Geen geldig e-mailadres').max(HANDOVER_LIMITS.email)]),
});
export type HandoverLetterInput = z.infer<typeof handoverLetterInput>;

/** The handover note a team lead (or the previous worker, through them) writes when a case moves. */
export const handoverNote = z
  .string()
  .trim()
  .max(HANDOVER_LIMITS.note, `De overdrachtsnotitie is hoogstens ${HANDOVER_LIMITS.note} tekens`);

export const SECOND_READERS = ['geen', 'teamleider'] as const;
export const documentSettingsInput = z.strictObject({
  childCopyFrom12: z.boolean(),
  /** Who approves an extension request before it is final; there is no gedragswetenschapper role (yet). */
  secondReader: z.enum(SECOND_READERS),
});
export type DocumentSettingsInput = z.infer<typeof documentSettingsInput>;

/** A DOCX file as base64: 512 KB at most (base64 is 4/3 of that). */
export const TEMPLATE_MAX_KB = 512;
export const uploadTemplateInput = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  base64: z
    .string()
    .max(
      Math.ceil((TEMPLATE_MAX_KB * 1024 * 4) / 3) + 4,
      `Het sjabloon is te groot: hoogstens ${TEMPLATE_MAX_KB} KB`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Het bestand is niet goed doorgestuurd'),
});

/**
 * Every placeholder the extension request's template may use (the server fills them, the
 * beheerder's screen lists them): top-level ones, and per list the ones inside its items.
 */
export const EXTENSION_PLACEHOLDERS = {
  fields: [
    'status',
    'goedkeuring',
    'jeugdige_naam',
    'geboortedatum',
    'leeftijd',
    'gemeente',
    'gezin_naam',
    'gezagsdragers',
    'maatregel_type',
    'zaaknummer',
    'rechtbank',
    'uitspraakdatum',
    'einddatum',
    'verzoek_uiterlijk',
    'uithuisplaatsing',
    'geen_verlengingen',
    'periode',
    'geen_hulp',
    'visie_gezin',
    'visie_jeugdige',
    'oordeel_jeugdbeschermer',
    'jeugdbeschermer',
    'organisatie',
    'datum_opgesteld',
  ],
  lists: {
    verlengingen: ['datum', 'kenmerk', 'tot'],
    bedreigingen: ['tekst'],
    doelen: ['doel', 'acties', 'wie', 'sinds', 'verloop'],
    contacten: ['datum', 'soort', 'verslag'],
    hulp: ['naam', 'stand', 'aangevraagd', 'wanneer', 'regeling'],
    normen: ['norm', 'termijn', 'voldaan'],
  },
} as const;

export interface DocumentFile {
  filename: string;
  mimeType: string;
  base64: string;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MIME = 'application/pdf';
