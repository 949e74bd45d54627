import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from '@fg/platform';
import { localYearOf } from '@fg/kernel';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The current year in Vietnam: the default period of scorecards and rankings. */
export const currentYear = (): number => localYearOf(new Date());

/** A `{year}` path parameter: an integer from 2000 to 2100. */
@Injectable()
export class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = Number(value);
    if (!/^\d{4}$/.test(value) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new DomainError(
        'INVALID',
        'REQUEST.BAD_YEAR',
        `Invalid year "${value}": use a year from ${MIN_YEAR} to ${MAX_YEAR}`,
      );
    }
    return year;
  }
}

/**
 * A scheme code: 1–64 ASCII letters of either case, digits, dots, dashes and underscores. The seeded codes
 * are upper case (BAC_GIANG_2023), but the code is stored and looked up exactly as given (case-sensitive),
 * so `bac_giang_2023` is another scheme.
 */
export const SCHEME_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

@Injectable()
export class SchemeCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SCHEME_CODE_PATTERN.test(value)) {
      throw new DomainError(
        'INVALID',
        'SCHEME.BAD_CODE',
        `Invalid scheme code "${value}": use 1-64 letters, digits, dots, dashes or underscores`,
      );
    }
    return value;
  }
}

export class YearQuery {
  @ApiPropertyOptional({
    description: 'Scoring year (Vietnam time); defaults to the current year',
    example: 2026,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;

  @ApiPropertyOptional({
    description:
      'true: the unit as it was, without the history of the units it succeeded (mergers, splits); default false',
    default: false,
  })
  @IsOptional()
  // 'true'/'false' query strings to booleans; anything else stays as is and fails @IsBoolean.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'asWas must be true or false' })
  asWas: boolean = false;
}
