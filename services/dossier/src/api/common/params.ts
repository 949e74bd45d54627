import { Injectable, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { addDays, atLocalMinute } from '@fg/kernel';
import { DomainError } from '@fg/platform';
import { assertLocalDate, MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../../domain';

export const PROCEDURE_CODE_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
/** An instant must say which time zone it is in: a bare local time would depend on the server's zone. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_MESSAGE =
  '$property must be an ISO-8601 date-time with a time zone, e.g. 2025-07-07T09:00:00+07:00';
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A local date (YYYY-MM-DD, Vietnam) or an instant with a time zone. */
export const TIME_BOUND_PATTERN = new RegExp(`${LOCAL_DATE_PATTERN.source}|${INSTANT_PATTERN.source}`);

/** 'true'/'false' query strings to booleans (anything else stays as is and fails @IsBoolean). */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Query bounds: a local date means its start (`from`) or the start of the next day (`to`, exclusive). */
export const timeBound = (value: string | undefined, side: 'from' | 'to'): Date | undefined => {
  if (!value) return undefined;
  if (LOCAL_DATE_PATTERN.test(value)) {
    assertLocalDate(value); // 2026-02-30 is a 400 CALENDAR.INVALID_DATE, not a bug
    return atLocalMinute(side === 'from' ? value : addDays(value, 1), 0);
  }
  return new Date(value);
};

@Injectable()
export class DossierIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw new DomainError('INVALID', 'DOSSIER.BAD_ID', `Invalid dossier id "${value}": expected a UUID`);
    }
    return value.toLowerCase();
  }
}

@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = Number(value);
    if (!/^\d{4}$/.test(value) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      throw new DomainError(
        'INVALID',
        'CALENDAR.INVALID_YEAR',
        `Invalid year "${value}": use ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
      );
    }
    return year;
  }
}

@Injectable()
export class ProcedureCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROCEDURE_CODE_PATTERN.test(value)) {
      throw new DomainError(
        'INVALID',
        'PROCEDURE.BAD_CODE',
        `Invalid procedure code "${value}": use 1-64 letters, digits, dots or dashes`,
      );
    }
    return value;
  }
}

/** Who may read what (admin always may). */
export const READERS = ['viewer', 'officer', 'unit-admin', 'assessor', 'portal', 'kiosk'] as const;
export const DOSSIER_READERS = ['officer', 'unit-admin', 'portal'] as const;
export const STATS_READERS = ['viewer', 'officer', 'unit-admin', 'assessor'] as const;

/**
 * For actions that take no body (accept, start…): nothing, or `{}`, or a 400 naming the unknown fields.
 * (A DTO class without properties cannot be used: class-validator refuses a class it has no rules for.)
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, void> {
  transform(value: unknown): void {
    if (value === undefined || value === null) return;
    const keys = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : ['(body)'];
    if (keys.length) {
      throw new DomainError(
        'INVALID',
        'REQUEST.INVALID',
        `Invalid request: ${keys.map((k) => `property ${k} should not exist`).join('; ')}`,
      );
    }
  }
}
