import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PROCESSING_UNITS, type ProcessingUnit } from '../../domain';

export class ProcessingDto {
  @ApiProperty({ example: 3, description: 'Working days (whole), working hours, or 0 for same-day' })
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

export class UpsertProcedureRequest {
  @ApiProperty({ example: 'Đăng ký khai sinh' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiProperty({ example: 'Hộ tịch', description: 'Field (lĩnh vực)' })
  @IsString()
  @Length(1, 100)
  field!: string;

  @ApiProperty({ type: ProcessingDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProcessingDto)
  processing!: ProcessingDto;

  // `number | null` reaches Swagger as Object; the type is named so the document says integer.
  @ApiPropertyOptional({
    type: 'integer',
    example: 20000,
    nullable: true,
    description: 'Fee in VND; null when set by the province',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER) // stored as bigint: 1e20 passes @IsInt and failed in the INSERT (a 500)
  fee?: number | null;

  @ApiPropertyOptional({ example: '20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  feeNote?: string;

  @ApiPropertyOptional({ type: [String], description: 'Documents the citizen brings' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  documents?: string[];
}
