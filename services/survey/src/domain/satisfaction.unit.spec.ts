import type { ElementScoreV1 } from '@fg/contracts';
import { SipasElement } from '@fg/kernel';
import { NormalizedAnswers } from './answers';
import { Question } from './questionnaire';
import { ElementCounts, summarizeResponse } from './satisfaction';
import { aQuestion, aQuestionnaire, decree61Questions } from './testing/builders';

// Compile-time: our counts are the ones the survey.response-submitted contract carries (both take the element
// names from the kernel's SIPAS_ELEMENTS).
const countsFitContract: Omit<ElementScoreV1, 'element'> = {} as Omit<ElementCounts, 'sum'>;
void countsFitContract;

const likert = (code: string, element?: SipasElement, extra: Partial<Question> = {}) =>
  aQuestion({ code, type: 'LIKERT5', required: false, ...(element ? { element } : {}), ...extra });

const summarize = (questions: Question[], answers: NormalizedAnswers) =>
  summarizeResponse(aQuestionnaire({ questions }), answers);

const counts = (c: Partial<ElementCounts>): ElementCounts => ({
  valid: 0,
  satisfied: 0,
  verySatisfied: 0,
  neutral: 0,
  dissatisfied: 0,
  veryDissatisfied: 0,
  sum: 0,
  ...c,
});

describe('summarizeResponse', () => {
  describe('star ratings', () => {
    const questions = [
      aQuestion({ code: 'GENERAL', type: 'STARS', required: false }),
      aQuestion({ code: 'OFFICER', type: 'STARS', required: false, element: 'OFFICER' }),
    ];
    it('takes the OFFICER star question first', () => {
      expect(summarize(questions, { GENERAL: 2, OFFICER: 5 }).stars).toBe(5);
    });
    it('falls back to the first answered star question', () => {
      expect(summarize(questions, { GENERAL: 2 }).stars).toBe(2);
      expect(summarize(questions, {}).stars).toBeNull();
    });
    it.each([
      [5, { verySatisfied: 1, satisfied: 1 }, true],
      [4, { satisfied: 1 }, true],
      [3, { neutral: 1 }, false],
      [2, { dissatisfied: 1 }, false],
      [1, { veryDissatisfied: 1 }, false],
    ])('counts %i stars of an OFFICER question as an element answer', (stars, c, satisfied) => {
      const s = summarize(questions, { OFFICER: stars });
      expect(s.elementScores).toEqual({ OFFICER: counts({ valid: 1, sum: stars, ...c }) });
      expect(s.satisfied).toBe(satisfied);
    });
    it('does not count a star question without element in any element', () => {
      expect(summarize(questions, { GENERAL: 5 }).elementScores).toEqual({});
    });
  });

  describe('element scores', () => {
    it('counts each answered question of an element, skips excluded', () => {
      const qs = [
        likert('A1', 'ACCESS'),
        likert('A2', 'ACCESS'),
        likert('A3', 'ACCESS'),
        likert('R1', 'RESULT'),
      ];
      const s = summarize(qs, { A1: 'VERY_SATISFIED', A2: 'NEUTRAL', R1: 'DISSATISFIED' });
      expect(s.elementScores).toEqual({
        ACCESS: counts({ valid: 2, satisfied: 1, verySatisfied: 1, neutral: 1, sum: 8 }),
        RESULT: counts({ valid: 1, dissatisfied: 1, sum: 2 }),
      });
    });
  });

  describe('overall satisfied flag', () => {
    const qs = [
      likert('A', 'ACCESS'),
      likert('P', 'PROCEDURE'),
      likert('O', 'OFFICER'),
      likert('R', 'RESULT'),
      likert('ALL', undefined, { overall: true }),
    ];
    it('follows the overall question when it is answered', () => {
      const s = summarize(qs, { A: 'VERY_DISSATISFIED', P: 'DISSATISFIED', O: 'NEUTRAL', ALL: 'SATISFIED' });
      expect(s.satisfied).toBe(true);
      expect(summarize(qs, { A: 'VERY_SATISFIED', ALL: 'NEUTRAL' }).satisfied).toBe(false);
    });
    it('keeps the overall answer out of the element scores', () => {
      expect(summarize(qs, { ALL: 'SATISFIED' }).elementScores).toEqual({});
    });
    it('otherwise needs a strict majority of satisfied element answers; neutral counts against', () => {
      expect(summarize(qs, { A: 'SATISFIED', P: 'SATISFIED', O: 'NEUTRAL' }).satisfied).toBe(true);
      expect(summarize(qs, { A: 'SATISFIED', P: 'SATISFIED', O: 'NEUTRAL', R: 'NEUTRAL' }).satisfied).toBe(
        false,
      );
      expect(summarize(qs, { A: 'VERY_SATISFIED', O: 'DISSATISFIED' }).satisfied).toBe(false);
    });
    it('is null when nothing decides it', () => {
      expect(summarize(qs, {}).satisfied).toBeNull();
    });
  });

  describe('Decree 61', () => {
    const qs = [likert('A', 'ACCESS'), ...decree61Questions()];
    const all = { D1: 2, D2: 2, D3: 2, D4: 1, D5: 2, D6: 2, D7: 2, D8: 2, D9: 0 };
    it('totals and classifies a complete evaluation', () => {
      const s = summarize(qs, all);
      expect(s.decree61).toEqual({
        total: 15,
        byIndicator: { 1: 2, 2: 2, 3: 2, 4: 1, 5: 2, 6: 2, 7: 2, 8: 2, 9: 0 },
      });
      expect(s.decree61Class).toBe('GOOD');
    });
    it('leaves the total and class empty when an indicator is skipped', () => {
      const { D9: _skipped, ...partial } = all;
      const s = summarize(qs, partial);
      expect(s.decree61.total).toBeNull();
      expect(s.decree61.byIndicator).not.toHaveProperty('9');
      expect(s.decree61Class).toBeNull();
    });
    it('does not let indicators decide satisfaction', () => {
      expect(summarize(qs, all).satisfied).toBeNull();
    });
  });

  it('ignores values that do not fit (answers are validated before)', () => {
    const qs = [aQuestion({ code: 'S', type: 'STARS', element: 'OFFICER' }), likert('L', 'ACCESS')];
    expect(summarize(qs, { S: 9, L: 'MEH' })).toMatchObject({
      stars: null,
      satisfied: null,
      elementScores: {},
    });
  });
});
