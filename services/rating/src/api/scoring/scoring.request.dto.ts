import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { MAX_OFFSET } from '@fg/platform';
import { UNIT_LEVELS } from '@fg/contracts';
import { YearQuery } from '../scoring-params';

export class RankingQuery extends YearQuery {
  @ApiPropertyOptional({ enum: UNIT_LEVELS, default: 'COMMUNE' })
  @IsOptional()
  @IsIn(UNIT_LEVELS, { message: `level must be one of ${UNIT_LEVELS.join(', ')}` })
  level: string = 'COMMUNE';

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit: number = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export class PutTargetRequest {
  @ApiProperty({
    description: 'Share (0–1) of the communes to certify (≥ 1 star) by the end of the year',
    example: 0.6,
  })
  @IsNumber()
  @Min(0)
  @Max(1)
  certifiedShare!: number;
}
