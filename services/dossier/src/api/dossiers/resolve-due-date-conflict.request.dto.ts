import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DUE_DATE_CONFLICT_RESOLUTIONS, type DueDateConflictResolution } from '../../domain';

export class ResolveDueDateConflictRequest {
  @ApiProperty({
    enum: DUE_DATE_CONFLICT_RESOLUTIONS,
    description:
      'KEEP_PRINTED: the office opens for the citizen on the printed date; ACCEPT_PROPOSED: the apology letter gives the proposed date as the new appointment',
  })
  @IsIn(DUE_DATE_CONFLICT_RESOLUTIONS, {
    message: `resolution must be one of ${DUE_DATE_CONFLICT_RESOLUTIONS.join(', ')}`,
  })
  resolution!: DueDateConflictResolution;

  @ApiPropertyOptional({
    example: 'Chủ tịch UBND phường Trần Văn Bình',
    description: 'Required for ACCEPT_PROPOSED',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'signer must not be blank' })
  signer?: string;
}
