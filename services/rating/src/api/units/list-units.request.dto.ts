import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_OFFSET } from '@fg/platform';
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

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}
