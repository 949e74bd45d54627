import { aQuestion, aQuestionnaire, decree61Questions } from './testing/builders';
import { validateQuestionnaire } from './validate-questionnaire';

const codes = (q = aQuestionnaire()) => validateQuestionnaire(q).map((p) => p.code);
const only = (q: ReturnType<typeof aQuestionnaire>) => {
  const problems = validateQuestionnaire(q);
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe('validateQuestionnaire', () => {
  it('accepts a one-question draft', () => {
    expect(validateQuestionnaire(aQuestionnaire())).toEqual([]);
  });

  describe('when the questionnaire itself is malformed', () => {
    it('needs at least one question', () => {
      expect(only(aQuestionnaire({ questions: [] }))).toMatchObject({
        path: 'questions',
        code: 'QUESTIONNAIRE.NO_QUESTIONS',
      });
    });
    it('needs a UUID survey id, a valid unit code, a title and a version ≥ 1', () => {
      expect(codes(aQuestionnaire({ id: 'x', unitCode: 'bad code!', title: '  ', version: 0 }))).toEqual([
        'QUESTIONNAIRE.ID',
        'QUESTIONNAIRE.UNIT_CODE',
        'QUESTIONNAIRE.TITLE',
        'QUESTIONNAIRE.VERSION',
      ]);
    });
    it('names a question that is not an object', () => {
      expect(only(aQuestionnaire({ questions: [null as never] }))).toMatchObject({
        path: 'questions[0]',
        code: 'QUESTION.NOT_AN_OBJECT',
      });
    });
    it('accepts a unit-specific questionnaire', () => {
      expect(codes(aQuestionnaire({ unitCode: '000.00.20.H56' }))).toEqual([]);
    });
  });

  describe('question codes', () => {
    it('names a code used twice', () => {
      const p = only(aQuestionnaire({ questions: [aQuestion({ code: 'A' }), aQuestion({ code: 'A' })] }));
      expect(p).toMatchObject({ path: 'questions[1].code', code: 'QUESTION.DUPLICATE_CODE', question: 'A' });
    });
    it.each(['', '1abc', '__proto__', 'has space', 'x'.repeat(65)])('refuses the code %j', (code) => {
      expect(only(aQuestionnaire({ questions: [aQuestion({ code })] })).code).toBe('QUESTION.CODE');
    });
  });

  describe('options', () => {
    it.each(['SINGLE_CHOICE', 'MULTI_CHOICE'] as const)(
      'a %s question needs at least two options',
      (type) => {
        expect(only(aQuestionnaire({ questions: [aQuestion({ type })] }))).toMatchObject({
          path: 'questions[0].options',
          code: 'QUESTION.OPTIONS_REQUIRED',
          question: 'Q1',
        });
        const one = aQuestion({ type, options: [{ code: 'A', label: 'Một' }] });
        expect(only(aQuestionnaire({ questions: [one] })).code).toBe('QUESTION.OPTIONS_REQUIRED');
      },
    );
    it('refuses options on a question that is not a choice', () => {
      const q = aQuestion({
        type: 'STARS',
        options: [
          { code: 'A', label: 'a' },
          { code: 'B', label: 'b' },
        ],
      });
      expect(only(aQuestionnaire({ questions: [q] }))).toMatchObject({
        code: 'QUESTION.OPTIONS_NOT_ALLOWED',
        question: 'Q1',
      });
    });
    it('names a duplicate option code and a blank label', () => {
      const q = aQuestion({
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'A', label: 'a' },
          { code: 'A', label: ' ' },
        ],
      });
      expect(validateQuestionnaire(aQuestionnaire({ questions: [q] })).map((p) => p.path)).toEqual([
        'questions[0].options[1].code',
        'questions[0].options[1].label',
      ]);
    });
  });

  describe('elements, overall and indicators', () => {
    it('allows an element only on STARS and LIKERT5', () => {
      expect(
        codes(aQuestionnaire({ questions: [aQuestion({ type: 'STARS', element: 'OFFICER' })] })),
      ).toEqual([]);
      expect(
        only(aQuestionnaire({ questions: [aQuestion({ type: 'TEXT', element: 'OFFICER' })] })).code,
      ).toBe('QUESTION.ELEMENT_NOT_ALLOWED');
    });
    it('refuses an unknown element', () => {
      const q = aQuestion({ element: 'PRICE' as never });
      expect(only(aQuestionnaire({ questions: [q] })).code).toBe('QUESTION.ELEMENT');
    });
    it('allows one overall question, without an element', () => {
      const a = aQuestion({ code: 'A', overall: true });
      const b = aQuestion({ code: 'B', overall: true });
      expect(codes(aQuestionnaire({ questions: [a, b] }))).toEqual(['QUESTIONNAIRE.SEVERAL_OVERALL']);
      expect(codes(aQuestionnaire({ questions: [aQuestion({ overall: true, element: 'RESULT' })] }))).toEqual(
        ['QUESTION.OVERALL_WITH_ELEMENT'],
      );
      expect(codes(aQuestionnaire({ questions: [aQuestion({ type: 'TEXT', overall: true })] }))).toEqual([
        'QUESTION.OVERALL_NOT_ALLOWED',
      ]);
    });
    it('needs an indicator on every SCORE_0_2 question and nowhere else', () => {
      const withAll = decree61Questions();
      expect(codes(aQuestionnaire({ questions: withAll }))).toEqual([]);
      const noIndicator = withAll.map((q, i) => (i === 0 ? { ...q, indicator: undefined } : q));
      expect(codes(aQuestionnaire({ questions: noIndicator }))).toContain('QUESTION.INDICATOR_REQUIRED');
      expect(only(aQuestionnaire({ questions: [aQuestion({ indicator: 3 })] })).code).toBe(
        'QUESTION.INDICATOR_NOT_ALLOWED',
      );
    });
    it('wants all nine Decree 61 indicators or none, and names the missing ones', () => {
      const p = only(aQuestionnaire({ questions: decree61Questions().slice(0, 7) }));
      expect(p).toMatchObject({ code: 'QUESTIONNAIRE.DECREE61_INCOMPLETE' });
      expect(p.message).toMatch(/missing 8, 9/);
    });
    it('names an indicator scored twice', () => {
      const qs = [...decree61Questions(), aQuestion({ code: 'D1bis', type: 'SCORE_0_2', indicator: 1 })];
      expect(only(aQuestionnaire({ questions: qs }))).toMatchObject({
        code: 'QUESTION.DUPLICATE_INDICATOR',
        question: 'D1bis',
      });
    });
    it('checks score labels: three, on SCORE_0_2 only', () => {
      const good = decree61Questions().map((q) => ({ ...q, scoreLabels: ['Kém', 'Đạt', 'Tốt'] as const }));
      expect(codes(aQuestionnaire({ questions: good }))).toEqual([]);
      const bad = good.map((q, i) => (i === 4 ? { ...q, scoreLabels: ['a', 'b'] as never } : q));
      expect(only(aQuestionnaire({ questions: bad }))).toMatchObject({
        path: 'questions[4].scoreLabels',
        question: 'D5',
      });
      expect(only(aQuestionnaire({ questions: [aQuestion({ scoreLabels: ['a', 'b', 'c'] })] })).code).toBe(
        'QUESTION.SCORE_LABELS_NOT_ALLOWED',
      );
    });
  });

  describe('kind rules', () => {
    it('a TABLET_STARS questionnaire needs a required STARS question', () => {
      expect(codes(aQuestionnaire({ kind: 'TABLET_STARS' }))).toEqual(['QUESTIONNAIRE.TABLET_NEEDS_STARS']);
      const stars = aQuestion({ type: 'STARS', element: 'OFFICER' });
      expect(codes(aQuestionnaire({ kind: 'TABLET_STARS', questions: [stars] }))).toEqual([]);
    });
    it('a SIPAS questionnaire covers the five elements and names the missing ones', () => {
      const p = only(aQuestionnaire({ kind: 'SIPAS', questions: [aQuestion({ element: 'ACCESS' })] }));
      expect(p.code).toBe('QUESTIONNAIRE.SIPAS_ELEMENTS_MISSING');
      expect(p.message).toMatch(/PROCEDURE, OFFICER, RESULT, FEEDBACK/);
    });
  });

  it('reports every problem at once', () => {
    const q = aQuestionnaire({
      title: '',
      questions: [aQuestion({ code: 'A', text: '' }), aQuestion({ code: 'A', type: 'MULTI_CHOICE' })],
    });
    expect(codes(q)).toEqual([
      'QUESTIONNAIRE.TITLE',
      'QUESTION.TEXT',
      'QUESTION.DUPLICATE_CODE',
      'QUESTION.OPTIONS_REQUIRED',
    ]);
  });
});
