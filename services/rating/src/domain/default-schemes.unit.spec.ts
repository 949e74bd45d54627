import { DEFAULT_CRITERIA } from './default-criteria';
import { BAC_GIANG_2023, DEFAULT_SCHEMES, DONG_NAI_2025 } from './default-schemes';
import { MetricValues, metricValues } from './metrics';
import { validateScheme } from './scheme';
import { computeScorecard } from './scorecard';
import { assessAll, someAggregates } from './testing/builders';

/** A commune that does everything right in the data. */
const exemplaryValues = (): MetricValues =>
  metricValues(
    someAggregates({
      dossiersFinished: 2695,
      early: 2530,
      onTime: 165,
      sameDayFinished: 300,
      sameDayOnTime: 300,
      homeServiceCount: 12,
      surveyResponses: 400,
      satisfiedByElement: {
        ACCESS: { satisfied: 396, valid: 400 },
        PROCEDURE: { satisfied: 390, valid: 400 },
        OFFICER: { satisfied: 398, valid: 400 },
        RESULT: { satisfied: 395, valid: 400 },
        FEEDBACK: { satisfied: 380, valid: 400 },
      },
      starCounts: [2, 3, 10, 60, 325],
      ticketsServed: 3000,
      waitSecondsSum: 3000 * 420,
      waitHistogram: [0, 0, 0, 0, 3000, 0, 0, 0, 0, 0, 0, 0, 0],
    }),
  );

describe('default schemes', () => {
  it.each(DEFAULT_SCHEMES.map((s) => [s.code, s] as const))('%s passes validateScheme', (_, scheme) => {
    expect(validateScheme(scheme)).toEqual([]);
  });

  it('has exactly 42 criteria in the three Bắc Giang groups, 100 points', () => {
    expect(DEFAULT_CRITERIA).toHaveLength(42);
    expect(new Set(DEFAULT_CRITERIA.map((c) => c.group))).toEqual(
      new Set(['FRIENDLY_OFFICIALS', 'FRIENDLY_OPERATIONS', 'FRIENDLY_WORKPLACE']),
    );
    expect(DEFAULT_CRITERIA.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(BAC_GIANG_2023.criteria).toHaveLength(42);
    expect(DONG_NAI_2025.criteria).toEqual(BAC_GIANG_2023.criteria);
  });

  it('computes what the data can measure', () => {
    const computed = Object.fromEntries(
      DEFAULT_CRITERIA.filter((c) => c.kind === 'COMPUTED').map((c) => [c.metric, c.code]),
    );
    expect(Object.keys(computed)).toEqual(
      expect.arrayContaining([
        'ON_TIME_RATE',
        'OPEN_OVERDUE_COUNT',
        'LATE_WITHOUT_APOLOGY_COUNT',
        'SAME_DAY_RATE',
        'SATISFACTION_RATE',
        'OFFICER_STAR_MEAN',
        'AVG_WAIT_MINUTES',
        'TICKETS_SERVED',
        'HOME_SERVICE_COUNT',
      ]),
    );
  });

  describe('when an exemplary commune is fully assessed', () => {
    const card = computeScorecard({
      scheme: BAC_GIANG_2023,
      metricValues: exemplaryValues(),
      assessments: assessAll(BAC_GIANG_2023),
    });

    it('scores 100 and earns ★★★★★ in Bắc Giang', () => {
      expect(card.criteria.filter((c) => c.points < c.maxPoints)).toEqual([]);
      expect(card).toMatchObject({ score: 100, stars: 5, provisional: false, nextStar: null });
      expect(card.groups).toEqual([
        { group: 'FRIENDLY_OFFICIALS', points: 35, maxPoints: 35 },
        { group: 'FRIENDLY_OPERATIONS', points: 40, maxPoints: 40 },
        { group: 'FRIENDLY_WORKPLACE', points: 25, maxPoints: 25 },
      ]);
    });

    it('earns ★★★★ (the top) in Đồng Nai with the same criteria', () => {
      const dongNai = computeScorecard({
        scheme: DONG_NAI_2025,
        metricValues: exemplaryValues(),
        assessments: assessAll(DONG_NAI_2025),
      });
      expect(dongNai).toMatchObject({ score: 100, stars: 4, nextStar: null });
    });
  });

  describe('when one dossier went late without an apology', () => {
    const values = { ...exemplaryValues(), LATE_WITHOUT_APOLOGY_COUNT: 1 };
    const card = computeScorecard({
      scheme: BAC_GIANG_2023,
      metricValues: values,
      assessments: assessAll(BAC_GIANG_2023),
    });

    it('loses the "biết xin lỗi" criterion and nothing else', () => {
      const lost = card.criteria.filter((c) => c.points < c.maxPoints);
      expect(lost).toEqual([
        expect.objectContaining({
          code: 'CB04',
          points: 0,
          how: expect.objectContaining({ explanation: '1 is not ≤ 0 → 0 points' }),
        }),
      ]);
      expect(card).toMatchObject({ score: 97, stars: 4 });
      expect(card.nextStar!.opportunities[0]).toMatchObject({ code: 'CB04', gainable: 3 });
    });
  });

  describe('when nothing is assessed yet', () => {
    it('is provisional and lists every assessed criterion as missing', () => {
      const card = computeScorecard({
        scheme: BAC_GIANG_2023,
        metricValues: exemplaryValues(),
        assessments: new Map(),
      });
      const assessedCount = BAC_GIANG_2023.criteria.filter((c) => c.kind === 'ASSESSED').length;
      expect(card).toMatchObject({ provisional: true, stars: null, provisionalStars: 0 });
      expect(card.missingAssessments).toHaveLength(assessedCount);
    });
  });
});
