import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class OpenCounterRequest {
  @ApiPropertyOptional({
    example: 'can-bo-017',
    deprecated: true,
    description:
      'Deprecated: the officer on duty is the token’s subject. Omit it, or give your own id; a unit-admin may ' +
      'name an officer who has been on duty in this unit before (recorded as assigned by him). Anything else: 403.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  officerId?: string;
}

export class PauseCounterRequest {
  @ApiProperty({ example: 'Nghỉ giữa giờ' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
