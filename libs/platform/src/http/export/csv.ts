import type { CellValue, Table } from './table';

/** The byte order mark Excel needs to read a CSV file as UTF-8 (without it, Vietnamese turns to mojibake). */
export const UTF8_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/**
 * A text cell a spreadsheet would take for a formula (=, +, -, @, or a tab/CR before one): prefixed with an
 * apostrophe (OWASP "CSV injection"), since comments are citizens' free text. Numbers are written as numbers
 * and never prefixed; the XLSX export writes text cells as text and needs no prefix.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field per RFC 4180: quoted when it holds a quote, comma, CR or LF (quotes doubled); null is empty. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly CellValue[]): string => cells.map(csvField).join(',') + CSV_LINE_END;

/**
 * The CSV text of a table in chunks of `rowsPerChunk` lines: the BOM and header row first, CRLF after every line
 * (RFC 4180 §2). A generator, so a large answer is streamed as it is encoded rather than built as one string.
 */
export function* csvChunks(table: Table, rowsPerChunk = 500): Generator<string> {
  yield UTF8_BOM + csvLine(table.columns);
  for (let i = 0; i < table.rows.length; i += rowsPerChunk)
    yield table.rows
      .slice(i, i + rowsPerChunk)
      .map(csvLine)
      .join('');
}
