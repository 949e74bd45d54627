import { ApiPropertyOptional, ApiProperty, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageLimit, PageOffset } from '@fg/platform';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { STATS_GROUP_BY, StatsGroupBy } from '../../application/satisfaction-stats.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A unit and a range of local (Asia/Ho_Chi_Minh) days; both ends inclusive, default the current month. */
export class UnitPeriodQuery {
  @ApiProperty({ example: '07210' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode!: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeDescendants: boolean = false;
}

export class SatisfactionQueryDto extends UnitPeriodQuery {
  @ApiPropertyOptional({ enum: STATS_GROUP_BY })
  @IsOptional()
  @IsIn(STATS_GROUP_BY, {
    message: `groupBy must be one of ${STATS_GROUP_BY.join(', ')}`,
  })
  groupBy?: StatsGroupBy;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the unit as it was, without the history of the units it succeeded (mergers, splits); default false: their answers before the succession date count too',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'asWas must be true or false' })
  asWas?: boolean;
}

/** The period of UnitPeriodQuery for a unit named in the path; OmitType keeps its validation, transforms and defaults. */
export class CommentsQueryDto extends OmitType(UnitPeriodQuery, ['unitCode'] as const) {
  @PageLimit({ max: 500, default: 50 })
  limit: number = 50;

  @PageOffset()
  offset: number = 0;
}
