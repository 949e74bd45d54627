import { RuleError, type RuleErrorKind } from '@fg/kernel';

export type RatingErrorCode =
  | 'ASSESSMENT.UNKNOWN_CRITERION'
  | 'ASSESSMENT.COMPUTED_CRITERION'
  | 'ASSESSMENT.POINTS_OUT_OF_RANGE'
  | 'ASSESSMENT.EVIDENCE_REQUIRED';

/** An unknown criterion is not found; every other refused assessment is invalid input. */
const RATING_ERROR_KINDS: Record<RatingErrorCode, RuleErrorKind> = {
  'ASSESSMENT.UNKNOWN_CRITERION': 'NOT_FOUND',
  'ASSESSMENT.COMPUTED_CRITERION': 'INVALID',
  'ASSESSMENT.POINTS_OUT_OF_RANGE': 'INVALID',
  'ASSESSMENT.EVIDENCE_REQUIRED': 'INVALID',
};

/** A broken business rule, with a stable code and its kind of refusal. */
export class RatingRuleError extends RuleError<RatingErrorCode> {
  constructor(code: RatingErrorCode, message: string = code) {
    super(RATING_ERROR_KINDS[code], code, message);
  }
}
