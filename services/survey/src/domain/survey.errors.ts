/**
 * Stable codes for refused survey actions. The API maps each code once (400 for an invalid questionnaire,
 * 409 for a rule refusal such as editing a frozen version); the codes never change meaning once published.
 * Expected outcomes that are not errors (an expired or used invitation) are literal unions, not throws.
 */
export type SurveyErrorCode =
  | 'QUESTIONNAIRE.INVALID'
  | 'QUESTIONNAIRE.FROZEN'
  | 'QUESTIONNAIRE.RETIRED'
  | 'QUESTIONNAIRE.NOT_PUBLISHED'
  | 'QUESTIONNAIRE.ALREADY_DRAFT';

export class SurveyRuleError extends Error {
  override readonly name = 'SurveyRuleError';

  constructor(
    readonly code: SurveyErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isSurveyRuleError = (e: unknown): e is SurveyRuleError => e instanceof SurveyRuleError;
