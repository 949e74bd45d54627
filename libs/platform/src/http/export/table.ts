import { isLocalDate, wallClockOf } from '@fg/kernel';

/**
 * A statistics answer as a table (issue #20 item 2): what the CSV and XLSX exports write. Rows are flattened
 * objects, nested objects becoming dotted columns (`waitSeconds.median`); the column of a value is its JSON path,
 * so a reader finds every cell's figure in the JSON answer under the column's name.
 */
export type JsonScalar = string | number | boolean | null;
export type CellValue = JsonScalar;

/** How a cell is written: a number, a calendar date, a local date-time, a truth value or text. */
export type CellKind = 'number' | 'date' | 'instant' | 'boolean' | 'text' | 'empty';

export interface Table {
  columns: string[];
  rows: CellValue[][];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The kind of a flattened value: ISO local dates ('2026-03-01') and instants with a zone are dates, the rest as typed. */
export function cellKind(value: CellValue): CellKind {
  if (value === null) return 'empty';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (DATE.test(value) && isLocalDate(value)) return 'date';
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return 'instant';
  return 'text';
}

/**
 * The spreadsheet value of a cell: a calendar date as a Date at UTC midnight, an instant as Vietnam's wall clock
 * (a spreadsheet has no time zone; an office reads its own local time), a number as a number, '' an empty cell.
 */
export function spreadsheetValue(value: CellValue): string | number | boolean | Date | null {
  switch (cellKind(value)) {
    case 'date':
      return new Date(`${value as string}T00:00:00Z`);
    case 'instant':
      return wallClockOf(value as string);
    case 'number':
      return value;
    case 'text':
      return value === '' ? null : String(value);
    default:
      return value;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** An array in a cell: scalars joined by "; ", anything else as its JSON text. */
function arrayCell(values: unknown[]): string {
  const scalar = (v: unknown): v is JsonScalar =>
    v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (values.every(scalar)) return values.map((v) => (v === null ? '' : String(v))).join('; ');
  return JSON.stringify(values);
}

/**
 * One row object flattened to `path → scalar`: nested objects become dotted paths, arrays one text cell,
 * Dates their ISO text, undefined is left out (JSON has no undefined). Key order is kept.
 */
export function flattenRow(row: Record<string, unknown>, prefix = '', out: Record<string, CellValue> = {}) {
  for (const [k, v] of Object.entries(row)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v === undefined || typeof v === 'function') continue;
    if (isPlainObject(v)) flattenRow(v, path, out);
    else if (Array.isArray(v)) out[path] = arrayCell(v);
    else if (v instanceof Date) out[path] = v.toISOString();
    else if (typeof v === 'bigint') out[path] = String(v);
    else out[path] = v as JsonScalar;
  }
  return out;
}

/**
 * Rows to a table. With `columns`, exactly those paths in that order (an empty answer still has its header);
 * otherwise every path met, in the order first met. A path a row lacks is an empty cell.
 */
export function toTable(rows: readonly object[], columns?: readonly string[]): Table {
  const flat = rows.map((r) => flattenRow(r as Record<string, unknown>));
  let cols: string[];
  if (columns) cols = [...columns];
  else {
    const seen = new Set<string>();
    for (const r of flat) for (const k of Object.keys(r)) seen.add(k);
    cols = [...seen];
  }
  return { columns: cols, rows: flat.map((r) => cols.map((c) => (c in r ? r[c] : null))) };
}
