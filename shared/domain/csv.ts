/**
 * CSV as spreadsheets read it (RFC 4180: comma, CRLF, quotes doubled). `excel` adds a
 * UTF-8 byte-order mark, without which Excel on a Chinese Windows reads the file as
 * GBK and shows mojibake. A text cell that starts like a formula (= + - @) is
 * prefixed with ' so the spreadsheet shows it rather than runs it.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: CsvCell[][], options: { excel?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return options.excel ? `\uFEFF${body}` : body;
}
