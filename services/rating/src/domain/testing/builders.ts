import { Assessment } from '../assessment';
import { Criterion, Scheme } from '../scheme';
import { emptyAggregates, UnitAggregates } from '../unit-aggregates';

export const someAggregates = (overrides: Partial<UnitAggregates> = {}): UnitAggregates => ({
  ...emptyAggregates(),
  ...overrides,
});

export const aCriterion = (overrides: Partial<Criterion> = {}): Criterion => ({
  code: 'C1',
  group: 'FRIENDLY_OFFICIALS',
  title: 'Biết lắng nghe',
  maxPoints: 50,
  kind: 'ASSESSED',
  ...overrides,
});

/** A valid two-criterion scheme: one ASSESSED (A1, 60 points), one COMPUTED on the on-time rate (C1, 40). */
export const aScheme = (overrides: Partial<Scheme> = {}): Scheme => ({
  code: 'TEST',
  name: 'Test scheme',
  totalPoints: 100,
  thresholds: [
    { stars: 1, minScore: 80 },
    { stars: 2, minScore: 90 },
  ],
  criteria: [
    aCriterion({ code: 'A1', maxPoints: 60 }),
    aCriterion({
      code: 'C1',
      group: 'FRIENDLY_OPERATIONS',
      title: 'Tỷ lệ đúng hạn',
      maxPoints: 40,
      kind: 'COMPUTED',
      metric: 'ON_TIME_RATE',
      rule: { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 40 } },
    }),
  ],
  ...overrides,
});

export const anAssessment = (overrides: Partial<Assessment> = {}): Assessment => ({
  points: 0,
  evidence: 'Biên bản kiểm tra ngày 15/11',
  by: 'assessor-1',
  at: '2023-11-15T09:00:00+07:00',
  ...overrides,
});

/** Assessments giving every ASSESSED criterion of the scheme `pointsFor(criterion)` (full points by default). */
export const assessAll = (
  scheme: Scheme,
  pointsFor: (c: Criterion) => number = (c) => c.maxPoints,
): Map<string, Assessment> =>
  new Map(
    scheme.criteria
      .filter((c) => c.kind === 'ASSESSED')
      .map((c) => [c.code, anAssessment({ points: pointsFor(c) })] as const),
  );
