import { RuleError, type RuleErrorKind } from '@fg/kernel';
import {
  ACTION_RULES,
  describeStatus,
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUS_LABEL_VI,
  type DossierAction,
  type DossierStatus,
} from './dossier-status';

/**
 * Stable codes for refused dossier commands, each with its one kind (rule refusals are conflicts, bad input
 * is invalid); the codes never change meaning once published.
 */
export type DossierErrorCode =
  | 'DOSSIER.INVALID_TRANSITION'
  | 'DOSSIER.INVALID_INPUT'
  | 'DOSSIER.REASON_REQUIRED'
  | 'DOSSIER.APOLOGY_ALREADY_ISSUED'
  | 'DOSSIER.APOLOGY_NOT_ALLOWED'
  | 'DOSSIER.APOLOGY_DATE_NOT_LATER'
  | 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME'
  | 'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED'
  | 'DOSSIER.CODE_SEQUENCE_EXHAUSTED';

const DOSSIER_ERROR_KINDS: Record<DossierErrorCode, RuleErrorKind> = {
  'DOSSIER.INVALID_TRANSITION': 'CONFLICT',
  'DOSSIER.APOLOGY_ALREADY_ISSUED': 'CONFLICT',
  'DOSSIER.APOLOGY_NOT_ALLOWED': 'CONFLICT',
  'DOSSIER.CODE_SEQUENCE_EXHAUSTED': 'CONFLICT',
  'DOSSIER.SUPPLEMENT_ALREADY_REQUESTED': 'CONFLICT',
  'DOSSIER.INVALID_INPUT': 'INVALID',
  'DOSSIER.REASON_REQUIRED': 'INVALID',
  'DOSSIER.APOLOGY_DATE_NOT_LATER': 'INVALID',
  'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME': 'INVALID',
};

export class DossierRuleError extends RuleError<DossierErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  /**
   * @param message English, for logs and problem+json `detail`.
   * @param messageVi Vietnamese, for officers and citizens.
   */
  constructor(
    code: DossierErrorCode,
    message: string,
    readonly messageVi: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(DOSSIER_ERROR_KINDS[code], code, message, details);
  }
}

export const isDossierRuleError = (e: unknown): e is DossierRuleError => e instanceof DossierRuleError;

/** `DOSSIER.INVALID_TRANSITION`, naming the current status, the action and the target status. */
export const invalidTransition = (current: DossierStatus, action: DossierAction): DossierRuleError => {
  const rule = ACTION_RULES[action];
  const targets = rule.to.map(describeStatus).join(' or ');
  const targetsVi = rule.to.map((s) => `"${DOSSIER_STATUS_LABEL_VI[s]}"`).join(' hoặc ');
  return new DossierRuleError(
    'DOSSIER.INVALID_TRANSITION',
    `Cannot ${action} a dossier in status ${describeStatus(current)}: ${targets} is reachable only from ` +
      `${rule.from.map(describeStatus).join(', ')}`,
    `Không thể ${rule.labelVi} hồ sơ đang ở trạng thái "${DOSSIER_STATUS_LABEL_VI[current]}" ` +
      `(${DOSSIER_STATUS_CODE[current]}): không được chuyển sang ${targetsVi}.`,
    {
      currentStatus: current,
      currentStatusCode: DOSSIER_STATUS_CODE[current],
      action,
      targetStatuses: rule.to,
      allowedFrom: rule.from,
    },
  );
};

export const reasonRequired = (action: string): DossierRuleError =>
  new DossierRuleError('DOSSIER.REASON_REQUIRED', `${action} needs a reason`, 'Cần nêu lý do.', { action });

export const invalidInput = (
  message: string,
  messageVi: string,
  details: Record<string, unknown> = {},
): DossierRuleError => new DossierRuleError('DOSSIER.INVALID_INPUT', message, messageVi, details);
