import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { REPEAT_SUPPLEMENT_GROUNDS, REASON_CODES_BY_KIND, type ReasonKind } from '@fg/contracts';
import { IsInstant } from '@fg/platform';

/*
 * Reasons (issue #16 row 5): `reasonCode` from the catalogue (GET /api/v1/reason-codes) is what other
 * services see; `note` is the officer's free text and stays in this service. The free-text `reason` of
 * earlier clients is accepted until 2027-06-30 (deprecated): it is stored as the note, with the code OTHER.
 */
class ReasonNote {
  @ApiPropertyOptional({ example: 'Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'note must not be blank' })
  note?: string;

  @ApiPropertyOptional({
    deprecated: true,
    maxLength: 1000,
    description:
      'Deprecated until 2027-06-30: stored as the note with reasonCode OTHER; send reasonCode + note.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}

const codeOf = (kind: ReasonKind) => {
  const codes = REASON_CODES_BY_KIND[kind];
  return IsIn(codes as string[], { message: `reasonCode must be one of ${codes.join(', ')}` });
};
/** Required unless the deprecated free-text `reason` is sent (then OTHER). */
const requiredUnlessLegacy = () =>
  ValidateIf((o: ReasonNote & { reasonCode?: string }) => !o.reason || !!o.reasonCode);

export class SupplementReasonRequest extends ReasonNote {
  @ApiPropertyOptional({
    enum: REASON_CODES_BY_KIND.SUPPLEMENT,
    description: 'Required unless `reason` is sent',
  })
  @requiredUnlessLegacy()
  @codeOf('SUPPLEMENT')
  reasonCode?: string;

  @ApiPropertyOptional({
    enum: REPEAT_SUPPLEMENT_GROUNDS,
    description:
      'Only for a second or later request for the dossier: the ground it is allowed on (docs/domain.md ' +
      '§Supplement requests); without it a repeat is refused with 409 DOSSIER.SUPPLEMENT_ALREADY_REQUESTED',
  })
  @IsOptional()
  @IsIn([...REPEAT_SUPPLEMENT_GROUNDS], {
    message: `groundCode must be one of ${REPEAT_SUPPLEMENT_GROUNDS.join(', ')}`,
  })
  groundCode?: string;
}

export class RefusalRequest extends ReasonNote {
  @ApiPropertyOptional({
    enum: REASON_CODES_BY_KIND.REFUSAL,
    description: 'Required unless `reason` is sent',
  })
  @requiredUnlessLegacy()
  @codeOf('REFUSAL')
  reasonCode?: string;
}

export class FeesRequest extends ReasonNote {
  @ApiPropertyOptional({ enum: REASON_CODES_BY_KIND.FEES })
  @IsOptional()
  @codeOf('FEES')
  reasonCode?: string;
}

export class WithdrawRequest extends ReasonNote {
  @ApiPropertyOptional({ enum: REASON_CODES_BY_KIND.WITHDRAWAL })
  @IsOptional()
  @codeOf('WITHDRAWAL')
  reasonCode?: string;
}

export class StopRequest extends ReasonNote {
  @ApiPropertyOptional({ enum: REASON_CODES_BY_KIND.STOP })
  @IsOptional()
  @codeOf('STOP')
  reasonCode?: string;
}

/** The command's reason fields: the note (or the deprecated `reason`) stays here, the code is published. */
export const reasonOf = (
  b: ReasonNote & { reasonCode?: string },
): { reason?: string; reasonCode?: string } => {
  const note = b.note ?? b.reason;
  const reasonCode = b.reasonCode ?? (b.reason !== undefined ? 'OTHER' : undefined);
  return { ...(note !== undefined ? { reason: note } : {}), ...(reasonCode ? { reasonCode } : {}) };
};

export class ResolveRequest {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] })
  @IsIn(['APPROVED', 'REJECTED'], { message: 'outcome must be one of APPROVED, REJECTED' })
  outcome!: 'APPROVED' | 'REJECTED';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class IssueApologyRequest {
  @ApiProperty({ example: 'Cần xác minh thông tin tại nơi cư trú trước đây' })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiProperty({
    example: '2025-07-15T09:00:00+07:00',
    description: 'New appointment: later than the due date, in working time',
  })
  @IsInstant()
  newDueAt!: string;

  @ApiProperty({ example: 'Chủ tịch UBND phường Trần Văn Bình' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'signer must not be blank' })
  signer!: string;
}
