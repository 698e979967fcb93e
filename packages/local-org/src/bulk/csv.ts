/**
 * CSV as Bulk API 2.0 reads and writes it: RFC 4180 quoting, one of Salesforce's six column
 * delimiters, LF or CRLF line endings. Query results quote every value; `#N/A` in job data
 * means null.
 */

/** Bulk API 2.0's `columnDelimiter` values and the characters they stand for. */
export const COLUMN_DELIMITERS = { BACKQUOTE: '`', CARET: '^', COMMA: ',', PIPE: '|', SEMICOLON: ';', TAB: '\t' } as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = 'LF' | 'CRLF';

/** The CSV format of one job. */
export interface CsvFormat {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

/** A CSV body that cannot be read: an unterminated quote, or a row of the wrong width. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/**
 * Rows of a CSV text, each an array of raw strings. Quoted values may hold delimiters, quotes
 * (doubled) and line breaks; a trailing line break ends the last row rather than starting one.
 */
export function parseCsv(text: string, format: CsvFormat): string[][] {
  const delimiter = COLUMN_DELIMITERS[format.columnDelimiter];
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(value);
    rows.push(row);
    row = [];
    value = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else value += c;
      i += 1;
      continue;
    }
    if (c === '"' && value === '') quoted = true;
    else if (c === delimiter) {
      row.push(value);
      value = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (c === '\n') endRow();
    else value += c;
    i += 1;
  }
  if (quoted) throw new CsvError('unterminated quoted value');
  if (value !== '' || row.length > 0) endRow();
  return rows;
}

/** One CSV value, quoted (Bulk query results quote every value; null is an empty quoted value). */
function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** CSV text of a header and rows; every value quoted, each line ended with the format's line ending. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[], format: CsvFormat): string {
  const delimiter = COLUMN_DELIMITERS[format.columnDelimiter];
  const eol = format.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const lines = [header, ...rows].map((values) => values.map(quote).join(delimiter));
  return lines.join(eol) + eol;
}
