import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { SIPAS_ELEMENTS, SipasElement } from '@fg/kernel';
import {
  CODE_PATTERN,
  QUESTION_TYPES,
  QUESTIONNAIRE_KINDS,
  QUESTIONNAIRE_LIMITS,
  QuestionnaireKind,
  QuestionType,
} from '../../domain';

const oneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}` });
const CODE_MESSAGE = '$property must start with a letter: letters, digits, _ . - (max 64)';

export class QuestionOptionDto {
  @ApiProperty({ example: 'FAST' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Nhanh chóng' })
  @IsString()
  @Length(1, QUESTIONNAIRE_LIMITS.label)
  label!: string;
}

/** Shape only; the domain checks the rules between fields (element only on STARS/LIKERT5, …) when publishing. */
export class QuestionDto {
  @ApiProperty({ example: 'OFFICER_ATTITUDE' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Ông/Bà hài lòng thế nào về thái độ của công chức?' })
  @IsString()
  @Length(1, QUESTIONNAIRE_LIMITS.text)
  text!: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @oneOf(QUESTION_TYPES)
  type!: QuestionType;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiPropertyOptional({ enum: SIPAS_ELEMENTS })
  @IsOptional()
  @oneOf(SIPAS_ELEMENTS)
  element?: SipasElement;

  @ApiPropertyOptional({ description: 'The general "overall, how satisfied" question (at most one)' })
  @IsOptional()
  @IsBoolean()
  overall?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: 'Decree 61 indicator (SCORE_0_2 only)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  indicator?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

  @ApiPropertyOptional({ type: [String], description: 'What 0, 1 and 2 points mean (SCORE_0_2 only)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(QUESTIONNAIRE_LIMITS.label, { each: true })
  scoreLabels?: [string, string, string];

  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUESTIONNAIRE_LIMITS.options)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];
}

export class EditSurveyRequest {
  @ApiPropertyOptional({ example: 'Khảo sát sự hài lòng' })
  @IsOptional()
  @IsString()
  @Length(1, QUESTIONNAIRE_LIMITS.title)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QUESTIONNAIRE_LIMITS.questions)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];
}

export class CreateSurveyRequest {
  // `string | null` reaches Swagger as Object; the type is named so the document says string.
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '07210',
    description: 'Owning unit; omit or null for a global questionnaire (admin only)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode?: string | null;

  @ApiProperty({ example: 'Khảo sát sự hài lòng' })
  @IsString()
  @Length(1, QUESTIONNAIRE_LIMITS.title)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ enum: QUESTIONNAIRE_KINDS })
  @oneOf(QUESTIONNAIRE_KINDS)
  kind!: QuestionnaireKind;

  @ApiProperty({ type: [QuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QUESTIONNAIRE_LIMITS.questions)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions!: QuestionDto[];
}

export class GetSurveyQuery {
  @ApiPropertyOptional({
    example: 'published',
    description: 'A version number, or `published` for the version answered now; default the latest',
  })
  @IsOptional()
  @Matches(/^([1-9]\d{0,5}|published)$/, { message: 'version must be a version number or "published"' })
  version?: string;
}
