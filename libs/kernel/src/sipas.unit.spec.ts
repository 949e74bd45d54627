import fc from 'fast-check';
import { isSatisfied, satisfiedPercent, satisfiedShare, SIPAS_ELEMENTS } from './sipas';

describe('SIPAS', () => {
  it('has the five elements of the Ministry of Home Affairs index, in its order', () => {
    expect(SIPAS_ELEMENTS).toEqual(['ACCESS', 'PROCEDURE', 'OFFICER', 'RESULT', 'FEEDBACK']);
  });

  it.each([
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [5, true],
  ] as const)('counts level %p as satisfied: %p', (level, satisfied) => {
    expect(isSatisfied(level)).toBe(satisfied);
  });

  describe('the satisfied share', () => {
    it('is null when nothing was answered', () => {
      expect(satisfiedShare({ satisfied: 0, valid: 0 })).toBeNull();
      expect(satisfiedPercent({ satisfied: 0, valid: 0 })).toBeNull();
    });
    it('counts neutral answers in the denominator', () => {
      expect(satisfiedShare({ satisfied: 1, valid: 4 })).toBe(0.25);
      expect(satisfiedPercent({ satisfied: 1, valid: 4 })).toBe(25);
    });
    it('keeps exact percentages exact', () => {
      expect(satisfiedPercent({ satisfied: 7, valid: 100 })).toBe(7);
      expect(satisfiedPercent({ satisfied: 1, valid: 3 })).toBeCloseTo(33.333, 3);
    });
    it('lies in [0, 1] and agrees with the percentage', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), (valid, k) => {
          const c = { satisfied: k % (valid + 1), valid };
          const share = satisfiedShare(c)!;
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
          expect(satisfiedPercent(c)).toBeCloseTo(100 * share, 9);
        }),
      );
    });
  });
});
