import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageLimit, PageOffset } from '@fg/platform';
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

  @PageLimit({ max: 500, default: 100 })
  limit: number = 100;

  @PageOffset()
  offset: number = 0;
}
