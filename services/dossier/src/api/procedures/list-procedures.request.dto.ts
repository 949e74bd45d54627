import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_OFFSET } from '@fg/platform';
import { PROCESSING_UNITS } from '../../domain';

export class ListProceduresQuery {
  @ApiPropertyOptional({ example: 'Hộ tịch' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  field?: string;

  @ApiPropertyOptional({ description: 'Part of the name or code', example: 'khai sinh' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: PROCESSING_UNITS, description: 'e.g. SAME_DAY for the same-day procedures' })
  @IsOptional()
  @IsIn(PROCESSING_UNITS)
  processingUnit?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}
