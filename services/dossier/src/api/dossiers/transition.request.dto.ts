import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '@fg/platform';

export class ReasonRequest {
  @ApiProperty({ example: 'Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ' })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class OptionalReasonRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ResolveRequest {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] })
  @IsIn(['APPROVED', 'REJECTED'], { message: 'outcome must be one of APPROVED, REJECTED' })
  outcome!: 'APPROVED' | 'REJECTED';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class IssueApologyRequest {
  @ApiProperty({ example: 'Cần xác minh thông tin tại nơi cư trú trước đây' })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiProperty({
    example: '2025-07-15T09:00:00+07:00',
    description: 'New appointment: later than the due date, in working time',
  })
  @IsInstant()
  newDueAt!: string;

  @ApiProperty({ example: 'Chủ tịch UBND phường Trần Văn Bình' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'signer must not be blank' })
  signer!: string;
}
