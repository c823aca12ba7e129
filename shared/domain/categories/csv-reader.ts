/**
 * Reads CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double
 * quotes may hold commas, line breaks and doubled quotes; lines end in CRLF, LF or CR.
 * A leading UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped. The writer is
 * `toCsv` in ../csv.ts; this is its reader, kept here while only the dictionary needs it.
 *
 * Every record carries the physical line it starts on (1-based), so an import can say
 * "line 12" even when an earlier field spanned several lines.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvProblem =
  /** A quoted field still open at the end of the file; `line` is where it opened. */
  | { line: number; code: 'CSV_UNCLOSED_QUOTE' }
  /** A quote inside an unquoted field, or text between a closing quote and the next comma. */
  | { line: number; code: 'CSV_BAD_QUOTE' };

export interface CsvReadResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

export function readCsv(text: string): CsvReadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];

  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteLine = 0;
  // After a closing quote only a comma or a line end may follow.
  let afterClosingQuote = false;
  // One problem per record is enough: the rest of a broken record says nothing new.
  let recordHasProblem = false;

  const endField = () => {
    cells.push(field);
    field = '';
    afterClosingQuote = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, cells });
    cells = [];
    recordHasProblem = false;
  };
  const badQuote = () => {
    if (!recordHasProblem) problems.push({ line, code: 'CSV_BAD_QUOTE' });
    recordHasProblem = true;
  };

  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (source.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          afterClosingQuote = true;
        }
      } else {
        if (c === LF || (c === CR && source.charCodeAt(i + 1) !== LF)) line++;
        field += source[i];
      }
      continue;
    }
    if (c === COMMA) {
      endField();
    } else if (c === CR || c === LF) {
      if (c === CR && source.charCodeAt(i + 1) === LF) i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (c === QUOTE) {
      if (field === '' && !afterClosingQuote) {
        inQuotes = true;
        quoteLine = line;
      } else {
        badQuote();
        field += '"';
      }
    } else {
      if (afterClosingQuote) badQuote();
      field += source[i];
    }
  }

  if (inQuotes) {
    problems.push({ line: quoteLine, code: 'CSV_UNCLOSED_QUOTE' });
    endRecord();
  } else if (field !== '' || cells.length > 0 || afterClosingQuote) {
    // The last record without a line break after it.
    endRecord();
  }
  return { records, problems };
}
