import fc from 'fast-check';
import {
  isSatisfied,
  type SatisfactionCount,
  type SatisfactionLevel,
  satisfiedPercent,
  satisfiedShare,
  SIPAS_ELEMENTS,
  type SipasElement,
  type SipasElementCounts,
  sipasIndexPercent,
} from './sipas';

/** Per-element counts of a list of answers, as the survey service and the rating service fold them. */
const countAnswers = (
  answers: readonly (readonly [SipasElement, SatisfactionLevel])[],
): SipasElementCounts => {
  const counts: Partial<Record<SipasElement, SatisfactionCount>> = {};
  for (const [element, level] of answers) {
    const c = counts[element] ?? { satisfied: 0, valid: 0 };
    counts[element] = { satisfied: c.satisfied + (isSatisfied(level) ? 1 : 0), valid: c.valid + 1 };
  }
  return counts;
};
const anAnswer = fc.tuple(
  fc.constantFrom(...SIPAS_ELEMENTS),
  fc.constantFrom<SatisfactionLevel>(1, 2, 3, 4, 5),
);

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

  describe('the SIPAS index', () => {
    it('is null when no element was answered', () => {
      expect(sipasIndexPercent({})).toBeNull();
      expect(sipasIndexPercent({ ACCESS: { satisfied: 0, valid: 0 } })).toBeNull();
    });
    it('is the mean of the element rates, each element weighing the same', () => {
      // ACCESS 1 of 2 (50 %), PROCEDURE 9 of 10 (90 %): the index is 70, where pooling the 12 answers gives 83.3.
      const counts = { ACCESS: { satisfied: 1, valid: 2 }, PROCEDURE: { satisfied: 9, valid: 10 } };
      expect(sipasIndexPercent(counts)).toBe(70);
      expect(satisfiedPercent({ satisfied: 10, valid: 12 })).toBeCloseTo(83.333, 3);
    });
    it('leaves out elements nobody answered instead of counting them as 0 %', () => {
      expect(
        sipasIndexPercent({
          ACCESS: { satisfied: 3, valid: 4 },
          OFFICER: { satisfied: 1, valid: 4 },
          FEEDBACK: { satisfied: 0, valid: 0 },
        }),
      ).toBe(50);
    });
    it('equals the element rate when one element was answered', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SIPAS_ELEMENTS),
          fc.integer({ min: 1, max: 100_000 }),
          fc.nat(),
          (element, valid, k) => {
            const count = { satisfied: k % (valid + 1), valid };
            expect(sipasIndexPercent({ [element]: count })).toBe(satisfiedPercent(count));
          },
        ),
      );
    });
    it('lies in [0, 100], between the lowest and the highest element rate', () => {
      fc.assert(
        fc.property(fc.array(anAnswer, { minLength: 1, maxLength: 200 }), (answers) => {
          const counts = countAnswers(answers);
          const index = sipasIndexPercent(counts)!;
          const rates = Object.values(counts).map((c) => satisfiedPercent(c)!);
          expect(index).toBeGreaterThanOrEqual(Math.min(...rates) - 1e-9);
          expect(index).toBeLessThanOrEqual(Math.max(...rates) + 1e-9);
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThanOrEqual(100);
        }),
      );
    });
    it('does not depend on the order of the answers or of the elements', () => {
      fc.assert(
        fc.property(
          fc
            .array(anAnswer, { maxLength: 200 })
            .chain((answers) =>
              fc.tuple(fc.constant(answers), fc.shuffledSubarray(answers, { minLength: answers.length })),
            ),
          ([answers, shuffled]) => {
            const counts = countAnswers(answers);
            const reversedKeys = Object.fromEntries(Object.entries(counts).reverse()) as SipasElementCounts;
            // Exactly equal, not close: the survey dashboard and the rating metric must show the same number.
            expect(sipasIndexPercent(countAnswers(shuffled))).toBe(sipasIndexPercent(counts));
            expect(sipasIndexPercent(reversedKeys)).toBe(sipasIndexPercent(counts));
          },
        ),
      );
    });
    it('is 100 when every answer is satisfied and 0 when none is', () => {
      fc.assert(
        fc.property(fc.array(anAnswer, { minLength: 1, maxLength: 100 }), (answers) => {
          const all = (level: SatisfactionLevel) =>
            sipasIndexPercent(countAnswers(answers.map(([e]) => [e, level] as const)));
          expect(all(4)).toBe(100);
          expect(all(3)).toBe(0);
        }),
      );
    });
  });
});
