import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageLimit, PageOffset } from '@fg/platform';
import { UNIT_CODE_PATTERN, UNIT_LEVELS } from '@fg/contracts';

export class ListUnitsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'parentCode must be 1-32 letters, digits, dots or dashes' })
  parentCode?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: string;

  @PageLimit({ max: 1000, default: 100 })
  limit: number = 100;

  @PageOffset()
  offset: number = 0;
}
