import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, Matches, ValidateNested } from 'class-validator';

const HHMM = /^\d{2}:\d{2}$/;

export class WorkingPeriodDto {
  @ApiProperty({ example: '07:00' }) @Matches(HHMM, { message: 'start must be HH:mm' }) start!: string;
  @ApiProperty({ example: '11:30' }) @Matches(HHMM, { message: 'end must be HH:mm' }) end!: string;
}

const Periods = () => (target: object, key: string) => {
  ApiPropertyOptional({ type: [WorkingPeriodDto] })(target, key);
  IsOptional()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(6)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => WorkingPeriodDto)(target, key);
};

export class WeeklyHoursDto {
  @Periods() MON?: WorkingPeriodDto[];
  @Periods() TUE?: WorkingPeriodDto[];
  @Periods() WED?: WorkingPeriodDto[];
  @Periods() THU?: WorkingPeriodDto[];
  @Periods() FRI?: WorkingPeriodDto[];
  @Periods() SAT?: WorkingPeriodDto[];
  @Periods() SUN?: WorkingPeriodDto[];
}

/** A unit's working hours; a weekday left out has none. */
export class WorkingHoursRequest {
  @ApiProperty({ type: WeeklyHoursDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  weekly!: WeeklyHoursDto;

  @Periods() makeUpDay?: WorkingPeriodDto[];

  @ApiPropertyOptional({
    example: '15:00',
    description: 'Same-day procedures received after it are due the next working day',
  })
  @IsOptional()
  @Matches(HHMM, { message: 'sameDayCutoff must be HH:mm' })
  sameDayCutoff?: string;
}
