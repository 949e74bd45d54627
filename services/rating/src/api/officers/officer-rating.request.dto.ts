import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;

/** Ratings are kept per Vietnam-local month, so a period is a range of whole months (a date selects its month). */
export class RatingPeriodQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (YYYY-MM); defaults to January of the current year',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be YYYY-MM (or YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last month, included (YYYY-MM); defaults to the current month',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be YYYY-MM (or YYYY-MM-DD)' })
  to?: string;
}
