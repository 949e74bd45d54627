import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  THANK_YOU_REASONS,
  THANK_YOU_RECIPIENT_KINDS,
  type ThankYouReason,
  type ThankYouRecipientKind,
} from '@fg/contracts';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { RECIPIENT_NAME_MAX, THANK_YOU_NOTE_MAX } from '../../domain';

export class IssueThankYouLetterRequest {
  @ApiProperty({ enum: THANK_YOU_RECIPIENT_KINDS })
  @IsIn(THANK_YOU_RECIPIENT_KINDS, {
    message: `recipientKind must be one of ${THANK_YOU_RECIPIENT_KINDS.join(', ')}`,
  })
  recipientKind!: ThankYouRecipientKind;

  @ApiProperty({ example: 'Nguyễn Thị Lan', maxLength: RECIPIENT_NAME_MAX })
  @IsString()
  @Length(1, RECIPIENT_NAME_MAX)
  @Matches(/\S/, { message: 'recipientName must not be blank' })
  recipientName!: string;

  @ApiProperty({ enum: THANK_YOU_REASONS })
  @IsIn(THANK_YOU_REASONS, { message: `reasonCode must be one of ${THANK_YOU_REASONS.join(', ')}` })
  reasonCode!: ThankYouReason;

  @ApiPropertyOptional({
    description: 'Printed on the letter; kept in the service, never published. Required for OTHER.',
    maxLength: THANK_YOU_NOTE_MAX,
  })
  @IsOptional()
  @IsString()
  @MaxLength(THANK_YOU_NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ description: 'A dossier of the same unit the letter is about', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;
}
