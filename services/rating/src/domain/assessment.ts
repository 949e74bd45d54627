import { RatingRuleError } from './rating.errors';
import { findCriterion, Scheme } from './scheme';

/** An assessor's points for an ASSESSED criterion of one unit and year. */
export interface Assessment {
  points: number;
  /** What the assessor saw: a document reference, a photo link, a site-visit record. */
  evidence: string;
  note?: string;
  /** Who entered it (user id). */
  by: string;
  /** When it was entered (ISO 8601). */
  at: string;
}

/**
 * Refuses an assessment that the scheme does not allow: unknown criterion, a COMPUTED criterion
 * (its points come from data), points outside 0…maxPoints, or no evidence.
 */
export const assertAssessable = (
  scheme: Scheme,
  criterionCode: string,
  input: { points: number; evidence: string },
): void => {
  const criterion = findCriterion(scheme, criterionCode);
  if (!criterion) {
    throw new RatingRuleError(
      'ASSESSMENT.UNKNOWN_CRITERION',
      `scheme ${scheme.code} has no criterion ${criterionCode}`,
    );
  }
  if (criterion.kind !== 'ASSESSED') {
    throw new RatingRuleError(
      'ASSESSMENT.COMPUTED_CRITERION',
      `criterion ${criterionCode} is computed from data`,
    );
  }
  if (!Number.isFinite(input.points) || input.points < 0 || input.points > criterion.maxPoints) {
    throw new RatingRuleError(
      'ASSESSMENT.POINTS_OUT_OF_RANGE',
      `points must be between 0 and ${criterion.maxPoints} for criterion ${criterionCode}`,
    );
  }
  if (typeof input.evidence !== 'string' || input.evidence.trim() === '') {
    throw new RatingRuleError('ASSESSMENT.EVIDENCE_REQUIRED', `criterion ${criterionCode} needs evidence`);
  }
};
