import { describe, expect, it } from 'vitest';
import {
  MAX_INTAKE_ROWS,
  parseIntakeCsv,
  parseIntakeDate,
  splitCsvLine,
  validateIntakeFields,
} from '../../shared/rules/intake-csv';

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
    const parsed = parseIntakeCsv(`\uFEFF${HEADER}\r\n${row(1)}\r\n${row(2, { ruling: '19-11-2026' })}\r\n`);
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
    );
    expect(parsed.errors).toEqual([
      { line: 2, message: 'geboortedatum ligt na de uitspraakdatum' },
      { line: 3, message: 'einddatum ligt niet na de uitspraakdatum' },
      { line: 3, message: "complexe scheiding moet 'ja' of 'nee' zijn, niet 'misschien'" },
    ]);
  });

  it('needs a header with the required columns, separated by semicolons', () => {
    expect(parseIntakeCsv('clientnummer,zaaknummer\nC1,Z1').errors[0]).toMatchObject({ line: 1 });
    expect(parseIntakeCsv('').errors).toEqual([{ line: 1, message: 'Het bestand is leeg.' }]);
    expect(parseIntakeCsv(HEADER).errors).toEqual([
      { line: 1, message: 'Het bestand bevat alleen een kopregel.' },
    ]);
  });

  it('refuses more rows than the limit and more fields than the header', () => {
    const many = [HEADER, ...Array.from({ length: MAX_INTAKE_ROWS + 1 }, (_, i) => row(i))].join('\n');
    expect(parseIntakeCsv(many).errors).toEqual([
      { line: MAX_INTAKE_ROWS + 2, message: `Te veel regels: maximaal ${MAX_INTAKE_ROWS} per bestand.` },
    ]);
    expect(parseIntakeCsv(`${HEADER}\n${row(1)};extra`).errors[0]).toMatchObject({ line: 2 });
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
    const result = validateIntakeFields({ clientnummer: 'C1' }, 0);
    expect(result.errors?.map((e) => e.message)).toContain('zaaknummer ontbreekt');
  });
});
