import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length } from 'class-validator';

export class AssessCriterionRequest {
  @ApiProperty({ example: 2, description: "From 0 to the criterion's maxPoints" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points!: number;

  @ApiProperty({ example: 'Biên bản kiểm tra thực tế ngày 15/11/2026, ảnh chụp bảng niêm yết' })
  @IsString()
  @Length(1, 2000)
  evidence!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
