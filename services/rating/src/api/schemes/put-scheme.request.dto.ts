import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { METRIC_NAMES, Rule } from '../../domain';

/**
 * Shapes only; the scheme's rules (unique codes, points adding up, increasing thresholds, known metrics, valid
 * rules) are checked by the domain's validateScheme, which lists every problem at once.
 */
export class StarThresholdDto {
  @ApiProperty({ example: 1 }) @IsInt() stars!: number;
  @ApiProperty({ example: 80 }) @IsNumber() minScore!: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'CB08' }) @IsString() @Length(1, 32) code!: string;
  // Published in unit.score-changed's breakdown as a code (issue #16 row 5).
  @ApiProperty({ example: 'FRIENDLY_OFFICIALS' })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, {
    message: 'group must be a code of 1-64 letters, digits, dots, underscores, colons or dashes',
  })
  group!: string;
  @ApiProperty({ example: 'Không trễ hẹn: tỷ lệ hồ sơ đúng hạn từ 98% trở lên' })
  @IsString()
  @Length(1, 500)
  title!: string;
  @ApiProperty({ example: 5 }) @IsNumber() maxPoints!: number;
  @ApiProperty({ enum: ['COMPUTED', 'ASSESSED'] }) @IsIn(['COMPUTED', 'ASSESSED']) kind!:
    'COMPUTED' | 'ASSESSED';
  @ApiPropertyOptional({ description: 'Bonus points come on top of the total' })
  @IsOptional()
  @IsBoolean()
  bonus?: boolean;
  @ApiPropertyOptional({ enum: METRIC_NAMES, description: 'COMPUTED only' })
  @IsOptional()
  @IsString()
  metric?: string;
  @ApiPropertyOptional({
    description:
      'COMPUTED only: {type: THRESHOLDS, steps: [{min?, max?, points}]} | {type: LINEAR, from: {value, points}, to: {value, points}} | {type: BOOLEAN, when: GTE|LTE|EQ, value, points}',
    example: { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 5 } },
  })
  @IsOptional()
  @IsObject()
  rule?: Rule;
}

export class PutSchemeRequest {
  @ApiProperty({ example: 'Bắc Giang 2023 – Chính quyền thân thiện' })
  @IsString()
  @Length(1, 200)
  name!: string;
  @ApiPropertyOptional({ default: 100, description: 'Maximum without bonus criteria' })
  @IsOptional()
  @IsNumber()
  totalPoints?: number;
  @ApiProperty({ type: [StarThresholdDto] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => StarThresholdDto)
  thresholds!: StarThresholdDto[];
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

export class AssignSchemeRequest {
  @ApiProperty({ example: 'DONG_NAI_2025' }) @IsString() @Length(1, 64) schemeCode!: string;
}
