import type { ThankYouReason, ThankYouRecipientKind } from '@fg/contracts';
import { RuleError, type RuleErrorKind } from '@fg/kernel';

/*
 * Letters of thanks ("thư cảm ơn", issue #15 item 8): an officer thanks a citizen or an organisation for a
 * reason from a small catalogue, optionally naming a dossier of the unit. The seeds count them beside the
 * apology letters (Thanh Hóa: 8 of thanks, 18 of apology), so each letter is recorded and counted.
 */

export const RECIPIENT_NAME_MAX = 200;
export const THANK_YOU_NOTE_MAX = 1000;

export type ThankYouErrorCode =
  'THANK_YOU.RECIPIENT_NAME_REQUIRED' | 'THANK_YOU.NOTE_REQUIRED' | 'THANK_YOU.DOSSIER_OF_OTHER_UNIT';

const KINDS: Record<ThankYouErrorCode, RuleErrorKind> = {
  'THANK_YOU.RECIPIENT_NAME_REQUIRED': 'INVALID',
  'THANK_YOU.NOTE_REQUIRED': 'INVALID',
  'THANK_YOU.DOSSIER_OF_OTHER_UNIT': 'CONFLICT',
};

export class ThankYouRuleError extends RuleError<ThankYouErrorCode> {
  constructor(code: ThankYouErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(KINDS[code], code, message, details);
  }
}

/** What the letter thanks for, as the letter says it ("… trân trọng cảm ơn X đã …"). */
export const THANK_YOU_REASON_VI: Record<ThankYouReason, string> = {
  CONTRIBUTED_FEEDBACK:
    'đóng góp ý kiến, phản ánh giúp cơ quan nâng cao chất lượng giải quyết thủ tục hành chính',
  PROMPT_SUPPLEMENT: 'kịp thời bổ sung, hoàn thiện hồ sơ theo yêu cầu, giúp hồ sơ được giải quyết đúng hạn',
  VOLUNTEER: 'tình nguyện hỗ trợ, hướng dẫn người dân, tổ chức thực hiện thủ tục hành chính',
  OTHER: 'có những đóng góp cho hoạt động giải quyết thủ tục hành chính',
};

export interface IssueThankYouLetter {
  recipientKind: ThankYouRecipientKind;
  recipientName: string;
  reasonCode: ThankYouReason;
  note?: string | null;
}

export interface ThankYouLetterFacts {
  recipientKind: ThankYouRecipientKind;
  recipientName: string;
  reasonCode: ThankYouReason;
  note: string | null;
}

/**
 * The rules the request's shape cannot say: a recipient name that is not blank once trimmed, and a note
 * when the reason is OTHER (the catalogue then says nothing specific, so the officer must).
 */
export const decideThankYouLetter = (cmd: IssueThankYouLetter): ThankYouLetterFacts => {
  const recipientName = cmd.recipientName.trim().replace(/\s+/g, ' ');
  if (!recipientName)
    throw new ThankYouRuleError('THANK_YOU.RECIPIENT_NAME_REQUIRED', 'recipientName must not be blank', {
      field: 'recipientName',
    });
  const note = cmd.note?.trim() || null;
  if (cmd.reasonCode === 'OTHER' && !note)
    throw new ThankYouRuleError('THANK_YOU.NOTE_REQUIRED', 'note is required when reasonCode is OTHER', {
      field: 'note',
    });
  return { recipientKind: cmd.recipientKind, recipientName, reasonCode: cmd.reasonCode, note };
};
