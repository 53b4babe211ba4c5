/**
 * CSV for Dutch spreadsheets, the one format every export here writes (the
 * referral desk's lists and reports, the norms dashboard): semicolon-separated,
 * decimal comma, UTF-8 with a byte-order mark, CRLF line ends. Guarantee: no
 * cell runs as a formula when the file is opened.
 */
export type CsvCell = string | number | null;

/**
 * One CSV cell for Dutch spreadsheets: semicolon-separated, decimal comma.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) gets a leading apostrophe; text with a separator, quote or line
 * break is quoted, quotes doubled.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to CSV text: a byte-order mark (so Excel reads UTF-8), CRLF line ends. */
export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
