import { NotAcceptableException } from '@nestjs/common';
import { RuleError } from '@fg/kernel';
import fc from 'fast-check';
import {
  exportMismatches,
  expectedCsvField,
  expectedXlsxCell,
  parseCsv,
  readXlsx,
} from '../../testing/export-files';
import { csvChunks, csvField, csvLine, UTF8_BOM } from './csv';
import { exportFile, exportFileName, type ExportSpec } from './exportable';
import { chooseFormat, CSV_TYPE, XLSX_TYPE } from './negotiation';
import { cellKind, flattenRow, spreadsheetValue, toTable } from './table';
import { columnWidths, sheetName } from './xlsx';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const accepts = require('accepts') as (req: { headers: Record<string, string> }) => {
  types(types: string[]): string | false;
};
const acceptsOf = (accept?: string) => (types: string[]) =>
  accepts({ headers: accept === undefined ? {} : { accept } }).types(types);

const read = async (s: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};

/** A timeliness-like answer: groups by unit with nested figures, a total, Vietnamese names. */
const answer = {
  unitCode: '213',
  from: '2026-01-01',
  to: '2026-12-06',
  groups: [
    {
      key: '07210',
      label: 'Phường Lê Lợi',
      received: 12,
      onTimeRate: 0.9167,
      wait: { median: 30, p90: null },
    },
    {
      key: '07213',
      label: 'Xã Đồng Sơn, "Bắc Giang"',
      received: 0,
      onTimeRate: null,
      wait: { median: 0, p90: 0 },
    },
  ],
  total: { received: 12, onTimeRate: 0.9167, wait: { median: 30, p90: null } },
};
type Answer = typeof answer;
const spec: ExportSpec<Answer> = {
  name: 'timeliness',
  rows: (a) => [
    ...a.groups.map((g) => ({ unitCode: a.unitCode, from: a.from, to: a.to, ...g })),
    { unitCode: a.unitCode, from: a.from, to: a.to, key: 'TOTAL', label: 'Tổng', ...a.total },
  ],
  fileParts: (a) => [a.unitCode, a.from, a.to],
};
const jsonRows = spec.rows(answer) as Record<string, unknown>[];

describe('a CSV field (RFC 4180)', () => {
  it('is quoted only when it holds a quote, comma, CR or LF, quotes doubled', () => {
    expect(csvField('Lê Lợi')).toBe('Lê Lợi');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
  });
  it('writes numbers and truth values as such, null as empty', () => {
    expect(csvField(0.9167)).toBe('0.9167');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField('-')).toBe("'-");
    expect(csvField('@me')).toBe("'@me");
  });
  it('ends every line with CRLF', () => expect(csvLine(['a', 1, null])).toBe('a,1,\r\n'));
});

describe('the CSV of a table', () => {
  it('starts with the UTF-8 BOM and the header, then one CRLF line per row', () => {
    const text = [...csvChunks(toTable(jsonRows))].join('');
    expect(
      text.startsWith(`${UTF8_BOM}unitCode,from,to,key,label,received,onTimeRate,wait.median,wait.p90\r\n`),
    ).toBe(true);
    expect(text.split('\r\n')).toHaveLength(1 + 3 + 1);
    expect(text).toContain('07213,"Xã Đồng Sơn, ""Bắc Giang""",0,,0,0\r\n');
  });
  it('of an empty answer is the header alone when the columns are declared', () => {
    expect([...csvChunks(toTable([], ['key', 'received']))].join('')).toBe(`${UTF8_BOM}key,received\r\n`);
  });
  it('streams in chunks of rows', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ i }));
    expect([...csvChunks(toTable(rows), 500)]).toHaveLength(1 + 3);
  });
  it('parses back to the JSON values, whatever the text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'ệ', ',', '"', '\r', '\n', '=', ' ', 'Đ', '-', '1'),
    });
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c'), value), { maxLength: 6 }),
        (rows) => {
          const columns = ['a', 'b', 'c'];
          const parsed = parseCsv(Buffer.from([...csvChunks(toTable(rows, columns), 2)].join(''), 'utf8'));
          expect(exportMismatches(parsed[0], parsed.slice(1), rows, expectedCsvField, columns)).toEqual([]);
        },
      ),
    );
  });
});

describe('flattening an answer', () => {
  it('turns nested objects into dotted paths, arrays into one cell, keeps order', () => {
    expect(
      flattenRow({ a: 1, n: { m: { k: 'x' }, z: null }, list: ['A', 2], objs: [{ q: 1 }], u: undefined }),
    ).toEqual({
      a: 1,
      'n.m.k': 'x',
      'n.z': null,
      list: 'A; 2',
      objs: '[{"q":1}]',
    });
  });
  it('takes the columns as met across rows, an absent path empty', () => {
    expect(toTable([{ a: 1 }, { b: 2, a: 3 }])).toEqual({
      columns: ['a', 'b'],
      rows: [
        [1, null],
        [3, 2],
      ],
    });
  });
  it('knows dates, instants, numbers and text apart', () => {
    expect(cellKind('2026-02-28')).toBe('date');
    expect(cellKind('2026-02-30')).toBe('text');
    expect(cellKind('2026-03-01T02:30:00.000Z')).toBe('instant');
    expect(cellKind('2026-03')).toBe('text');
    expect(cellKind('07210')).toBe('text');
    expect(cellKind(0)).toBe('number');
    expect(cellKind(null)).toBe('empty');
  });
  it('gives a spreadsheet instants at the Vietnam wall clock and dates at midnight', () => {
    expect(spreadsheetValue('2026-03-01T17:30:00Z')).toEqual(new Date('2026-03-02T00:30:00Z'));
    expect(spreadsheetValue('2026-03-01')).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(spreadsheetValue('07210')).toBe('07210');
  });
});

describe('choosing the format', () => {
  it('takes format= over the Accept header', () => {
    expect(chooseFormat('csv', acceptsOf('application/json'))).toBe('csv');
    expect(chooseFormat('json', acceptsOf(XLSX_TYPE))).toBe('json');
  });
  it('answers JSON without an Accept header or for */*', () => {
    expect(chooseFormat(undefined, acceptsOf())).toBe('json');
    expect(chooseFormat(undefined, acceptsOf('*/*'))).toBe('json');
  });
  it('follows the Accept header and its q-values', () => {
    expect(chooseFormat(undefined, acceptsOf('text/csv'))).toBe('csv');
    expect(chooseFormat(undefined, acceptsOf(`${XLSX_TYPE}, application/json;q=0.5`))).toBe('xlsx');
  });
  it('refuses an unknown format= with a 400 naming the parameter', () => {
    for (const bad of ['pdf', '', ['csv', 'xlsx']]) {
      const e = (() => {
        try {
          chooseFormat(bad, acceptsOf());
        } catch (err) {
          return err;
        }
      })() as RuleError;
      expect(e).toBeInstanceOf(RuleError);
      expect(e.kind).toBe('INVALID');
      expect(e.message).toContain('format must be one of json, csv, xlsx');
    }
  });
  it('refuses an Accept of nothing offered with a 406 naming what is', () => {
    expect(() => chooseFormat(undefined, acceptsOf('application/pdf'))).toThrow(NotAcceptableException);
    expect(() => chooseFormat(undefined, acceptsOf('application/pdf'))).toThrow(
      new RegExp(`${CSV_TYPE}.*${XLSX_TYPE}`),
    );
  });
});

describe('the file', () => {
  it('is named by statistic, unit and period in ASCII', () => {
    expect(exportFileName(spec, answer, 'csv')).toBe('timeliness_213_2026-01-01_2026-12-06.csv');
    const named: ExportSpec<Answer> = {
      ...spec,
      fileParts: () => ['Phường Đồng/Sơn', null, undefined, 2026],
    };
    expect(exportFileName(named, answer, 'xlsx')).toBe('timeliness_Phuong-Dong-Son_2026.xlsx');
  });
  it('CSV: the charset in the content type, every cell equal to the JSON', async () => {
    const file = exportFile(spec, answer, 'csv');
    expect(file.type).toBe('text/csv; charset=utf-8');
    const parsed = parseCsv(await read(file.stream));
    expect(exportMismatches(parsed[0], parsed.slice(1), jsonRows, expectedCsvField)).toEqual([]);
  });
  it('XLSX: typed cells equal to the JSON, header bold and frozen, widths from the content', async () => {
    const withDates = [{ day: '2026-03-01', at: '2026-03-01T17:30:00.000Z', text: '=1+1', n: 1.5, ok: true }];
    const file = exportFile({ name: 'x', rows: () => withDates, fileParts: () => [] }, null, 'xlsx');
    expect(file.type).toBe(XLSX_TYPE);
    const sheet = await readXlsx(await read(file.stream));
    expect(exportMismatches(sheet.rows[0], sheet.rows.slice(1), withDates, expectedXlsxCell)).toEqual([]);
    expect(sheet.rows[1][1]).toEqual(new Date('2026-03-02T00:30:00.000Z'));

    const main = await readXlsx(await read(exportFile(spec, answer, 'xlsx').stream));
    expect(main.name).toBe('timeliness');
    expect(exportMismatches(main.rows[0], main.rows.slice(1), jsonRows, expectedXlsxCell)).toEqual([]);
    expect(main.frozenRows).toBe(1);
    expect(main.headerBold).toBe(true);
    expect(main.widths).toEqual(columnWidths(toTable(jsonRows)));
    expect(main.widths[4]).toBe('Xã Đồng Sơn, "Bắc Giang"'.length + 2);
  });
  it('XLSX of an empty answer is its header row', async () => {
    const file = exportFile(
      { name: 'x', rows: () => [], columns: ['key', 'n'], fileParts: () => [] },
      null,
      'xlsx',
    );
    expect((await readXlsx(await read(file.stream))).rows).toEqual([['key', 'n']]);
  });
  it('keeps to Excel sheet-name rules', () =>
    expect(sheetName('a/b:c[d]*?e\\f-very-long-name-beyond-31')).toHaveLength(31));
});
