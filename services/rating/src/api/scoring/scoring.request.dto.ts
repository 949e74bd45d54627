import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PageLimit, PageOffset } from '@fg/platform';
import { UNIT_LEVELS } from '@fg/contracts';
import { YearQuery } from '../scoring-params';

export class RankingQuery extends YearQuery {
  @ApiPropertyOptional({ enum: UNIT_LEVELS, default: 'COMMUNE' })
  @IsOptional()
  @IsIn(UNIT_LEVELS, { message: `level must be one of ${UNIT_LEVELS.join(', ')}` })
  level: string = 'COMMUNE';

  @PageLimit({ max: 5000, default: 100 })
  limit: number = 100;

  @PageOffset()
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
