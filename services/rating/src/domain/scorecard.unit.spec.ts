import fc from 'fast-check';
import { Assessment } from './assessment';
import { BAC_GIANG_2023, BAC_GIANG_THRESHOLDS, DONG_NAI_2025 } from './default-schemes';
import { Scheme } from './scheme';
import { computeScorecard, computeStanding } from './scorecard';
import { aCriterion, anAssessment, aScheme } from './testing/builders';

const assessed = (points: number) => new Map([['A1', anAssessment({ points })]]);

describe('computeScorecard', () => {
  describe('when every criterion has a value', () => {
    const card = computeScorecard({
      scheme: aScheme(),
      metricValues: { ON_TIME_RATE: 94 },
      assessments: assessed(50),
    });

    it('scores each criterion and says how', () => {
      expect(card.criteria).toEqual([
        {
          code: 'A1',
          group: 'FRIENDLY_OFFICIALS',
          title: 'Biết lắng nghe',
          kind: 'ASSESSED',
          bonus: false,
          points: 50,
          maxPoints: 60,
          how: {
            kind: 'ASSESSMENT',
            evidence: 'Biên bản kiểm tra ngày 15/11',
            by: 'assessor-1',
            at: '2023-11-15T09:00:00+07:00',
          },
        },
        {
          code: 'C1',
          group: 'FRIENDLY_OPERATIONS',
          title: 'Tỷ lệ đúng hạn',
          kind: 'COMPUTED',
          bonus: false,
          points: 20,
          maxPoints: 40,
          how: {
            kind: 'METRIC',
            metric: 'ON_TIME_RATE',
            value: 94,
            rule: { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 40 } },
            explanation: '94 on the line from 90 (0 points) to 98 (40 points) → 20 points',
          },
        },
      ]);
    });

    it('totals per group and overall', () => {
      expect(card.groups).toEqual([
        { group: 'FRIENDLY_OFFICIALS', points: 50, maxPoints: 60 },
        { group: 'FRIENDLY_OPERATIONS', points: 20, maxPoints: 40 },
      ]);
      expect(card.score).toBe(70);
      expect(card.totalPoints).toBe(100);
    });

    it('is final and awards the level of the score', () => {
      expect(card).toMatchObject({
        provisional: false,
        stars: 0,
        provisionalStars: 0,
        missingAssessments: [],
      });
    });
  });

  describe('thresholds through the whole scorecard (Bắc Giang)', () => {
    const scheme = aScheme({
      thresholds: [...BAC_GIANG_THRESHOLDS],
      criteria: [aCriterion({ code: 'A1', maxPoints: 100 })],
    });

    it.each([
      [79.99, 0],
      [80, 1],
      [84.99, 1],
      [85, 2],
      [99.99, 4],
      [100, 5],
    ])('%s points give %s stars', (points, stars) => {
      const card = computeScorecard({ scheme, metricValues: {}, assessments: assessed(points) });
      expect(card.score).toBe(points);
      expect(card.stars).toBe(stars);
    });

    it('rounds a sum of fractional points before deciding', () => {
      const tenths = aScheme({
        thresholds: [...BAC_GIANG_THRESHOLDS],
        criteria: Array.from({ length: 1000 }, (_, i) => aCriterion({ code: `T${i}`, maxPoints: 0.1 })),
      });
      const assessments = new Map(
        tenths.criteria.map((c, i) => [c.code, anAssessment({ points: i < 800 ? 0.1 : 0 })]),
      );
      const card = computeScorecard({ scheme: tenths, metricValues: {}, assessments });
      expect(card.score).toBe(80);
      expect(card.stars).toBe(1);
    });
  });

  describe('when an assessed criterion is not assessed yet', () => {
    const card = computeScorecard({
      scheme: aScheme(),
      metricValues: { ON_TIME_RATE: 100 },
      assessments: new Map(),
    });

    it('is provisional: no stars awarded, but the level the score would give is shown', () => {
      expect(card).toMatchObject({
        provisional: true,
        stars: null,
        provisionalStars: 0,
        missingAssessments: ['A1'],
      });
      expect(card.criteria[0]).toMatchObject({ points: 0, how: { kind: 'MISSING' } });
    });

    it('becomes final once the assessment is entered', () => {
      const final = computeScorecard({
        scheme: aScheme(),
        metricValues: { ON_TIME_RATE: 100 },
        assessments: assessed(45),
      });
      expect(final).toMatchObject({ provisional: false, score: 85, stars: 1, provisionalStars: 1 });
    });

    it('shows provisionalStars above 0 when the partial score already reaches a level', () => {
      const scheme = aScheme();
      scheme.criteria.push(aCriterion({ code: 'A2', maxPoints: 5, bonus: true }));
      const partial = computeScorecard({
        scheme,
        metricValues: { ON_TIME_RATE: 100 },
        assessments: assessed(50),
      });
      expect(partial).toMatchObject({ provisional: true, stars: null, score: 90, provisionalStars: 2 });
    });
  });

  describe('when a metric has no data', () => {
    it('gives 0 points and explains why', () => {
      const card = computeScorecard({
        scheme: aScheme(),
        metricValues: { ON_TIME_RATE: null },
        assessments: assessed(60),
      });
      expect(card.criteria[1]).toMatchObject({
        points: 0,
        how: { kind: 'METRIC', value: null, explanation: 'no data' },
      });
    });

    it('treats an absent metric like null', () => {
      const card = computeScorecard({ scheme: aScheme(), metricValues: {}, assessments: assessed(60) });
      expect(card.criteria[1].how).toMatchObject({ kind: 'METRIC', value: null });
    });
  });

  describe('bonus criteria', () => {
    it('may lift the score above totalPoints', () => {
      const scheme = aScheme({ thresholds: [...BAC_GIANG_THRESHOLDS] });
      scheme.criteria.push(aCriterion({ code: 'B1', maxPoints: 5, bonus: true }));
      const assessments = new Map([
        ['A1', anAssessment({ points: 60 })],
        ['B1', anAssessment({ points: 3 })],
      ]);
      const card = computeScorecard({ scheme, metricValues: { ON_TIME_RATE: 99 }, assessments });
      expect(card.score).toBe(103);
      expect(card.stars).toBe(5);
      expect(card.groups).toEqual([
        { group: 'FRIENDLY_OFFICIALS', points: 63, maxPoints: 60 },
        { group: 'FRIENDLY_OPERATIONS', points: 40, maxPoints: 40 },
      ]);
    });
  });

  describe('assessments the scheme does not allow', () => {
    it('caps points at the criterion maximum and ignores assessments of computed criteria', () => {
      const assessments = new Map([
        ['A1', anAssessment({ points: 75 })],
        ['C1', anAssessment({ points: 40 })],
      ]);
      const card = computeScorecard({ scheme: aScheme(), metricValues: { ON_TIME_RATE: 90 }, assessments });
      expect(card.criteria.map((c) => c.points)).toEqual([60, 0]);
      expect(card.score).toBe(60);
    });

    it('keeps the assessor’s note', () => {
      const assessments = new Map([['A1', anAssessment({ points: 10, note: 'Thiếu bảng tên' })]]);
      const card = computeScorecard({ scheme: aScheme(), metricValues: {}, assessments });
      expect(card.criteria[0].how).toMatchObject({ kind: 'ASSESSMENT', note: 'Thiếu bảng tên' });
    });
  });

  describe('next star', () => {
    const scheme = aScheme({
      thresholds: [...BAC_GIANG_THRESHOLDS],
      criteria: [
        aCriterion({ code: 'K1', title: 'Một', maxPoints: 10 }),
        aCriterion({ code: 'K2', title: 'Hai', maxPoints: 20 }),
        aCriterion({ code: 'K3', title: 'Ba', maxPoints: 10 }),
        aCriterion({ code: 'K4', title: 'Bốn', maxPoints: 15 }),
        aCriterion({ code: 'K5', title: 'Năm', maxPoints: 15 }),
        aCriterion({ code: 'K6', title: 'Sáu', maxPoints: 15 }),
        aCriterion({ code: 'K7', title: 'Bảy', maxPoints: 15 }),
      ],
    });
    const given: Record<string, number> = { K1: 10, K2: 14, K3: 6, K4: 12, K5: 14, K6: 12.5, K7: 13 };
    const card = computeScorecard({
      scheme,
      metricValues: {},
      assessments: new Map(Object.entries(given).map(([code, points]) => [code, anAssessment({ points })])),
    });

    it('says which level is next and how many points are missing', () => {
      expect(card.score).toBe(81.5);
      expect(card.stars).toBe(1);
      expect(card.nextStar).toMatchObject({ stars: 2, minScore: 85, pointsNeeded: 3.5 });
    });

    it('lists the five criteria with the most points still to gain, most first, ties in scheme order', () => {
      expect(card.nextStar!.opportunities).toEqual([
        { code: 'K2', title: 'Hai', kind: 'ASSESSED', gainable: 6 },
        { code: 'K3', title: 'Ba', kind: 'ASSESSED', gainable: 4 },
        { code: 'K4', title: 'Bốn', kind: 'ASSESSED', gainable: 3 },
        { code: 'K6', title: 'Sáu', kind: 'ASSESSED', gainable: 2.5 },
        { code: 'K7', title: 'Bảy', kind: 'ASSESSED', gainable: 2 },
      ]);
    });

    it('is null at the top level', () => {
      const top = computeScorecard({
        scheme,
        metricValues: {},
        assessments: new Map(scheme.criteria.map((c) => [c.code, anAssessment({ points: c.maxPoints })])),
      });
      expect(top).toMatchObject({ score: 100, stars: 5, nextStar: null });
    });
  });
});

describe('computeStanding', () => {
  const withBonus = (): Scheme => {
    const scheme = aScheme({ thresholds: [...BAC_GIANG_THRESHOLDS] });
    scheme.criteria.push(aCriterion({ code: 'B1', maxPoints: 5, bonus: true }));
    scheme.criteria.push(aCriterion({ code: 'B2', maxPoints: 2.5, bonus: true, kind: 'COMPUTED' })); // no rule
    return scheme;
  };
  const schemes = [BAC_GIANG_2023, DONG_NAI_2025, aScheme(), withBonus()];
  /** A scheme, a value (or null, or nothing) for some of its metrics, an assessment (any points) for some criteria. */
  const inputs = fc
    .integer({ min: 0, max: schemes.length - 1 })
    .chain((i) => {
      const scheme = schemes[i];
      const metrics = [...new Set(scheme.criteria.flatMap((c) => (c.metric ? [c.metric] : [])))];
      return fc.record({
        scheme: fc.constant(scheme),
        values: fc.tuple(
          ...metrics.map((m) =>
            fc.option(
              fc.tuple(
                fc.constant(m),
                fc.option(fc.double({ min: -50, max: 500, noNaN: true }), { nil: null }),
              ),
              { nil: undefined },
            ),
          ),
        ),
        points: fc.tuple(
          ...scheme.criteria.map((c) =>
            fc.option(
              fc.tuple(fc.constant(c.code), fc.double({ min: -10, max: c.maxPoints + 10, noNaN: true })),
              {
                nil: undefined,
              },
            ),
          ),
        ),
      });
    })
    .map(({ scheme, values, points }) => ({
      scheme,
      metricValues: Object.fromEntries(values.filter((v) => v !== undefined)),
      assessments: new Map<string, Assessment>(
        points.filter((p) => p !== undefined).map(([code, pts]) => [code, anAssessment({ points: pts })]),
      ),
    }));

  it("gives exactly computeScorecard's score, level and provisional flag, on random inputs", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const card = computeScorecard(input);
        expect(computeStanding(input)).toStrictEqual({
          schemeCode: card.schemeCode,
          score: card.score,
          stars: card.stars,
          provisional: card.provisional,
          provisionalStars: card.provisionalStars,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('adds bonus points above totalPoints, and an ASSESSED bonus criterion without assessment keeps it provisional', () => {
    const scheme = withBonus();
    const assessments = new Map([
      ['A1', anAssessment({ points: 60 })],
      ['B1', anAssessment({ points: 3 })],
    ]);
    expect(computeStanding({ scheme, metricValues: { ON_TIME_RATE: 99 }, assessments })).toEqual({
      schemeCode: 'TEST',
      score: 103,
      stars: 5,
      provisional: false,
      provisionalStars: 5,
    });
    assessments.delete('B1');
    expect(computeStanding({ scheme, metricValues: { ON_TIME_RATE: 99 }, assessments })).toMatchObject({
      score: 100,
      stars: null,
      provisional: true,
    });
  });
});
