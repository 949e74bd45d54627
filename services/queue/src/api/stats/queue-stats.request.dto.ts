import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

const GROUPS = ['service', 'counter', 'officer', 'hour', 'weekday', 'day'] as const;
/** A local date, or an instant with its zone (Z or ±hh:mm): a bare local date-time would be ambiguous. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const message = (f: string) =>
  `${f} must be a date YYYY-MM-DD or an instant with a zone, e.g. 2025-07-01T08:00:00+07:00`;

export class QueueStatsQuery {
  @ApiProperty({
    example: '2025-07-01',
    description: 'First local (Asia/Ho_Chi_Minh) day, inclusive; or an instant (from that local hour)',
  })
  @Matches(DATE_OR_INSTANT, { message: message('from') })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({
    example: '2025-07-31',
    description: 'Last local day, inclusive; or an instant (exclusive, whole local hours)',
  })
  @Matches(DATE_OR_INSTANT, { message: message('to') })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({
    enum: GROUPS,
    default: 'service',
    description: 'weekday (1 = Monday) and day are extras beyond the four asked for',
  })
  @IsOptional()
  @IsIn(GROUPS, { message: `groupBy must be one of ${GROUPS.join(', ')}` })
  groupBy: (typeof GROUPS)[number] = 'service';

  @ApiPropertyOptional({ default: false, description: 'Add the figures of every unit below this one' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDescendants?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the unit as it was, without the history of the units it succeeded (mergers, splits); default false: their rows before the succession date count too',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'asWas must be true or false' })
  asWas?: boolean;
}
