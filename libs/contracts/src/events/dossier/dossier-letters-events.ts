import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { defineEvent } from '../../registry';
import { Topics } from '../../topics';
import { IsActorId, IsCode, IsOneOf } from '../common';
import { DOSSIER_STATUSES, type DossierStatusName } from './dossier-events';

/*
 * Issue #15 items 3 and 8: a schedule change that puts a printed appointment on a day off, and letters of
 * thanks. New types on `dossier.events.v1` that existing consumers ignore; ids, codes and dates only.
 */

/** The new calendar made an open dossier's printed due date a day off (published once per dossier and date). */
export class DossierDueDateConflictFlaggedV1 {
  @IsUUID() dossierId!: string;
  @IsString() @IsCode(5, 64) code!: string;
  @IsString() @IsCode(1, 64) procedureCode!: string;
  @IsOneOf(DOSSIER_STATUSES) status!: DossierStatusName;
  /** National catalogue status code 1..10. */
  @IsInt() @Min(1) @Max(10) statusCode!: number;
  /** When the dossier was flagged (the calendar change's commit). */
  @IsISO8601({ strict: true }) at!: string;
  /** Who changed the calendar. */
  @IsString() @IsActorId() actorId!: string;
  /** The appointment printed on the receipt slip. */
  @IsISO8601({ strict: true }) printedDueAt!: string;
  /** The unit's closing time on its next working day (docs/domain.md §Schedule changes after receipt). */
  @IsISO8601({ strict: true }) proposedDueAt!: string;
  /** The local date (YYYY-MM-DD) that is no longer a working day. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dayOff!: string;
}
export const DossierDueDateConflictFlagged = defineEvent({
  type: 'dossier.due-date-conflict-flagged',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierDueDateConflictFlaggedV1,
  description:
    "A newly loaded schedule or override made an open dossier's printed due date a day off; officers resolve it.",
});

export const THANK_YOU_RECIPIENT_KINDS = ['CITIZEN', 'ORGANISATION'] as const;
export type ThankYouRecipientKind = (typeof THANK_YOU_RECIPIENT_KINDS)[number];
export const THANK_YOU_REASONS = ['CONTRIBUTED_FEEDBACK', 'PROMPT_SUPPLEMENT', 'VOLUNTEER', 'OTHER'] as const;
export type ThankYouReason = (typeof THANK_YOU_REASONS)[number];

/** A letter of thanks; ids and codes only (the recipient's name and the officer's note stay in the service). */
export class DossierThankYouLetterIssuedV1 {
  @IsUUID() letterId!: string;
  /** The letter's number in its unit and year ("Số: 3/TCO"). */
  @IsInt() @Min(1) number!: number;
  @IsOneOf(THANK_YOU_RECIPIENT_KINDS) recipientKind!: ThankYouRecipientKind;
  @IsOneOf(THANK_YOU_REASONS) reasonCode!: ThankYouReason;
  @IsOptional() @IsUUID() dossierId?: string;
  @IsISO8601({ strict: true }) at!: string;
  @IsString() @IsActorId() actorId!: string;
}
export const DossierThankYouLetterIssued = defineEvent({
  type: 'dossier.thank-you-letter-issued',
  dataversion: '1',
  topic: Topics.DOSSIER,
  dataClass: DossierThankYouLetterIssuedV1,
  description: 'An officer issued a letter of thanks to a citizen or organisation (counted per unit).',
});
