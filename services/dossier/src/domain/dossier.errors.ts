import {
  ACTION_RULES,
  describeStatus,
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUS_LABEL_VI,
  type DossierAction,
  type DossierStatus,
} from './dossier-status';

/**
 * Stable codes for refused dossier commands. The API maps each code once (409 for rule refusals,
 * 400 for invalid input); the codes never change meaning once published.
 */
export type DossierErrorCode =
  | 'DOSSIER.INVALID_TRANSITION'
  | 'DOSSIER.INVALID_INPUT'
  | 'DOSSIER.REASON_REQUIRED'
  | 'DOSSIER.APOLOGY_ALREADY_ISSUED'
  | 'DOSSIER.APOLOGY_NOT_ALLOWED'
  | 'DOSSIER.APOLOGY_DATE_NOT_LATER'
  | 'DOSSIER.APOLOGY_DATE_NOT_WORKING_TIME'
  | 'DOSSIER.CODE_SEQUENCE_EXHAUSTED';

export class DossierRuleError extends Error {
  override readonly name = 'DossierRuleError';

  /**
   * @param message English, for logs and problem+json `detail`.
   * @param messageVi Vietnamese, for officers and citizens.
   */
  constructor(
    readonly code: DossierErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
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
