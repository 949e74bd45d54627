import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

/** Answers keyed by question code; the questionnaire version checks each value (400 naming the question). */
export class AnswersRequest {
  @ApiProperty({ example: { STARS: 5, REASONS: ['FAST'] }, type: 'object', additionalProperties: true })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class KioskResponseRequest extends AnswersRequest {
  @ApiProperty({ example: 'a0d1b2c3-0000-4000-8000-000000000002' })
  @IsUUID()
  surveyId!: string;

  @ApiPropertyOptional({ description: 'Exact version answered; default the published one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647) // a Postgres integer: 1e20 would pass @IsInt and fail in the query (a 500)
  version?: number;
}

/** A paper form typed in by staff: it may name the officer, counter, ticket or dossier it was about. */
export class PaperResponseRequest extends KioskResponseRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  officerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 16)
  counterNo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({
    description: 'When the citizen filled in the form (default now); not in the future',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  answeredAt?: string;
}
