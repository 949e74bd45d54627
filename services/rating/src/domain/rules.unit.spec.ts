import fc from 'fast-check';
import { applyRule, maxRulePoints, Rule, validateRule } from './rules';

describe('rules', () => {
  describe('when the metric has no data', () => {
    it.each<Rule>([
      { type: 'THRESHOLDS', steps: [{ points: 5 }] },
      { type: 'LINEAR', from: { value: 0, points: 5 }, to: { value: 10, points: 0 } },
      { type: 'BOOLEAN', when: 'LTE', value: 0, points: 3 },
    ])('gives 0 points and says "no data" (%j)', (rule) => {
      expect(applyRule(rule, null)).toEqual({ points: 0, explanation: 'no data' });
    });
  });

  describe('THRESHOLDS', () => {
    const sameDay: Rule = {
      type: 'THRESHOLDS',
      steps: [
        { min: 95, points: 3 },
        { min: 80, points: 2 },
        { min: 50, max: 80, points: 1 },
      ],
    };

    it('takes the first matching step', () => {
      expect(applyRule(sameDay, 96).points).toBe(3);
      expect(applyRule(sameDay, 95).points).toBe(3);
      expect(applyRule(sameDay, 80).points).toBe(2); // also matches the third step, first one wins
      expect(applyRule(sameDay, 50).points).toBe(1);
    });

    it('gives 0 when no step matches and says so', () => {
      expect(applyRule(sameDay, 49.9)).toEqual({ points: 0, explanation: '49.9 matches no step → 0 points' });
    });

    it('explains the step it used', () => {
      expect(applyRule(sameDay, 96.456).explanation).toBe('96.46 is ≥ 95 → 3 points');
      expect(applyRule(sameDay, 60).explanation).toBe('60 is 50–80 → 1 point');
    });

    it('treats max as inclusive', () => {
      const wait: Rule = {
        type: 'THRESHOLDS',
        steps: [
          { max: 15, points: 3 },
          { max: 30, points: 1 },
        ],
      };
      expect(applyRule(wait, 15).points).toBe(3);
      expect(applyRule(wait, 15.01).points).toBe(1);
    });
  });

  describe('LINEAR', () => {
    const onTime: Rule = { type: 'LINEAR', from: { value: 90, points: 0 }, to: { value: 98, points: 5 } };
    const wait: Rule = { type: 'LINEAR', from: { value: 15, points: 3 }, to: { value: 45, points: 0 } };

    it('interpolates between the anchors', () => {
      expect(applyRule(onTime, 94).points).toBe(2.5);
      expect(applyRule(wait, 30).points).toBe(1.5);
    });

    it('clamps outside the anchors', () => {
      expect(applyRule(onTime, 100).points).toBe(5);
      expect(applyRule(onTime, 50).points).toBe(0);
      expect(applyRule(wait, 5).points).toBe(3);
      expect(applyRule(wait, 120).points).toBe(0);
    });

    it('rounds to 2 decimals and explains the line', () => {
      expect(applyRule(onTime, 93)).toEqual({
        points: 1.88,
        explanation: '93 on the line from 90 (0 points) to 98 (5 points) → 1.88 points',
      });
    });

    it('never leaves the anchors’ range of points', () => {
      fc.assert(
        fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
          const { points } = applyRule(onTime, v);
          return points >= 0 && points <= 5;
        }),
      );
    });
  });

  describe('BOOLEAN', () => {
    it('gives the points when the comparison holds', () => {
      const noLate: Rule = { type: 'BOOLEAN', when: 'LTE', value: 0, points: 3 };
      expect(applyRule(noLate, 0)).toEqual({ points: 3, explanation: '0 is ≤ 0 → 3 points' });
      expect(applyRule(noLate, 2)).toEqual({ points: 0, explanation: '2 is not ≤ 0 → 0 points' });
    });

    it('supports GTE and EQ', () => {
      expect(applyRule({ type: 'BOOLEAN', when: 'GTE', value: 1, points: 2 }, 750).points).toBe(2);
      expect(applyRule({ type: 'BOOLEAN', when: 'GTE', value: 1, points: 2 }, 0).points).toBe(0);
      expect(applyRule({ type: 'BOOLEAN', when: 'EQ', value: 100, points: 4 }, 100).points).toBe(4);
      expect(applyRule({ type: 'BOOLEAN', when: 'EQ', value: 100, points: 4 }, 99.99).points).toBe(0);
    });
  });

  describe('maxRulePoints', () => {
    it('is the best a rule can give', () => {
      expect(maxRulePoints({ type: 'THRESHOLDS', steps: [{ min: 1, points: 2 }, { points: 7 }] })).toBe(7);
      expect(
        maxRulePoints({ type: 'LINEAR', from: { value: 15, points: 3 }, to: { value: 45, points: 0 } }),
      ).toBe(3);
      expect(maxRulePoints({ type: 'BOOLEAN', when: 'EQ', value: 0, points: 4 })).toBe(4);
    });
  });

  describe('validateRule', () => {
    it('accepts valid rules', () => {
      expect(validateRule({ type: 'THRESHOLDS', steps: [{ min: 1, max: 2, points: 1 }] })).toEqual([]);
      expect(
        validateRule({ type: 'LINEAR', from: { value: 1, points: 0 }, to: { value: 2, points: 1 } }),
      ).toEqual([]);
      expect(validateRule({ type: 'BOOLEAN', when: 'GTE', value: 1, points: 1 })).toEqual([]);
    });

    it('names the field of each problem', () => {
      expect(validateRule({ type: 'PERCENT' }, 'criteria[2].rule')).toEqual([
        'criteria[2].rule.type: unknown rule type "PERCENT" (expected THRESHOLDS, LINEAR or BOOLEAN)',
      ]);
      expect(validateRule({ type: 'THRESHOLDS', steps: [] })).toEqual([
        'rule.steps: must be a non-empty list',
      ]);
      expect(validateRule({ type: 'THRESHOLDS', steps: [{ min: 5, max: 1, points: -1 }] })).toEqual([
        'rule.steps[0].points: must be a finite number ≥ 0',
        'rule.steps[0]: min 5 is greater than max 1',
      ]);
      expect(
        validateRule({ type: 'LINEAR', from: { value: 1, points: 0 }, to: { value: 1, points: 1 } }),
      ).toEqual(['rule.to.value: must differ from from.value (1)']);
      expect(validateRule({ type: 'BOOLEAN', when: 'toString', value: 'x', points: 1 })).toEqual([
        'rule.when: must be GTE, LTE or EQ (got "toString")',
        'rule.value: must be a finite number',
      ]);
      expect(validateRule(null)).toEqual(['rule: must be an object']);
    });
  });
});
