import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class OpenCounterRequest {
  @ApiProperty({ example: 'can-bo-017', description: 'Officer on duty (no personal data: an id)' })
  @IsString()
  @Length(1, 64)
  officerId!: string;
}

export class PauseCounterRequest {
  @ApiProperty({ example: 'Nghỉ giữa giờ' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
