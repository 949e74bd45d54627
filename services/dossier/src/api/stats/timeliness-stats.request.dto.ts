import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import type { StatsGroupBy } from '../../application/timeliness-stats.service';
import { LOCAL_DATE_PATTERN, QueryBoolean } from '../common/params';

export class TimelinessStatsQuery {
  @ApiProperty({ example: '24' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode!: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'Local date, inclusive; default 1 Jan of `to`' })
  @IsOptional()
  @Matches(LOCAL_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Local date, inclusive; default today' })
  @IsOptional()
  @Matches(LOCAL_DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['unit', 'procedure', 'month'], default: 'unit' })
  @IsOptional()
  @IsIn(['unit', 'procedure', 'month'], { message: 'groupBy must be one of unit, procedure, month' })
  groupBy: StatsGroupBy = 'unit';

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeDescendants: boolean = false;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the unit as it was, without the history of the units it succeeded (mergers, splits); default false: their rows before the succession date count too',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'asWas must be true or false' })
  asWas: boolean = false;
}
