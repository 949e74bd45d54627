import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../domain';
import { IsTimeBound, PROCEDURE_CODE_PATTERN, QueryBoolean } from '../common/params';

export class ListDossiersQuery {
  @ApiProperty({ example: '07210' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeDescendants?: boolean;

  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES, {
    message: `status must be one of ${DOSSIER_STATUSES.join(', ')}`,
  })
  status?: DossierStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PROCEDURE_CODE_PATTERN)
  procedureCode?: string;

  @ApiPropertyOptional({ description: 'Only running dossiers past their due date' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Only running dossiers due today or on the next working day (with overdue: either)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dueSoon?: boolean;

  @ApiPropertyOptional({ example: '2025-07-01', description: 'Received from (inclusive)' })
  @IsOptional()
  @IsTimeBound()
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-31', description: 'Received until (a date: inclusive)' })
  @IsOptional()
  @IsTimeBound()
  to?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
