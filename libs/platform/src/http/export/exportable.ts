import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { csvChunks } from './csv';
import {
  chooseFormat,
  CSV_TYPE,
  EXPORT_FORMATS,
  type ExportFormat,
  JSON_TYPE,
  XLSX_TYPE,
} from './negotiation';
import { toTable } from './table';
import { xlsxStream } from './xlsx';

/** How one endpoint's JSON answer flattens to a table (see table.ts for the cell rules). */
export interface ExportSpec<A> {
  /** The statistic: the sheet name and the file name's first part, e.g. `timeliness`. */
  name: string;
  /** The rows: nested answers (by unit, by month, criteria) become rows that carry their key columns. */
  rows: (answer: A) => readonly object[];
  /** The columns (JSON paths) in order, when fixed; otherwise every path the rows hold, in the order met. */
  columns?: readonly string[];
  /** What tells this file from another of the same statistic: unit, period… (joined by `_` after `name`). */
  fileParts: (answer: A) => readonly (string | number | boolean | null | undefined)[];
}

export interface ExportFile {
  stream: Readable;
  /** The Content-Type, with the charset for CSV. */
  type: string;
  filename: string;
}

/** ASCII letters, digits, dot and dash: safe in a header and on every file system. */
const safePart = (p: string | number | boolean): string =>
  String(p)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function exportFileName<A>(spec: ExportSpec<A>, answer: A, format: 'csv' | 'xlsx'): string {
  const parts = [spec.name, ...spec.fileParts(answer)]
    .filter((p): p is string | number | boolean => p !== null && p !== undefined && p !== '')
    .map(safePart)
    .filter(Boolean);
  return `${parts.join('_')}.${format}`;
}

/** The CSV or XLSX file of an answer, encoded as it is read (a stream, not one big string or buffer). */
export function exportFile<A>(spec: ExportSpec<A>, answer: A, format: 'csv' | 'xlsx'): ExportFile {
  const table = toTable(spec.rows(answer), spec.columns);
  const filename = exportFileName(spec, answer, format);
  if (format === 'csv') {
    const chunks = csvChunks(table);
    return {
      stream: Readable.from(
        (function* () {
          for (const c of chunks) yield Buffer.from(c, 'utf8');
        })(),
        { objectMode: false },
      ),
      type: `${CSV_TYPE}; charset=utf-8`,
      filename,
    };
  }
  return { stream: xlsxStream(table, spec.name), type: XLSX_TYPE, filename };
}

const PENDING_EXPORT = Symbol('pendingExport');
type PendingExport = (answer: unknown) => Promise<void>;
type ResponseWithExport = Response & { [PENDING_EXPORT]?: PendingExport };

const attachmentHeaders = (res: Response, file: ExportFile) => {
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
};

/**
 * For a handler that writes the response itself (`sendCachedJson`): the export the client asked for, which
 * then replaces the JSON; undefined when JSON was asked for.
 */
export function pendingExport(res: Response): PendingExport | undefined {
  return (res as ResponseWithExport)[PENDING_EXPORT];
}

/** The request's query without `format`, which is the interceptor's and not the handler's DTO's. */
function withoutFormatParam(req: Request): void {
  const rest: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  delete rest.format;
  // Express 5 computes req.query by a getter on each read: an own property shadows it for this request.
  Object.defineProperty(req, 'query', { value: rest, writable: true, configurable: true, enumerable: true });
}

/**
 * Runs after the guards (so the scope rules are the JSON's) and before the pipes: chooses the format, takes
 * `format` out of the query, then turns the handler's answer into the file. A handler returning its answer gets
 * it as a StreamableFile (Nest streams it with backpressure); a handler sending cached JSON itself finds the
 * export through `pendingExport(res)`.
 */
export class ExportInterceptor<A> implements NestInterceptor {
  constructor(private readonly spec: ExportSpec<A>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<ResponseWithExport>();
    const format: ExportFormat = chooseFormat(req.query.format, (types) => req.accepts(types));
    withoutFormatParam(req);
    res.vary('Accept');
    if (format === 'json') return next.handle();
    res[PENDING_EXPORT] = async (answer) => {
      const file = exportFile(this.spec, answer as A, format);
      attachmentHeaders(res, file);
      // Once the headers are out nothing else can be answered: a client gone or a failed encoding ends the socket.
      await pipeline(file.stream, res).catch((e: unknown) => {
        if (!res.headersSent) throw e;
        res.destroy();
      });
    };
    return next.handle().pipe(
      mergeMap((answer: unknown) => {
        if (res.headersSent || answer === undefined) return from([answer]);
        const file = exportFile(this.spec, answer as A, format);
        attachmentHeaders(res, file);
        return from([new StreamableFile(file.stream, { type: file.type })]);
      }),
    );
  }
}

/**
 * Makes a statistics endpoint answer CSV and XLSX besides JSON (issue #20 item 2), chosen by `format=` or the
 * Accept header: the same handler, guards and scope, its answer flattened by `spec`. Documents the three
 * content types, the `format` parameter and the 406 in the OpenAPI document.
 */
export function Exportable<A>(spec: ExportSpec<A>): MethodDecorator {
  return applyDecorators(
    UseInterceptors(new ExportInterceptor(spec)),
    ApiQuery({
      name: 'format',
      required: false,
      enum: EXPORT_FORMATS,
      description:
        'json (default), csv (UTF-8 with BOM, RFC 4180) or xlsx; wins over the Accept header. The file is an attachment.',
    }),
    ApiOkResponse({
      description: `The statistic as JSON, or flattened to a table as CSV or XLSX (${spec.name}: one row per group, columns named by their JSON path)`,
      content: {
        [JSON_TYPE]: { schema: { type: 'object' } },
        [CSV_TYPE]: { schema: { type: 'string' } },
        [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
    ApiResponse({
      status: 406,
      description: `The Accept header takes none of ${[JSON_TYPE, CSV_TYPE, XLSX_TYPE].join(', ')}`,
    }),
  );
}
