import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
  StreamableFile,
  UseGuards,
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

/** The request's query without `format`, which is the negotiation's and not the handler's DTO's. */
function withoutFormatParam(req: Request): void {
  const query = req.query as Record<string, unknown>;
  // Most requests (every dashboard's JSON) have none: no copy, and `req` keeps its shape.
  if (!Object.prototype.hasOwnProperty.call(query, 'format')) return;
  const rest: Record<string, unknown> = { ...query };
  delete rest.format;
  // Express 5 computes req.query by a getter on each read: an own property shadows it for this request.
  Object.defineProperty(req, 'query', { value: rest, writable: true, configurable: true, enumerable: true });
}

/**
 * The format the client asked for (`format=` or the Accept header; 400 or 406 otherwise), with `format` taken out
 * of the query, which is this negotiation's and not the handler's DTO's. For CSV or XLSX, `pendingExport(res)`
 * then writes the file of an answer.
 */
function negotiate<A>(spec: ExportSpec<A>, context: ExecutionContext): ExportFormat {
  const http = context.switchToHttp();
  const req = http.getRequest<Request>();
  const res = http.getResponse<ResponseWithExport>();
  const format: ExportFormat = chooseFormat(req.query.format, (types) => req.accepts(types));
  withoutFormatParam(req);
  res.vary('Accept');
  if (format === 'json') return format;
  res[PENDING_EXPORT] = async (answer) => {
    const file = exportFile(spec, answer as A, format);
    attachmentHeaders(res, file);
    // Once the headers are out nothing else can be answered: a client gone or a failed encoding ends the socket.
    await pipeline(file.stream, res).catch((e: unknown) => {
      if (!res.headersSent) throw e;
      res.destroy();
    });
  };
  return format;
}

/**
 * Runs after the guards (so the scope rules are the JSON's) and before the pipes: chooses the format, then turns
 * the handler's answer into the file. A handler returning its answer gets it as a StreamableFile (Nest streams it
 * with backpressure); a handler sending cached JSON itself finds the export through `pendingExport(res)`.
 */
export class ExportInterceptor<A> implements NestInterceptor {
  constructor(private readonly spec: ExportSpec<A>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const format = negotiate(this.spec, context);
    if (format === 'json') return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
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
 * The same negotiation as a guard, for a handler that sends its answer itself (`@Res()` and `sendCachedJson`,
 * which writes the file through `pendingExport(res)`): the route then runs without Nest's interceptor pipeline,
 * an rxjs chain and an async resource bound per request, which was a measurable share of a cached dashboard
 * answer's CPU (issue #21). Bound after the route's other guards, so the scope rules are still the JSON's.
 */
export class ExportGuard<A> implements CanActivate {
  constructor(private readonly spec: ExportSpec<A>) {}

  canActivate(context: ExecutionContext): boolean {
    negotiate(this.spec, context);
    return true;
  }
}

export interface ExportableOptions {
  /**
   * The handler writes the response itself with `sendCachedJson` (and returns nothing): the format is then chosen
   * by a guard instead of an interceptor. A handler that returns its answer must not set it: its CSV or XLSX
   * would never be written.
   */
  sendsCachedJson?: boolean;
}

/**
 * Makes a statistics endpoint answer CSV and XLSX besides JSON (issue #20 item 2), chosen by `format=` or the
 * Accept header: the same handler, guards and scope, its answer flattened by `spec`. Documents the three
 * content types, the `format` parameter and the 406 in the OpenAPI document.
 */
export function Exportable<A>(spec: ExportSpec<A>, options: ExportableOptions = {}): MethodDecorator {
  return applyDecorators(
    options.sendsCachedJson ? UseGuards(new ExportGuard(spec)) : UseInterceptors(new ExportInterceptor(spec)),
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
