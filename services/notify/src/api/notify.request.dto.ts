import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_KINDS, MessageKind, UNIT_CODE_PATTERN } from '@fg/contracts';
import { PageLimit, PageOffset } from '@fg/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CITIZEN_KINDS, TEMPLATE_BODY_MAX, TEMPLATE_SUBJECT_MAX, WEBHOOK_URL_MAX } from '../domain';

export class SaveTemplateRequest {
  @ApiProperty({ enum: CITIZEN_KINDS })
  @IsIn(CITIZEN_KINDS, { message: `kind must be one of ${CITIZEN_KINDS.join(', ')}` })
  kind!: MessageKind;

  @ApiProperty({ enum: ['SMS', 'EMAIL'] })
  @IsIn(['SMS', 'EMAIL'], { message: 'channel must be SMS or EMAIL' })
  channel!: 'SMS' | 'EMAIL';

  @ApiPropertyOptional({ description: 'E-mail subject (EMAIL only)', maxLength: TEMPLATE_SUBJECT_MAX })
  @IsOptional()
  @IsString()
  @Length(1, TEMPLATE_SUBJECT_MAX)
  subject?: string;

  @ApiProperty({
    example: 'Mời số {{ticketNumber}} đến quầy {{counterNo}} - {{unitName}}.',
    maxLength: TEMPLATE_BODY_MAX,
  })
  @IsString()
  @Length(1, TEMPLATE_BODY_MAX)
  body!: string;

  @ApiPropertyOptional({
    default: true,
    description: 'SMS sent without diacritics (GSM-7: 160 characters a segment)',
  })
  @IsOptional()
  @IsBoolean()
  smsAscii: boolean = true;
}

export class UnitSettingsRequest {
  @ApiProperty({ enum: MESSAGE_KINDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(MESSAGE_KINDS.length)
  @ArrayUnique()
  @IsIn(MESSAGE_KINDS, { each: true, message: `disabledKinds must hold only ${MESSAGE_KINDS.join(', ')}` })
  disabledKinds!: MessageKind[];

  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(100) turnNearPosition!: number;
  @ApiProperty({ example: 15 }) @IsInt() @Min(0) @Max(600) turnNearMinutes!: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(240) minutesPerCitizen!: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(0) @Max(100) dailyCap!: number;
  @ApiProperty({ example: 420, description: 'minute of the local day' })
  @IsInt()
  @Min(0)
  @Max(1439)
  opensAtMinute!: number;
  @ApiProperty({ example: 1020 }) @IsInt() @Min(1) @Max(1440) closesAtMinute!: number;
  @ApiProperty({ example: 15 }) @IsInt() @Min(1) @Max(90) supplementDays!: number;
}

export class MessageLogQuery {
  @PageLimit({ max: 500, default: 50 })
  limit: number = 50;

  @PageOffset()
  offset: number = 0;
}

export class CostReportQuery {
  @ApiProperty({ example: '2026-12' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;
}

export class CreateSubscriptionRequest {
  @ApiProperty({ example: 'CONG-DVC-TINH' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, {
    message: 'partnerCode must be a code of 2-64 letters, digits, dots, underscores or dashes',
  })
  partnerCode!: string;

  @ApiProperty({ example: 'https://dichvucong.example.vn/hooks/motcua', maxLength: WEBHOOK_URL_MAX })
  @IsString()
  @MinLength(8)
  @MaxLength(WEBHOOK_URL_MAX)
  url!: string;

  @ApiProperty({
    example: ['24'],
    description: "units whose dossiers (and their descendants') are sent; * for all",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(new RegExp(`${UNIT_CODE_PATTERN.source}|^\\*$`), {
    each: true,
    message: 'unitCodes must hold unit codes or *',
  })
  unitCodes!: string[];
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: ['DEAD'] })
  @IsOptional()
  @IsIn(['DEAD'], { message: 'status must be DEAD' })
  status?: 'DEAD';

  @PageLimit({ max: 500, default: 100 })
  limit: number = 100;
}

export class ReplayRequest {
  @ApiPropertyOptional({
    description: 'dead-lettered deliveries to replay; all of the subscription when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'messageIds must hold message ids' })
  messageIds?: string[];
}
