import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stream as excelStream } from 'exceljs';
import { cellKind, spreadsheetValue, type CellValue, type Table } from './table';

const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Rows written between two turns of the event loop, so a province-wide export does not hold it. */
const ROWS_PER_TURN = 500;

const displayLength = (value: CellValue): number => {
  switch (cellKind(value)) {
    case 'date':
      return DATE_FORMAT.length;
    case 'instant':
      return DATE_TIME_FORMAT.length;
    case 'empty':
      return 0;
    default:
      return String(value).length;
  }
};

/** Width of each column in characters: its longest header or cell, within 8–60 (a long comment wraps in the cell). */
export function columnWidths(table: Table): number[] {
  return table.columns.map((header, i) => {
    let longest = header.length;
    for (const row of table.rows) longest = Math.max(longest, displayLength(row[i]));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
export const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet1';

/**
 * The table as an XLSX workbook, written by exceljs's streaming WorkbookWriter into the returned stream as rows
 * are committed (no whole workbook in memory): one sheet, the header row bold and frozen, column widths from the
 * content, numbers as numbers, dates and local date-times as dates with a date format, text as inline strings
 * (any Unicode, so Vietnamese as it is). A failure destroys the stream with the error.
 */
export function xlsxStream(table: Table, name: string): Readable {
  const out = new PassThrough();
  const write = async () => {
    const workbook = new excelStream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = 'Chính quyền thân thiện';
    const sheet = workbook.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columnWidths(table).map((width) => ({ width }));
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.commit();
    for (let i = 0; i < table.rows.length; i++) {
      const cells = table.rows[i];
      const row = sheet.addRow(cells.map(spreadsheetValue));
      cells.forEach((value, c) => {
        const kind = cellKind(value);
        if (kind === 'date') row.getCell(c + 1).numFmt = DATE_FORMAT;
        else if (kind === 'instant') row.getCell(c + 1).numFmt = DATE_TIME_FORMAT;
      });
      row.commit();
      if ((i + 1) % ROWS_PER_TURN === 0) await nextTurn();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
