import { Scheme, validateScheme } from './scheme';
import { aCriterion, aScheme } from './testing/builders';

describe('validateScheme', () => {
  it('accepts a valid scheme', () => {
    expect(validateScheme(aScheme())).toEqual([]);
  });

  it('defaults totalPoints to 100', () => {
    expect(validateScheme(aScheme({ totalPoints: undefined }))).toEqual([]);
  });

  describe('when two criteria share a code', () => {
    it('names the duplicate and the first one', () => {
      const scheme = aScheme();
      scheme.criteria.push(aCriterion({ code: 'A1', maxPoints: 1, bonus: true }));
      expect(validateScheme(scheme)).toEqual(['criteria[2].code: duplicate code "A1" (also criteria[0])']);
    });
  });

  describe('when the points do not add up to the total', () => {
    it('reports the sum and the expected total', () => {
      const scheme = aScheme({
        criteria: [aCriterion({ code: 'A1', maxPoints: 59.5 }), aCriterion({ code: 'A2', maxPoints: 40 })],
      });
      expect(validateScheme(scheme)).toEqual([
        'criteria: non-bonus maxPoints add up to 99.5, expected totalPoints 100',
      ]);
    });

    it('leaves bonus criteria out of the sum', () => {
      const scheme = aScheme();
      scheme.criteria.push(aCriterion({ code: 'B1', maxPoints: 5, bonus: true }));
      expect(validateScheme(scheme)).toEqual([]);
    });

    it('is not fooled by floating point', () => {
      const tenths = Array.from({ length: 10 }, (_, i) => aCriterion({ code: `T${i}`, maxPoints: 0.1 }));
      expect(
        validateScheme(
          aScheme({ totalPoints: 1, thresholds: [{ stars: 1, minScore: 1 }], criteria: tenths }),
        ),
      ).toEqual([]);
    });
  });

  describe('when thresholds are not strictly increasing', () => {
    it('reports equal minScores and decreasing stars', () => {
      const scheme = aScheme({
        thresholds: [
          { stars: 1, minScore: 80 },
          { stars: 2, minScore: 80 },
          { stars: 1, minScore: 90 },
        ],
      });
      expect(validateScheme(scheme)).toEqual([
        'thresholds[1].minScore: 80 is not greater than thresholds[0].minScore 80',
        'thresholds[2].stars: 1 is not greater than thresholds[1].stars 2',
      ]);
    });

    it('refuses a minScore above the total and stars outside 1–5', () => {
      const scheme = aScheme({ thresholds: [{ stars: 6, minScore: 101 }] });
      expect(validateScheme(scheme)).toEqual([
        'thresholds[0].stars: must be an integer from 1 to 5',
        'thresholds[0].minScore: 101 is above totalPoints 100',
      ]);
    });

    it('needs at least one threshold', () => {
      expect(validateScheme(aScheme({ thresholds: [] }))).toEqual([
        'thresholds: must list at least one star level',
      ]);
    });
  });

  describe('when a COMPUTED criterion is incomplete', () => {
    const withSecond = (overrides: object): Scheme => {
      const scheme = aScheme();
      scheme.criteria[1] = { ...scheme.criteria[1], ...overrides };
      return scheme;
    };

    it('reports an unknown metric', () => {
      expect(validateScheme(withSecond({ metric: 'foo' }))).toEqual([
        'criteria[1].metric: unknown metric "foo"',
      ]);
    });

    it('reports a missing metric', () => {
      expect(validateScheme(withSecond({ metric: undefined }))).toEqual([
        'criteria[1].metric: a COMPUTED criterion needs a metric',
      ]);
    });

    it('reports a missing rule', () => {
      expect(validateScheme(withSecond({ rule: undefined }))).toEqual([
        'criteria[1].rule: a COMPUTED criterion needs a rule',
      ]);
    });

    it('reports an invalid rule with its inner path', () => {
      expect(
        validateScheme(withSecond({ rule: { type: 'BOOLEAN', when: 'GT', value: 1, points: 1 } })),
      ).toEqual(['criteria[1].rule.when: must be GTE, LTE or EQ (got "GT")']);
    });

    it('reports a rule that can give more than the criterion is worth', () => {
      expect(
        validateScheme(withSecond({ rule: { type: 'BOOLEAN', when: 'GTE', value: 98, points: 41 } })),
      ).toEqual(['criteria[1].rule: can award 41 points, more than maxPoints 40']);
    });
  });

  describe('when an ASSESSED criterion carries a metric or a rule', () => {
    it('reports both', () => {
      const scheme = aScheme();
      scheme.criteria[0] = {
        ...scheme.criteria[0],
        metric: 'ON_TIME_RATE',
        rule: { type: 'BOOLEAN', when: 'EQ', value: 1, points: 1 },
      };
      expect(validateScheme(scheme)).toEqual([
        'criteria[0].metric: an ASSESSED criterion takes no metric',
        'criteria[0].rule: an ASSESSED criterion takes no rule',
      ]);
    });
  });

  it('reports malformed fields without throwing', () => {
    const scheme = {
      code: '',
      name: 'x',
      thresholds: [{ stars: 1, minScore: 80 }],
      criteria: [null, { code: 'A', group: 'G', title: '', maxPoints: 0, kind: 'MANUAL' }],
    } as unknown as Scheme;
    expect(validateScheme(scheme)).toEqual([
      'code: must be a non-empty string',
      'criteria[0]: must be an object',
      'criteria[1].title: must be a non-empty string',
      'criteria[1].maxPoints: must be a number > 0',
      'criteria[1].kind: must be COMPUTED or ASSESSED (got "MANUAL")',
      'criteria: non-bonus maxPoints add up to 0, expected totalPoints 100',
    ]);
  });
});
