import { Workbook } from 'exceljs';
import request from 'supertest';
import type { Response } from 'superagent';

/**
 * Reading the CSV and XLSX exports back in tests (issue #20 item 2), written apart from the encoders so a test
 * checks them against the JSON answer rather than against themselves.
 */

/** supertest's parser that keeps a body as bytes, whatever its content type. */
export function binaryBody(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** An RFC 4180 file with CRLF line ends, its UTF-8 BOM required: the fields of each record, as text. */
export function parseCsv(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no UTF-8 byte order mark');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const end = (() => {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new Error(`unterminated quoted field at ${i}`);
          if (text[q + 1] === '"') j = q + 2;
          else return q;
        }
      })();
      field = text.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
      if (text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a quoted field at ${i}`);
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n') throw new Error(`a bare LF at ${i}`);
    else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}

export interface XlsxSheet {
  name: string;
  /** Cell values as exceljs reads them (numbers, Dates, booleans, strings), null for an empty cell. */
  rows: unknown[][];
  frozenRows: number;
  widths: (number | undefined)[];
  headerBold: boolean;
}

/** The first sheet of an XLSX file. */
export async function readXlsx(bytes: Buffer): Promise<XlsxSheet> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const width = ws.columnCount;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      cells.push(v === undefined ? null : v);
    }
    rows.push(cells);
  });
  const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
  return {
    name: ws.name,
    rows,
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    widths: Array.from({ length: width }, (_, i) => ws.getColumn(i + 1).width),
    headerBold: ws.getRow(1).getCell(1).font?.bold === true,
  };
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The value at a dotted JSON path of an object (undefined when absent). */
export function atPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Every leaf path of an object, dotted, in key order (arrays are leaves). */
export function leafPaths(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v === undefined) return [];
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? leafPaths(v as Record<string, unknown>, p)
      : [p];
  });
}

const joined = (a: unknown[]) =>
  a.every((x) => x === null || typeof x !== 'object')
    ? a.map((x) => (x === null ? '' : String(x as string | number | boolean))).join('; ')
    : JSON.stringify(a);

/** What the XLSX cell of a JSON value must hold: dates as Dates (instants at Vietnam's wall clock). */
export function expectedXlsxCell(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return joined(v) || null;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00.000Z`);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*(Z|[+-]\d{2}:\d{2})$/.test(v))
    return new Date(Date.parse(v) + VIETNAM_OFFSET_MS);
  return v;
}

/** What the CSV field of a JSON value must read: the JSON text of a scalar, a formula-like text behind a `'`. */
export function expectedCsvField(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) v = joined(v);
  if (typeof v === 'string') return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return String(v);
}

/**
 * Compares an export with the JSON rows it must hold: the header is `columns` (or, when not given, every leaf
 * path of the rows in the order met) and each cell equals the row's value at the column's path.
 */
export function exportMismatches(
  header: unknown[],
  body: unknown[][],
  jsonRows: Record<string, unknown>[],
  cell: (v: unknown) => unknown,
  columns?: readonly string[],
): string[] {
  const problems: string[] = [];
  const expectedHeader = columns ? [...columns] : [...new Set(jsonRows.flatMap((r) => leafPaths(r)))];
  if (JSON.stringify(header) !== JSON.stringify(expectedHeader))
    problems.push(`header ${JSON.stringify(header)} is not ${JSON.stringify(expectedHeader)}`);
  if (body.length !== jsonRows.length) problems.push(`${body.length} rows, expected ${jsonRows.length}`);
  jsonRows.forEach((r, i) =>
    expectedHeader.forEach((path, c) => {
      const at = atPath(r, path);
      // A path that is null in one row and an object in another: the object's leaves have their own columns.
      const want = cell(at !== null && typeof at === 'object' && !Array.isArray(at) ? undefined : at);
      const got = body[i]?.[c] ?? (typeof want === 'string' && want === '' ? '' : null);
      const same =
        want instanceof Date ? got instanceof Date && got.getTime() === want.getTime() : got === want;
      if (!same) problems.push(`row ${i + 1} ${path}: ${JSON.stringify(got)} is not ${JSON.stringify(want)}`);
    }),
  );
  return problems;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A statistic's three representations, as a client downloads them. */
export interface Exports {
  json: unknown;
  csv: string[][];
  xlsx: XlsxSheet;
  /** Header problems of both files: type, attachment name, no-store. */
  headerProblems: string[];
}

/**
 * GETs `path` as JSON, then as CSV by `format=csv` and as XLSX by the Accept header (both ways of asking), with
 * the same token. `filename` is the attachment name expected without extension.
 */
export async function fetchExports(
  http: () => request.Agent | ReturnType<typeof request>,
  path: string,
  auth: string,
  filename: string,
): Promise<Exports> {
  const json: unknown = (await http().get(path).set('Authorization', auth).expect(200)).body;
  const sep = path.includes('?') ? '&' : '?';
  const csv = await http()
    .get(`${path}${sep}format=csv`)
    .set('Authorization', auth)
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  const xlsx = await http()
    .get(path)
    .set('Authorization', auth)
    .set('Accept', XLSX)
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  const headerProblems: string[] = [];
  const check = (res: request.Response, type: string, ext: string) => {
    const h = res.headers as Record<string, string>;
    if (h['content-type'] !== type) headerProblems.push(`${ext}: content-type ${h['content-type']}`);
    const disposition = `attachment; filename="${filename}.${ext}"`;
    if (h['content-disposition'] !== disposition)
      headerProblems.push(`${ext}: content-disposition ${h['content-disposition']}, expected ${disposition}`);
    if (h['cache-control'] !== 'no-store') headerProblems.push(`${ext}: cache-control ${h['cache-control']}`);
  };
  check(csv, 'text/csv; charset=utf-8', 'csv');
  check(xlsx, XLSX, 'xlsx');
  return {
    json,
    csv: parseCsv(csv.body as Buffer),
    xlsx: await readXlsx(xlsx.body as Buffer),
    headerProblems,
  };
}

/**
 * Everything that differs between the exports and the JSON rows they must hold (empty when they agree): both
 * files cell by cell, the headers, and the XLSX's frozen bold header row.
 */
export function exportProblems(
  ex: Exports,
  jsonRows: Record<string, unknown>[],
  columns?: readonly string[],
): string[] {
  return [
    ...ex.headerProblems,
    ...exportMismatches(ex.csv[0], ex.csv.slice(1), jsonRows, expectedCsvField, columns).map(
      (p) => `csv ${p}`,
    ),
    ...exportMismatches(ex.xlsx.rows[0], ex.xlsx.rows.slice(1), jsonRows, expectedXlsxCell, columns).map(
      (p) => `xlsx ${p}`,
    ),
    ...(ex.xlsx.frozenRows === 1 ? [] : [`xlsx frozen rows ${ex.xlsx.frozenRows}`]),
    ...(ex.xlsx.headerBold ? [] : ['xlsx header not bold']),
  ];
}
