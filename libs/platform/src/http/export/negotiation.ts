import { NotAcceptableException } from '@nestjs/common';
import { DomainError } from '../domain-error';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const JSON_TYPE = 'application/json';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MEDIA_TYPE: Record<ExportFormat, string> = { json: JSON_TYPE, csv: CSV_TYPE, xlsx: XLSX_TYPE };
const FORMAT_OF = new Map(EXPORT_FORMATS.map((f) => [MEDIA_TYPE[f], f]));
export const OFFERED_MEDIA_TYPES = EXPORT_FORMATS.map((f) => MEDIA_TYPE[f]);

/**
 * The representation a client asked for: the `format` query parameter when present (it wins, as a link in a
 * page cannot set headers), else the Accept header by its q-values (`accepts` is Express's `req.accepts`, which
 * answers the first offered type, JSON, when there is no Accept header or it accepts anything). A `format`
 * outside json|csv|xlsx is a 400 naming it; an Accept that takes none of the three a 406 naming them.
 */
export function chooseFormat(
  formatParam: unknown,
  accepts: (types: string[]) => string | false,
): ExportFormat {
  if (formatParam !== undefined) {
    if (typeof formatParam === 'string' && (EXPORT_FORMATS as readonly string[]).includes(formatParam))
      return formatParam as ExportFormat;
    const problem = `format must be one of ${EXPORT_FORMATS.join(', ')}`;
    throw new DomainError('INVALID', 'REQUEST.INVALID', `Invalid request: format: ${problem}`, [
      { field: 'format', problems: [problem] },
    ]);
  }
  const chosen = accepts(OFFERED_MEDIA_TYPES);
  if (!chosen)
    throw new NotAcceptableException(
      `Not acceptable: this statistic is offered as ${OFFERED_MEDIA_TYPES.join(', ')} (or format=${EXPORT_FORMATS.join('|')})`,
    );
  return FORMAT_OF.get(chosen) ?? 'json';
}

export const mediaTypeOf = (format: ExportFormat): string => MEDIA_TYPE[format];
