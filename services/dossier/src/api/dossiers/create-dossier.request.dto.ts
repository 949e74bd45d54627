import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsContactEmail, IsVietnameseMobilePhone, UNIT_CODE_PATTERN } from '@fg/contracts';
import { IsInstant } from '@fg/platform';
import type { DossierChannel } from '../../domain';
import { PROCEDURE_CODE_PATTERN } from '../common/params';

export const CHANNELS: DossierChannel[] = ['COUNTER', 'ONLINE', 'POSTAL', 'HOME'];

/** The applicant's personal data: kept in the dossier only, never published. */
export class ApplicantDto {
  @ApiProperty({ example: 'Nguyễn Thị Hương' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'fullName must not be blank' })
  fullName!: string;

  @ApiPropertyOptional({ example: '024190000123', description: 'Citizen ID (CCCD) or passport number' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{6,20}$/, { message: 'idNumber must be 6-20 letters or digits' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Vietnamese mobile number (0912345678, +84…)' })
  @IsOptional()
  @IsString()
  @IsVietnameseMobilePhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'huong@example.vn' })
  @IsOptional()
  @IsString()
  @IsContactEmail()
  email?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'The applicant agrees to be notified at this phone/e-mail (status, result ready, supplement requests): ' +
      'only then are they sent, sealed for the notify service, with dossier.received',
  })
  @IsOptional()
  @IsBoolean({ message: 'contactConsent must be true or false' })
  contactConsent?: boolean;

  @ApiPropertyOptional({ example: 'Số 5, đường Lê Lợi, phường Lê Lợi' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;
}

export class CreateDossierRequest {
  @ApiPropertyOptional({
    example: 'portal-2025-000123',
    description: "The portal's id: the same one again returns the same dossier",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalId?: string;

  @ApiProperty({ example: 'HT-KHAI-SINH' })
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'procedureCode must be 1-64 letters, digits, dots or dashes' })
  procedureCode!: string;

  @ApiProperty({ example: '07210' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be 1-32 letters, digits, dots or dashes' })
  unitCode!: string;

  @ApiProperty({
    enum: CHANNELS,
    description: 'ONLINE dossiers are registered (status 1) until an officer accepts them',
  })
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel!: DossierChannel;

  @ApiPropertyOptional({
    example: '2025-07-07T09:00:00+07:00',
    description:
      'When the complete dossier was received (online: registered); default now, never in the future',
  })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;

  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ description: 'Queue ticket the dossier was received under' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
}
