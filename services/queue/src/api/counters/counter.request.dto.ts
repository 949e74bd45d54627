import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ACTOR_ID_PATTERN, PAUSE_REASON_CODES, type PauseReasonCode } from '@fg/contracts';

export class OpenCounterRequest {
  @ApiPropertyOptional({
    example: 'can-bo-017',
    deprecated: true,
    description:
      'Deprecated: the officer on duty is the token’s subject. Omit it, or give your own id; a unit-admin may ' +
      'name an officer who has been on duty in this unit before (recorded as assigned by him). Anything else: 403.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  // It is published as counter.opened's officerId: an id, never a name or an e-mail (issue #16 row 5).
  @Matches(ACTOR_ID_PATTERN, {
    message: 'officerId must be an id of letters, digits, dots, colons, bars or dashes',
  })
  officerId?: string;
}

/*
 * Pause reasons (issue #16 row 5): `reasonCode` from the catalogue (GET /api/v1/reason-codes?kind=PAUSE) is
 * published on counter.paused; `note` stays in the counter row. The free-text `reason` of earlier pages is
 * accepted until 2027-06-30 (deprecated): stored as the note, published as OTHER.
 */
export class PauseCounterRequest {
  @ApiPropertyOptional({ enum: PAUSE_REASON_CODES, description: 'Required unless `reason` is sent' })
  @ValidateIf((o: PauseCounterRequest) => !o.reason || !!o.reasonCode)
  @IsIn(PAUSE_REASON_CODES as readonly string[] as string[], {
    message: `reasonCode must be one of ${PAUSE_REASON_CODES.join(', ')}`,
  })
  reasonCode?: PauseReasonCode;

  @ApiPropertyOptional({ example: 'Họp giao ban', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'note must not be blank' })
  note?: string;

  @ApiPropertyOptional({
    deprecated: true,
    maxLength: 200,
    description:
      'Deprecated until 2027-06-30: stored as the note with reasonCode OTHER; send reasonCode + note.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}
