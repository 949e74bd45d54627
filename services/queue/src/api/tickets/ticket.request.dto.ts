import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsVietnameseMobilePhone } from '@fg/contracts';
import { PRIORITIES, Priority } from '../../domain';
import { SERVICE_CODE_PATTERN } from '../path-params';

const serviceCode = () =>
  Matches(SERVICE_CODE_PATTERN, {
    message: 'serviceCode must be 1-32 letters, digits, dots, dashes or underscores',
  });

export class IssueTicketRequest {
  @ApiProperty({ example: 'HT' })
  @IsString()
  @serviceCode()
  serviceCode!: string;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'NONE' })
  @IsOptional()
  @IsIn(PRIORITIES, { message: `priority must be one of ${PRIORITIES.join(', ')}` })
  priority?: Priority;

  @ApiPropertyOptional({
    example: '0912345678',
    description:
      'Optional: a Vietnamese mobile number for the "your turn is near" SMS. Sealed for the notify service into ' +
      'ticket.issued; the queue keeps no copy.',
  })
  @IsOptional()
  @IsString()
  @IsVietnameseMobilePhone()
  phone?: string;
}

export class CompleteTicketRequest {
  @ApiPropertyOptional({ description: 'The dossier handed in at the counter' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;
}

export class CancelTicketRequest {
  @ApiPropertyOptional({ example: 'Công dân không chờ nữa' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class TransferTicketRequest {
  @ApiProperty({
    example: 'CT',
    description: 'Target service queue; the ticket keeps its number and issue time',
  })
  @IsString()
  @serviceCode()
  serviceCode!: string;
}
