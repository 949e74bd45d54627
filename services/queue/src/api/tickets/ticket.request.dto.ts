import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import {
  ACTOR_ID_PATTERN,
  IsVietnameseMobilePhone,
  PARK_REASON_CODES,
  TRANSFER_REASON_CODES,
  type ParkReasonCode,
  type TransferReasonCode,
} from '@fg/contracts';
import { PRIORITIES, Priority } from '../../domain';
import { COUNTER_NO_PATTERN, SERVICE_CODE_PATTERN } from '../path-params';

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

/**
 * Exactly one target (issue #17): another service queue, a named counter of the unit, or a named officer of the
 * unit. Two targets or none → 400 naming them. The ticket keeps its number and original issue time.
 */
export class TransferTicketRequest {
  @ApiPropertyOptional({ example: 'CT', description: 'Target service queue' })
  @IsOptional()
  @IsString()
  @serviceCode()
  serviceCode?: string;

  @ApiPropertyOptional({
    example: '2',
    description: 'Target counter (not closed): the ticket waits for that counter only, in its own service',
  })
  @IsOptional()
  @IsString()
  @Matches(COUNTER_NO_PATTERN, {
    message: 'counterNo must be 1-16 letters, digits, dots, dashes or underscores',
  })
  counterNo?: string;

  @ApiPropertyOptional({
    example: 'can-bo-07210-2',
    description:
      'Target officer of this unit, on duty now: the ticket waits for whichever counter he is on duty at',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(ACTOR_ID_PATTERN, {
    message: 'officerId must be an id of letters, digits, dots, colons, bars or dashes',
  })
  officerId?: string;

  @ApiPropertyOptional({ enum: TRANSFER_REASON_CODES, description: 'GET /api/v1/reason-codes?kind=TRANSFER' })
  @IsOptional()
  @IsIn(TRANSFER_REASON_CODES as readonly string[] as string[], {
    message: `reasonCode must be one of ${TRANSFER_REASON_CODES.join(', ')}`,
  })
  reasonCode?: TransferReasonCode;
}

export class ParkTicketRequest {
  @ApiProperty({ enum: PARK_REASON_CODES, description: 'GET /api/v1/reason-codes?kind=PARK' })
  @IsIn(PARK_REASON_CODES as readonly string[] as string[], {
    message: `reasonCode must be one of ${PARK_REASON_CODES.join(', ')}`,
  })
  reasonCode!: ParkReasonCode;
}
