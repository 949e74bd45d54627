import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { LOCAL_DATE_PATTERN } from '../common/params';

export class DatedReasonDto {
  @ApiProperty({ example: '2026-02-14' })
  @Matches(LOCAL_DATE_PATTERN, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Nghỉ Tết Nguyên đán Bính Ngọ của cán bộ, công chức' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}

/** A year's overrides, replacing the previous ones as a whole. */
export class ReplaceOverridesRequest {
  @ApiPropertyOptional({
    type: [DatedReasonDto],
    description: 'Extra days off (official schedule, bridge days, new holidays)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => DatedReasonDto)
  addDaysOff: DatedReasonDto[] = [];

  @ApiPropertyOptional({
    type: [String],
    example: [],
    description: 'Computed days off that are working days this year',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(LOCAL_DATE_PATTERN, { each: true, message: 'removeDaysOff must hold YYYY-MM-DD dates' })
  removeDaysOff: string[] = [];

  @ApiPropertyOptional({
    type: [DatedReasonDto],
    description: 'Make-up working days on weekly rest days (e.g. a working Saturday)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => DatedReasonDto)
  extraWorkingDays: DatedReasonDto[] = [];
}
