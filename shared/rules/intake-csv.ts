/**
 * Instroom: the CSV file (and the single form) in which support staff register
 * new measures, one row per child and measure. Pure parsing and validation:
 * the browser shows the same errors the server will refuse with, and the
 * server re-runs it as the authority before it writes anything. Every error
 * names its line (the header is line 1), in Dutch, for the person who made
 * the file.
 */
import { MAATREGEL_TYPES, type MaatregelType } from '../schemas/maatregel';
import { fromDate, type IsoDate, toDate } from './dates';

/** About 1 MB of text and 2000 rows: a month's intake of a large GI, with room. */
export const MAX_INTAKE_CSV_CHARS = 1_000_000;
export const MAX_INTAKE_ROWS = 2000;

/** The columns, in the order of the documented format; the header may order them differently. */
export const INTAKE_COLUMNS = [
  'clientnummer',
  'zaaknummer',
  'voornaam',
  'achternaam',
  'geboortedatum',
  'gemeente',
  'gezinsreferentie',
  'maatregel',
  'uitspraakdatum',
  'rechtbank',
  'einddatum',
  'team',
  'complexe_scheiding',
  'uithuisplaatsing',
] as const;
export type IntakeColumn = (typeof INTAKE_COLUMNS)[number];

/** The columns a row must fill; the others may be left out of the file or left empty. */
export const INTAKE_REQUIRED: readonly IntakeColumn[] = [
  'clientnummer',
  'zaaknummer',
  'voornaam',
  'achternaam',
  'geboortedatum',
  'gemeente',
  'gezinsreferentie',
  'maatregel',
  'uitspraakdatum',
  'rechtbank',
];

/** Longest accepted value of the free-text columns (dates, type and ja/nee have their own checks). */
const MAX_LENGTH: Partial<Record<IntakeColumn, number>> = {
  clientnummer: 40,
  zaaknummer: 60,
  voornaam: 80,
  achternaam: 120,
  gemeente: 80,
  gezinsreferentie: 60,
  rechtbank: 120,
  team: 120,
};

const LABEL: Record<IntakeColumn, string> = {
  clientnummer: 'cliëntnummer',
  zaaknummer: 'zaaknummer',
  voornaam: 'voornaam',
  achternaam: 'achternaam',
  geboortedatum: 'geboortedatum',
  gemeente: 'gemeente',
  gezinsreferentie: 'gezinsreferentie',
  maatregel: 'maatregel',
  uitspraakdatum: 'uitspraakdatum',
  rechtbank: 'rechtbank',
  einddatum: 'einddatum',
  team: 'team',
  complexe_scheiding: 'complexe scheiding',
  uithuisplaatsing: 'uithuisplaatsing',
};

/** One valid row: a child and a new measure. */
export interface IntakeRow {
  line: number;
  clientNumber: string;
  zaaknummer: string;
  firstName: string;
  lastName: string;
  birthDate: IsoDate;
  /** A CBS code (e.g. 0503) or a name; the server resolves it. */
  gemeente: string;
  familyRef: string;
  type: MaatregelType;
  rulingDate: IsoDate;
  court: string;
  endDate: IsoDate | null;
  /** A team name, or null for the importer's own team. */
  team: string | null;
  complexDivorce: boolean;
  outOfHomePlacement: boolean;
}

export interface IntakeLineError {
  line: number;
  message: string;
  /** The column the problem is in, when it is one column's (the form puts it beside that field). */
  column?: IntakeColumn;
}

export interface ParsedIntake {
  rows: IntakeRow[];
  errors: IntakeLineError[];
}

/** The raw values of one row, by column (missing columns are empty). */
export type IntakeFields = Partial<Record<IntakeColumn, string>>;

/**
 * Accepts YYYY-MM-DD and DD-MM-YYYY, the day and month also as one digit
 * (1-5-2015: how Dutch Excel saves a date cell); null unless it is a real calendar day.
 */
export function parseIntakeDate(value: string): IsoDate | null {
  const v = value.trim();
  let iso: string | null = null;
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(v);
  if (ymd) iso = `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  else if (dmy) iso = `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}`;
  if (!iso) return null;
  const date = toDate(iso);
  return Number.isNaN(date.getTime()) || fromDate(date) !== iso ? null : iso;
}

function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'nee' || v === 'n' || v === '0') return false;
  if (v === 'ja' || v === 'j' || v === '1') return true;
  return null;
}

/** Headers are matched loosely: case, spaces, accents and dashes do not matter. */
function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]+/g, '_');
}

/** The separators a file may use: Dutch Excel writes semicolons, an English one commas. */
export type CsvSeparator = ';' | ',';

/** The header line decides: semicolons if it has any, else commas if it has any. */
export function separatorOf(headerLine: string): CsvSeparator {
  return !headerLine.includes(';') && headerLine.includes(',') ? ',' : ';';
}

/** Splits one line on the separator; a field in double quotes may hold it ("" is a quote). */
export function splitCsvLine(line: string, separator: CsvSeparator = ';'): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (ch === separator) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  fields.push(current.trim());
  return fields;
}

/**
 * Validates the values of one row (from the file or the form). Returns the row,
 * or every problem of that row in one Dutch sentence per problem. `today` is
 * the Dutch calendar day (dutchToday): a ruling has happened, so it is not
 * after today.
 */
export function validateIntakeFields(
  fields: IntakeFields,
  line: number,
  today: IsoDate,
): { row: IntakeRow; errors?: undefined } | { row?: undefined; errors: IntakeLineError[] } {
  const errors: { column: IntakeColumn; message: string }[] = [];
  const fail = (column: IntakeColumn, message: string) => errors.push({ column, message });
  const get = (c: IntakeColumn) => (fields[c] ?? '').trim();
  for (const c of INTAKE_COLUMNS) {
    const max = MAX_LENGTH[c];
    if (max !== undefined && get(c).length > max) fail(c, `${LABEL[c]} is te lang (max. ${max} tekens)`);
  }
  for (const c of INTAKE_REQUIRED) if (get(c) === '') fail(c, `${LABEL[c]} ontbreekt`);
  const date = (c: IntakeColumn): IsoDate | null => {
    if (get(c) === '') return null;
    const d = parseIntakeDate(get(c));
    if (!d) fail(c, `${LABEL[c]} '${get(c)}' is geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ)`);
    return d;
  };
  const birthDate = date('geboortedatum');
  const rulingDate = date('uitspraakdatum');
  const endDate = date('einddatum');
  if (rulingDate && rulingDate > today) {
    fail(
      'uitspraakdatum',
      `uitspraakdatum ${get('uitspraakdatum')} ligt in de toekomst: vul de datum in waarop de rechter uitspraak deed`,
    );
  }
  if (birthDate && rulingDate && birthDate > rulingDate) {
    fail('geboortedatum', 'geboortedatum ligt na de uitspraakdatum');
  }
  if (rulingDate && endDate && endDate <= rulingDate)
    fail('einddatum', 'einddatum ligt niet na de uitspraakdatum');
  const typeRaw = get('maatregel').toLowerCase();
  const type = (MAATREGEL_TYPES as readonly string[]).includes(typeRaw) ? (typeRaw as MaatregelType) : null;
  if (typeRaw !== '' && !type) {
    fail('maatregel', `maatregel '${get('maatregel')}' is onbekend (kies uit ${MAATREGEL_TYPES.join(', ')})`);
  }
  const yesNo = (c: IntakeColumn) => {
    const v = parseYesNo(get(c));
    if (v === null) fail(c, `${LABEL[c]} moet 'ja' of 'nee' zijn, niet '${get(c)}'`);
    return v ?? false;
  };
  const complexDivorce = yesNo('complexe_scheiding');
  const outOfHomePlacement = yesNo('uithuisplaatsing');
  if (errors.length > 0 || !birthDate || !rulingDate || !type) {
    return { errors: errors.map(({ column, message }) => ({ line, message, column })) };
  }
  return {
    row: {
      line,
      clientNumber: get('clientnummer'),
      zaaknummer: get('zaaknummer'),
      firstName: get('voornaam'),
      lastName: get('achternaam'),
      birthDate,
      gemeente: get('gemeente'),
      familyRef: get('gezinsreferentie'),
      type,
      rulingDate,
      court: get('rechtbank'),
      endDate,
      team: get('team') || null,
      complexDivorce,
      outOfHomePlacement,
    },
  };
}

/**
 * A row with nothing in it: an empty line, or only separators (and empty
 * quotes), as Excel writes below the data when cells there were once touched.
 */
function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v === '');
}

/**
 * Parses a whole file: a header row, then one row per child and measure.
 * Blank rows (empty, or only separators: `;;;;;;`) are skipped but still
 * counted, so line numbers match an editor's. Extra fields past the header
 * are accepted when they are empty (Excel pads every row alike). Checks within
 * the file too: a zaaknummer appears once, a client number belongs to one
 * child (one measure per child per file). `today`: see validateIntakeFields.
 */
export function parseIntakeCsv(text: string, today: IsoDate): ParsedIntake {
  if (text.length > MAX_INTAKE_CSV_CHARS) {
    return { rows: [], errors: [{ line: 0, message: 'Het bestand is te groot (max. 1 MB).' }] };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => !isBlank(splitCsvLine(l)) && !isBlank(splitCsvLine(l, ',')));
  if (headerIndex < 0) return { rows: [], errors: [{ line: 1, message: 'Het bestand is leeg.' }] };
  const separator = separatorOf(lines[headerIndex] ?? '');
  const header = splitCsvLine(lines[headerIndex] ?? '', separator).map(normaliseHeader);
  const headerLine = headerIndex + 1;
  const errors: IntakeLineError[] = [];
  const missing = INTAKE_REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: headerLine,
          message: `Kopregel mist ${missing.join(', ')} (scheidingsteken: puntkomma ';' of komma ',')`,
        },
      ],
    };
  }
  const unknown = header.filter((h) => h !== '' && !(INTAKE_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) {
    errors.push({ line: headerLine, message: `Onbekende kolom(men) in de kopregel: ${unknown.join(', ')}` });
  }
  const rows: IntakeRow[] = [];
  const zaakLines = new Map<string, number>();
  const clientLines = new Map<string, number>();
  let count = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const values = splitCsvLine(lines[i] ?? '', separator);
    if (isBlank(values)) continue;
    const line = i + 1;
    count += 1;
    if (count > MAX_INTAKE_ROWS) {
      errors.push({ line, message: `Te veel regels: maximaal ${MAX_INTAKE_ROWS} per bestand.` });
      break;
    }
    if (values.length > header.length && !isBlank(values.slice(header.length))) {
      errors.push({ line, message: `${values.length} velden, de kopregel heeft er ${header.length}` });
      continue;
    }
    const fields: IntakeFields = {};
    header.forEach((h, idx) => {
      if ((INTAKE_COLUMNS as readonly string[]).includes(h)) fields[h as IntakeColumn] = values[idx] ?? '';
    });
    const result = validateIntakeFields(fields, line, today);
    if (result.errors) {
      // A file's problems are by line; the column is the form's business.
      errors.push(...result.errors.map(({ line: at, message }) => ({ line: at, message })));
      continue;
    }
    const { row } = result;
    const zaakSeen = zaakLines.get(row.zaaknummer);
    const clientSeen = clientLines.get(row.clientNumber);
    if (zaakSeen !== undefined) {
      errors.push({ line, message: `zaaknummer ${row.zaaknummer} staat ook op regel ${zaakSeen}` });
    } else if (clientSeen !== undefined) {
      errors.push({ line, message: `cliëntnummer ${row.clientNumber} staat ook op regel ${clientSeen}` });
    } else {
      zaakLines.set(row.zaaknummer, line);
      clientLines.set(row.clientNumber, line);
      rows.push(row);
    }
  }
  if (count === 0 && errors.length === 0) {
    errors.push({ line: headerLine, message: 'Het bestand bevat alleen een kopregel.' });
  }
  return { rows, errors };
}

/** The template's file name, as the team lead downloads it. */
export const INTAKE_TEMPLATE_NAME = 'instroom-sjabloon.csv';

/** The template's one example row: a made-up child, in every column, as the format wants it. */
export const INTAKE_TEMPLATE_EXAMPLE: Record<IntakeColumn, string> = {
  clientnummer: 'C-100',
  zaaknummer: 'C/09/650123',
  voornaam: 'Lotte',
  achternaam: 'Voorbeeld',
  geboortedatum: '2013-05-01',
  gemeente: '0503',
  gezinsreferentie: 'F-1',
  maatregel: 'ots',
  uitspraakdatum: '2025-11-19',
  rechtbank: 'Rechtbank Den Haag',
  einddatum: '2026-11-19',
  team: '',
  complexe_scheiding: 'nee',
  uithuisplaatsing: 'nee',
};

/**
 * The CSV template: the header with every column and one example row, with a
 * BOM and Windows line ends so that Excel opens it with the accents right and
 * saves it back in a form this parser reads. Built from the column list, so it
 * cannot drift from the format; it holds no case data.
 */
export function intakeTemplateCsv(): string {
  const line = (values: readonly string[]) => values.join(';');
  return `\uFEFF${line(INTAKE_COLUMNS)}\r\n${line(INTAKE_COLUMNS.map((c) => INTAKE_TEMPLATE_EXAMPLE[c]))}\r\n`;
}
