import { RuleError, type RuleErrorKind } from '@fg/kernel';

/**
 * Stable codes for refused survey actions, each with its one kind (an invalid questionnaire is invalid, a rule
 * refusal such as editing a frozen version a conflict); the codes never change meaning once published.
 * Expected outcomes that are not errors (an expired or used invitation) are literal unions, not throws.
 */
export type SurveyErrorCode =
  | 'QUESTIONNAIRE.INVALID'
  | 'QUESTIONNAIRE.FROZEN'
  | 'QUESTIONNAIRE.RETIRED'
  | 'QUESTIONNAIRE.NOT_PUBLISHED'
  | 'QUESTIONNAIRE.ALREADY_DRAFT';

const SURVEY_ERROR_KINDS: Record<SurveyErrorCode, RuleErrorKind> = {
  'QUESTIONNAIRE.INVALID': 'INVALID',
  'QUESTIONNAIRE.FROZEN': 'CONFLICT',
  'QUESTIONNAIRE.RETIRED': 'CONFLICT',
  'QUESTIONNAIRE.NOT_PUBLISHED': 'CONFLICT',
  'QUESTIONNAIRE.ALREADY_DRAFT': 'CONFLICT',
};

export class SurveyRuleError extends RuleError<SurveyErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  constructor(code: SurveyErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(SURVEY_ERROR_KINDS[code], code, message, details);
  }
}

export const isSurveyRuleError = (e: unknown): e is SurveyRuleError => e instanceof SurveyRuleError;
