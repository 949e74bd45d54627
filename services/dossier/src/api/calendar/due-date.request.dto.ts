import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { IsInstant } from '@fg/platform';
import { PROCESSING_UNITS, type ProcessingUnit } from '../../domain';

export class DueDateRequest {
  @ApiProperty({ example: '07210' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode!: string;

  @ApiPropertyOptional({ example: '2026-02-13T10:00:00+07:00', description: 'Default: now' })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;

  @ApiProperty({ example: 3 })
  @IsNumber()
  @Min(0)
  @Max(8000)
  amount!: number;

  @ApiProperty({ enum: PROCESSING_UNITS })
  @IsIn(PROCESSING_UNITS as ProcessingUnit[], {
    message: `unit must be one of ${PROCESSING_UNITS.join(', ')}`,
  })
  unit!: ProcessingUnit;
}
