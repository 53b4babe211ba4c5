import { describe, expect, it } from 'vitest';
import {
  INTAKE_COLUMNS,
  INTAKE_TEMPLATE_NAME,
  intakeTemplateCsv,
  MAX_INTAKE_ROWS,
  parseIntakeCsv,
  parseIntakeDate,
  splitCsvLine,
  validateIntakeFields,
} from '../../shared/rules/intake-csv';
import { intakeFieldsOf } from '../../shared/schemas/intake';

/** The Dutch calendar day the files are checked on. */
const TODAY = '2026-11-24';

const HEADER =
  'clientnummer;zaaknummer;voornaam;achternaam;geboortedatum;gemeente;gezinsreferentie;maatregel;uitspraakdatum;rechtbank;einddatum;team;complexe_scheiding;uithuisplaatsing';
const row = (n: number, extra: Partial<Record<string, string>> = {}) => {
  const v = {
    client: `C-${n}`,
    zaak: `Z/26/${n}`,
    first: 'Sam',
    last: 'de Vries',
    birth: '2014-03-02',
    gemeente: '0503',
    family: 'FAM-1',
    type: 'ots',
    ruling: '2026-11-19',
    court: 'Rechtbank Den Haag',
    end: '2027-11-19',
    team: '',
    divorce: 'nee',
    placement: 'ja',
    ...extra,
  };
  return [
    v.client,
    v.zaak,
    v.first,
    v.last,
    v.birth,
    v.gemeente,
    v.family,
    v.type,
    v.ruling,
    v.court,
    v.end,
    v.team,
    v.divorce,
    v.placement,
  ].join(';');
};

describe('intake CSV', () => {
  it('reads a valid file with a BOM and Windows line ends into rows', () => {
    const parsed = parseIntakeCsv(
      `\uFEFF${HEADER}\r\n${row(1)}\r\n${row(2, { ruling: '19-11-2026' })}\r\n`,
      TODAY,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toEqual({
      line: 2,
      clientNumber: 'C-1',
      zaaknummer: 'Z/26/1',
      firstName: 'Sam',
      lastName: 'de Vries',
      birthDate: '2014-03-02',
      gemeente: '0503',
      familyRef: 'FAM-1',
      type: 'ots',
      rulingDate: '2026-11-19',
      court: 'Rechtbank Den Haag',
      endDate: '2027-11-19',
      team: null,
      complexDivorce: false,
      outOfHomePlacement: true,
    });
    expect(parsed.rows[1]?.rulingDate).toBe('2026-11-19');
  });

  it('matches headers in any order and case, and leaves optional columns out', () => {
    const parsed = parseIntakeCsv(
      'Zaaknummer;Clientnummer;Voornaam;Achternaam;Geboortedatum;Gemeente;Gezinsreferentie;Maatregel;Uitspraakdatum;Rechtbank\n' +
        'Z1;C1;Ali;Bakker;2012-01-31;Delft;F9;VOTS;2026-11-20;Rechtbank Rotterdam',
      TODAY,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      zaaknummer: 'Z1',
      clientNumber: 'C1',
      type: 'vots',
      endDate: null,
    });
  });

  it('names the line and the reason of each bad row, counting empty lines', () => {
    const parsed = parseIntakeCsv(
      [
        HEADER,
        row(1),
        '',
        row(2, { type: 'ondertoezicht', birth: '31-02-2014' }),
        row(3, { first: '' }),
      ].join('\n'),
      TODAY,
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.errors).toEqual([
      { line: 4, message: "geboortedatum '31-02-2014' is geen geldige datum (JJJJ-MM-DD of DD-MM-JJJJ)" },
      {
        line: 4,
        message: "maatregel 'ondertoezicht' is onbekend (kies uit ots, vots, voogdij, jeugdreclassering)",
      },
      { line: 5, message: 'voornaam ontbreekt' },
    ]);
  });

  it('refuses a zaaknummer or a client number that appears twice in the file', () => {
    const parsed = parseIntakeCsv(
      [HEADER, row(1), row(2, { zaak: 'Z/26/1' }), row(3, { client: 'C-1' })].join('\n'),
      TODAY,
    );
    expect(parsed.errors).toEqual([
      { line: 3, message: 'zaaknummer Z/26/1 staat ook op regel 2' },
      { line: 4, message: 'cliëntnummer C-1 staat ook op regel 2' },
    ]);
  });

  it('checks the order of dates and the ja/nee columns', () => {
    const parsed = parseIntakeCsv(
      [HEADER, row(1, { birth: '2027-01-01' }), row(2, { end: '2026-11-01', divorce: 'misschien' })].join(
        '\n',
      ),
      TODAY,
    );
    expect(parsed.errors).toEqual([
      { line: 2, message: 'geboortedatum ligt na de uitspraakdatum' },
      { line: 3, message: 'einddatum ligt niet na de uitspraakdatum' },
      { line: 3, message: "complexe scheiding moet 'ja' of 'nee' zijn, niet 'misschien'" },
    ]);
  });

  it('needs a header with the required columns, separated by semicolons', () => {
    expect(parseIntakeCsv('clientnummer,zaaknummer\nC1,Z1', TODAY).errors[0]).toMatchObject({ line: 1 });
    expect(parseIntakeCsv('', TODAY).errors).toEqual([{ line: 1, message: 'Het bestand is leeg.' }]);
    expect(parseIntakeCsv(HEADER, TODAY).errors).toEqual([
      { line: 1, message: 'Het bestand bevat alleen een kopregel.' },
    ]);
  });

  it('refuses more rows than the limit and more fields than the header', () => {
    const many = [HEADER, ...Array.from({ length: MAX_INTAKE_ROWS + 1 }, (_, i) => row(i))].join('\n');
    expect(parseIntakeCsv(many, TODAY).errors).toEqual([
      { line: MAX_INTAKE_ROWS + 2, message: `Te veel regels: maximaal ${MAX_INTAKE_ROWS} per bestand.` },
    ]);
    expect(parseIntakeCsv(`${HEADER}\n${row(1)};extra`, TODAY).errors[0]).toMatchObject({ line: 2 });
  });

  it('keeps semicolons inside quoted fields', () => {
    expect(splitCsvLine('a;"b; c";"d ""e"""')).toEqual(['a', 'b; c', 'd "e"']);
  });

  it('accepts only real calendar days', () => {
    expect(parseIntakeDate('2026-02-29')).toBeNull();
    expect(parseIntakeDate('29-02-2028')).toBe('2028-02-29');
    expect(parseIntakeDate('2026/01/01')).toBeNull();
  });

  it('validates the form with the same rules as a row', () => {
    const result = validateIntakeFields({ clientnummer: 'C1' }, 0, TODAY);
    expect(result.errors?.map((e) => e.message)).toContain('zaaknummer ontbreekt');
  });

  it('refuses a ruling after today (Dutch day): a ruling has happened; today itself is fine', () => {
    const parsed = parseIntakeCsv(
      [HEADER, row(1, { ruling: '2026-11-24' }), row(2, { ruling: '25-11-2026', end: '2027-11-25' })].join(
        '\n',
      ),
      '2026-11-24',
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.errors).toEqual([
      {
        line: 3,
        message:
          'uitspraakdatum 25-11-2026 ligt in de toekomst: vul de datum in waarop de rechter uitspraak deed',
      },
    ]);
    const form = validateIntakeFields({ uitspraakdatum: '2026-11-25' }, 0, '2026-11-24');
    expect(form.errors?.map((e) => e.message)).toContain(
      'uitspraakdatum 2026-11-25 ligt in de toekomst: vul de datum in waarop de rechter uitspraak deed',
    );
  });
});

describe('intake CSV as Excel saves it', () => {
  it('skips rows of only separators, with a BOM and Windows line ends, and keeps counting their lines', () => {
    const blank = ';'.repeat(13);
    const parsed = parseIntakeCsv(
      `\uFEFF${HEADER}\r\n${row(1)}\r\n${blank}\r\n${row(2)}\r\n${blank}\r\n${blank}\r\n;;;;\r\n"";""\r\n`,
      TODAY,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.clientNumber])).toEqual([
      [2, 'C-1'],
      [4, 'C-2'],
    ]);
  });

  it('reads a whole Excel-like file: quoted fields, a semicolon inside quotes, padded columns, trailing blank rows', () => {
    // What "Opslaan als CSV (gescheiden door lijstscheidingsteken)" writes on a Dutch Windows:
    // every row padded to the widest column used, text with a ; in quotes, CRLF, a BOM.
    const excel = [
      `${HEADER};;`,
      '"C-10";"Z/26/10";"Noor";"van ""de"" Berg";01-05-2013;"0503";"F-10";"ots";19-11-2026;"Rechtbank Den Haag; locatie Den Haag";;;"ja";"nee";;',
      'C-11;Z/26/11;Sem;van de Berg;12-08-2016;Delft;F-10;vots;20-11-2026;Rechtbank Den Haag;;;;;;',
      ';;;;;;;;;;;;;;;;',
      ';;;;;;;;;;;;;;;;',
      '',
    ].join('\r\n');
    const parsed = parseIntakeCsv(`\uFEFF${excel}`, TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        line: 2,
        clientNumber: 'C-10',
        lastName: 'van "de" Berg',
        birthDate: '2013-05-01',
        rulingDate: '2026-11-19',
        court: 'Rechtbank Den Haag; locatie Den Haag',
        complexDivorce: true,
        outOfHomePlacement: false,
        endDate: null,
        team: null,
      }),
      expect.objectContaining({ line: 3, clientNumber: 'C-11', type: 'vots', familyRef: 'F-10' }),
    ]);
  });

  it('still refuses a file of only a header and blank rows, and a filled field past the header', () => {
    expect(parseIntakeCsv(`${HEADER}\r\n;;;;;;\r\n;;;;;;\r\n`, TODAY).errors).toEqual([
      { line: 1, message: 'Het bestand bevat alleen een kopregel.' },
    ]);
    expect(parseIntakeCsv(`${HEADER}\n${row(1)};;x`, TODAY).errors).toEqual([
      { line: 2, message: '16 velden, de kopregel heeft er 14' },
    ]);
  });
});

describe('intake CSV template', () => {
  it('is every column and one example row that the parser reads without a problem', () => {
    const template = intakeTemplateCsv();
    expect(INTAKE_TEMPLATE_NAME).toBe('instroom-sjabloon.csv');
    expect(template.startsWith('\uFEFF')).toBe(true);
    const lines = template.slice(1).split('\r\n');
    expect(lines[0]?.split(';')).toEqual([...INTAKE_COLUMNS]);
    expect(lines.filter((l) => l !== '')).toHaveLength(2);
    const parsed = parseIntakeCsv(template, TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });
});

describe('intake CSV as other spreadsheets save it', () => {
  it('reads commas as the separator when the header has no semicolon (Excel in English)', () => {
    const parsed = parseIntakeCsv(
      `\uFEFF${HEADER.replaceAll(';', ',')}\r\n${row(1).replaceAll(';', ',')}\r\n"C-2","Z/26/2",Sam,"de Vries, jr",2014-03-02,0503,FAM-2,ots,2026-11-19,Rechtbank Den Haag,,,nee,nee\r\n,,,,,,,,,,,,,\r\n`,
      TODAY,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.lastName)).toEqual(['de Vries', 'de Vries, jr']);
  });

  it('reads dates as Dutch Excel writes a date cell: day and month without a leading zero', () => {
    expect(parseIntakeDate('1-5-2015')).toBe('2015-05-01');
    expect(parseIntakeDate('19-11-2026')).toBe('2026-11-19');
    expect(parseIntakeDate('31-2-2026')).toBeNull();
    const parsed = parseIntakeCsv(
      `${HEADER}\r\n${row(1, { birth: '2-3-2014', ruling: '19-11-2026' })}`,
      TODAY,
    );
    expect(parsed.rows[0]).toMatchObject({ birthDate: '2014-03-02', rulingDate: '2026-11-19' });
  });

  it('tells the form which field each problem is in', () => {
    const result = validateIntakeFields({ clientnummer: 'C1', uitspraakdatum: '2026-12-01' }, 0, TODAY);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ column: 'zaaknummer', message: 'zaaknummer ontbreekt' }),
    );
    expect(result.errors).toContainEqual(expect.objectContaining({ column: 'uitspraakdatum' }));
  });
});

describe('the intake form checked as a file row', () => {
  it('names every column of the file, yes/no as ja/nee, and validates to the same row as the file', () => {
    const fields = intakeFieldsOf({
      clientNumber: 'C-77',
      zaaknummer: 'Z-77',
      firstName: 'Sem',
      lastName: 'de Wit',
      birthDate: '3-4-2015',
      gemeente: 'Delft',
      familyRef: 'F-77',
      type: 'ots',
      rulingDate: '2026-11-01',
      court: 'Rechtbank Den Haag',
      complexDivorce: true,
    });
    expect(Object.keys(fields).sort()).toEqual([...INTAKE_COLUMNS].sort());
    expect(fields).toMatchObject({
      complexe_scheiding: 'ja',
      uithuisplaatsing: 'nee',
      einddatum: '',
      team: '',
    });
    const line = ['C-77;Z-77;Sem;de Wit;3-4-2015;Delft;F-77;ots;2026-11-01;Rechtbank Den Haag;;;ja;nee'].join(
      '',
    );
    const fromFile = parseIntakeCsv(`${HEADER}\n${line}`, TODAY);
    expect(fromFile.errors).toEqual([]);
    expect(validateIntakeFields(fields, 2, TODAY).row).toEqual(fromFile.rows[0]);
  });
});
