export type RatingErrorCode =
  | 'ASSESSMENT.UNKNOWN_CRITERION'
  | 'ASSESSMENT.COMPUTED_CRITERION'
  | 'ASSESSMENT.POINTS_OUT_OF_RANGE'
  | 'ASSESSMENT.EVIDENCE_REQUIRED';

/** A broken business rule, with a stable code that the API maps to a 400 problem. */
export class RatingRuleError extends Error {
  constructor(
    readonly code: RatingErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'RatingRuleError';
  }
}
