import { Injectable, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { addDays, atLocalMinute, isInstantText, isLocalDate, parseInstantText } from '@fg/kernel';
import { DomainError } from '@fg/platform';
import { assertLocalDate, MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../../domain';

export const PROCEDURE_CODE_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A list bound: an existing local date (YYYY-MM-DD, Vietnam) or an existing instant with a time zone (kernel
 * `parseInstantText`), so 2026-12-06T25:61:00Z is a 400 naming the field, not an Invalid Date in the query (a 500).
 */
export const IsTimeBound = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isTimeBound',
      validator: {
        validate: (value: unknown) => isLocalDate(value) || isInstantText(value),
        defaultMessage: () =>
          '$property must be an existing date YYYY-MM-DD (local) or date-time with a time zone',
      },
    },
    options,
  );

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
  const at = parseInstantText(value);
  if (!at) throw new DomainError('INVALID', 'REQUEST.INVALID', `Invalid request: ${side}: not a date-time`);
  return at;
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
