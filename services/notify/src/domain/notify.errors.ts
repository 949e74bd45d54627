import { RuleError, type RuleErrorKind } from '@fg/kernel';

/** Stable codes of refused notify actions, each with its one kind (STYLE.md §6). */
export type NotifyErrorCode =
  | 'TEMPLATE.INVALID'
  | 'TEMPLATE.NOT_FOUND'
  | 'SETTINGS.INVALID'
  | 'SUBSCRIPTION.INVALID_URL'
  | 'SUBSCRIPTION.NOT_FOUND'
  | 'MESSAGE.NOT_FOUND'
  | 'MESSAGE.NOT_DEAD_LETTERED'
  | 'OPT_OUT.INVALID_LINK';

const NOTIFY_ERROR_KINDS: Record<NotifyErrorCode, RuleErrorKind> = {
  'TEMPLATE.INVALID': 'INVALID',
  'TEMPLATE.NOT_FOUND': 'NOT_FOUND',
  'SETTINGS.INVALID': 'INVALID',
  'SUBSCRIPTION.INVALID_URL': 'INVALID',
  'SUBSCRIPTION.NOT_FOUND': 'NOT_FOUND',
  'MESSAGE.NOT_FOUND': 'NOT_FOUND',
  'MESSAGE.NOT_DEAD_LETTERED': 'CONFLICT',
  'OPT_OUT.INVALID_LINK': 'NOT_FOUND',
};

export class NotifyRuleError extends RuleError<NotifyErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  constructor(code: NotifyErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(NOTIFY_ERROR_KINDS[code], code, message, details);
  }
}
