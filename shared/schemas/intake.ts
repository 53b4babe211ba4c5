/**
 * Instroom: what the intake procedures take and return. The file travels as
 * text (read in the browser) with a length limit; its rows are parsed and
 * validated by shared/rules/intake-csv.ts on both sides.
 */
import { z } from 'zod';
import { type IntakeColumn, type IntakeFields, MAX_INTAKE_CSV_CHARS } from '../rules/intake-csv';
import { type MaatregelType, maatregelTypeSchema } from './maatregel';

export const intakeCsvInput = z.strictObject({
  csv: z.string().max(MAX_INTAKE_CSV_CHARS, 'Het bestand is te groot (max. 1 MB).'),
});
export type IntakeCsvInput = z.infer<typeof intakeCsvInput>;

const text = (max: number) => z.string().max(max, `Hoogstens ${max} tekens`);

/** One new measure from the form: the same fields as a CSV row, as typed (dates as in the file). */
export const intakeEntryInput = z.strictObject({
  clientNumber: text(40),
  zaaknummer: text(60),
  firstName: text(80),
  lastName: text(120),
  birthDate: text(10),
  gemeente: text(80),
  familyRef: text(60),
  type: maatregelTypeSchema,
  rulingDate: text(10),
  court: text(120),
  endDate: text(10).optional(),
  team: text(120).optional(),
  complexDivorce: z.boolean().optional(),
  outOfHomePlacement: z.boolean().optional(),
});
export type IntakeEntryInput = z.infer<typeof intakeEntryInput>;

/** The intake form's field for each column of the file: where a problem of a column lands on the form. */
export const INTAKE_FORM_FIELD: Record<IntakeColumn, keyof IntakeEntryInput> = {
  clientnummer: 'clientNumber',
  zaaknummer: 'zaaknummer',
  voornaam: 'firstName',
  achternaam: 'lastName',
  geboortedatum: 'birthDate',
  gemeente: 'gemeente',
  gezinsreferentie: 'familyRef',
  maatregel: 'type',
  uitspraakdatum: 'rulingDate',
  rechtbank: 'court',
  einddatum: 'endDate',
  team: 'team',
  complexe_scheiding: 'complexDivorce',
  uithuisplaatsing: 'outOfHomePlacement',
};

/**
 * The form's entry as the columns of a file row (INTAKE_FORM_FIELD read backwards), so the form and
 * the server check it with the file's own rules: yes/no fields as `ja`/`nee`, a missing one as empty.
 */
const YES_NO_FIELDS: ReadonlySet<keyof IntakeEntryInput> = new Set(['complexDivorce', 'outOfHomePlacement']);
export function intakeFieldsOf(entry: IntakeEntryInput): IntakeFields {
  const fields: IntakeFields = {};
  for (const [column, field] of Object.entries(INTAKE_FORM_FIELD) as [
    IntakeColumn,
    keyof IntakeEntryInput,
  ][]) {
    const value = entry[field];
    fields[column] = YES_NO_FIELDS.has(field) ? (value ? 'ja' : 'nee') : String(value ?? '');
  }
  return fields;
}

export const intakeAssignInput = z.strictObject({ caseId: z.uuid(), userId: z.uuid() });
export type IntakeAssignInput = z.infer<typeof intakeAssignInput>;

/** A row of the preview: what would happen to it. */
export interface IntakePreviewRow {
  line: number;
  outcome: 'nieuw' | 'bestaat';
  clientNumber: string;
  zaaknummer: string;
  name: string;
  birthDate: string;
  gemeente: string;
  type: MaatregelType;
  rulingDate: string;
  teamName: string;
  familyRef: string;
  /** True when the gezin already exists (an earlier import or an earlier row of this file). */
  knownFamily: boolean;
}

export interface IntakePreview {
  rows: IntakePreviewRow[];
  errors: { line: number; message: string }[];
  toCreate: number;
  existing: number;
}
