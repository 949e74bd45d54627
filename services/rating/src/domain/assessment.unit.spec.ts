import { assertAssessable } from './assessment';
import { RatingRuleError } from './rating.errors';
import { aScheme } from './testing/builders';

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof RatingRuleError ? e.code : 'OTHER';
  }
};

describe('assertAssessable', () => {
  const scheme = aScheme();

  it('accepts points from 0 to the maximum with evidence', () => {
    expect(codeOf(() => assertAssessable(scheme, 'A1', { points: 0, evidence: 'ảnh chụp' }))).toBeUndefined();
    expect(
      codeOf(() => assertAssessable(scheme, 'A1', { points: 60, evidence: 'ảnh chụp' })),
    ).toBeUndefined();
  });

  it('refuses what the scheme does not allow', () => {
    expect(codeOf(() => assertAssessable(scheme, 'ZZ', { points: 1, evidence: 'x' }))).toBe(
      'ASSESSMENT.UNKNOWN_CRITERION',
    );
    expect(codeOf(() => assertAssessable(scheme, 'C1', { points: 1, evidence: 'x' }))).toBe(
      'ASSESSMENT.COMPUTED_CRITERION',
    );
    expect(codeOf(() => assertAssessable(scheme, 'A1', { points: 60.5, evidence: 'x' }))).toBe(
      'ASSESSMENT.POINTS_OUT_OF_RANGE',
    );
    expect(codeOf(() => assertAssessable(scheme, 'A1', { points: -1, evidence: 'x' }))).toBe(
      'ASSESSMENT.POINTS_OUT_OF_RANGE',
    );
    expect(codeOf(() => assertAssessable(scheme, 'A1', { points: 1, evidence: ' ' }))).toBe(
      'ASSESSMENT.EVIDENCE_REQUIRED',
    );
  });
});
