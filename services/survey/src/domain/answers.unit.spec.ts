import { AnswerProblem, validateAnswers } from './answers';
import { aQuestion, aQuestionnaire } from './testing/builders';

const version = aQuestionnaire({
  questions: [
    aQuestion({ code: 'STARS', type: 'STARS', element: 'OFFICER' }),
    aQuestion({ code: 'ACCESS', type: 'LIKERT5', element: 'ACCESS', required: false }),
    aQuestion({ code: 'D1', type: 'SCORE_0_2', indicator: 1, required: false }),
    aQuestion({
      code: 'CHANNEL',
      type: 'SINGLE_CHOICE',
      required: false,
      options: [
        { code: 'COUNTER', label: 'Tại quầy' },
        { code: 'ONLINE', label: 'Trực tuyến' },
      ],
    }),
    aQuestion({
      code: 'REASONS',
      type: 'MULTI_CHOICE',
      required: false,
      options: [
        { code: 'FAST', label: 'Nhanh chóng' },
        { code: 'KIND', label: 'Nhiệt tình' },
        { code: 'SLOW', label: 'Chờ lâu' },
      ],
    }),
    aQuestion({ code: 'COMMENT', type: 'TEXT', required: false }),
  ],
});

const problemsOf = (answers: Record<string, unknown>): readonly AnswerProblem[] => {
  const r = validateAnswers(version, answers);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};
const oneProblem = (answers: Record<string, unknown>) => {
  const p = problemsOf(answers);
  expect(p).toHaveLength(1);
  return p[0];
};

describe('validateAnswers', () => {
  describe('when every answer fits its question', () => {
    it('returns the normalized answers, skips left out', () => {
      const r = validateAnswers(version, {
        STARS: 5,
        ACCESS: 'NEUTRAL',
        D1: 0,
        CHANNEL: 'ONLINE',
        REASONS: ['SLOW', 'FAST'],
        COMMENT: '  Cán bộ rất nhiệt tình  ',
      });
      expect(r).toEqual({
        ok: true,
        normalized: {
          STARS: 5,
          ACCESS: 'NEUTRAL',
          D1: 0,
          CHANNEL: 'ONLINE',
          REASONS: ['FAST', 'SLOW'],
          COMMENT: 'Cán bộ rất nhiệt tình',
        },
      });
    });
    it('treats null, undefined, blank text and an empty selection as skipped', () => {
      const r = validateAnswers(version, {
        STARS: 3,
        ACCESS: null,
        D1: undefined,
        REASONS: [],
        COMMENT: ' \n ',
      });
      expect(r).toEqual({ ok: true, normalized: { STARS: 3 } });
    });
    it('stores text in NFC so decomposed Vietnamese compares equal', () => {
      const decomposed = 'Tô\u0301t'; // "Tốt" typed with a combining accent
      const r = validateAnswers(version, { STARS: 4, COMMENT: decomposed });
      expect(r.ok && r.normalized.COMMENT).toBe('Tốt'.normalize('NFC'));
    });
  });

  describe('when a question is not in this version', () => {
    it('names it, even if its value is empty', () => {
      expect(problemsOf({ STARS: 4, OLD_Q: 'SATISFIED', GONE: null })).toEqual([
        {
          question: 'OLD_Q',
          code: 'ANSWER.UNKNOWN_QUESTION',
          message: 'Câu hỏi này không có trong phiếu khảo sát.',
        },
        {
          question: 'GONE',
          code: 'ANSWER.UNKNOWN_QUESTION',
          message: 'Câu hỏi này không có trong phiếu khảo sát.',
        },
      ]);
    });
    it('does not mistake inherited object keys for answers', () => {
      const withConstructor = aQuestionnaire({
        questions: [aQuestion({ code: 'constructor', type: 'STARS' })],
      });
      const r = validateAnswers(withConstructor, {});
      expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['ANSWER.REQUIRED']);
      const proto = JSON.parse('{"__proto__": 5, "constructor": 4}');
      expect(validateAnswers(withConstructor, proto)).toEqual({
        ok: false,
        problems: [expect.objectContaining({ question: '__proto__', code: 'ANSWER.UNKNOWN_QUESTION' })],
      });
    });
  });

  describe('when a required question is skipped', () => {
    it.each([[{}], [{ STARS: null }], [{ STARS: undefined }]])('names it (%j)', (answers) => {
      expect(oneProblem(answers)).toEqual({
        question: 'STARS',
        code: 'ANSWER.REQUIRED',
        message: 'Vui lòng trả lời câu hỏi bắt buộc này.',
      });
    });
  });

  describe('STARS', () => {
    it.each([0, 6, -1])('refuses %p stars as out of range', (v) => {
      expect(oneProblem({ STARS: v })).toMatchObject({ question: 'STARS', code: 'ANSWER.OUT_OF_RANGE' });
    });
    it.each([4.5, '4', true, [4], NaN, Infinity])('refuses %p as the wrong type', (v) => {
      expect(oneProblem({ STARS: v })).toMatchObject({ question: 'STARS', code: 'ANSWER.WRONG_TYPE' });
    });
    it('accepts 1 through 5', () => {
      for (const v of [1, 2, 3, 4, 5]) expect(validateAnswers(version, { STARS: v }).ok).toBe(true);
    });
  });

  describe('LIKERT5', () => {
    it.each(['satisfied', 'OK', 4, 'HAPPY'])('refuses %p and lists the five levels in Vietnamese', (v) => {
      const p = oneProblem({ STARS: 4, ACCESS: v });
      expect(p).toMatchObject({ question: 'ACCESS', code: 'ANSWER.WRONG_TYPE' });
      expect(p.message).toMatch(
        /Rất hài lòng, Hài lòng, Bình thường, Không hài lòng hoặc Rất không hài lòng/,
      );
    });
  });

  describe('SCORE_0_2', () => {
    it('refuses 3 and 1.5, accepts 0', () => {
      expect(oneProblem({ STARS: 4, D1: 3 })).toMatchObject({ question: 'D1', code: 'ANSWER.OUT_OF_RANGE' });
      expect(oneProblem({ STARS: 4, D1: 1.5 })).toMatchObject({ question: 'D1', code: 'ANSWER.WRONG_TYPE' });
      expect(validateAnswers(version, { STARS: 4, D1: 0 })).toEqual({
        ok: true,
        normalized: { STARS: 4, D1: 0 },
      });
    });
  });

  describe('choices', () => {
    it('SINGLE_CHOICE needs one known option code', () => {
      expect(oneProblem({ STARS: 4, CHANNEL: 'POST' })).toEqual({
        question: 'CHANNEL',
        code: 'ANSWER.UNKNOWN_OPTION',
        message: 'Phương án "POST" không có trong câu hỏi này.',
      });
      expect(oneProblem({ STARS: 4, CHANNEL: ['ONLINE'] })).toMatchObject({
        question: 'CHANNEL',
        code: 'ANSWER.WRONG_TYPE',
      });
    });
    it('MULTI_CHOICE needs a list of unique known codes', () => {
      expect(oneProblem({ STARS: 4, REASONS: 'FAST' })).toMatchObject({
        question: 'REASONS',
        code: 'ANSWER.WRONG_TYPE',
      });
      expect(oneProblem({ STARS: 4, REASONS: ['FAST', 7] })).toMatchObject({ code: 'ANSWER.WRONG_TYPE' });
      expect(oneProblem({ STARS: 4, REASONS: ['FAST', 'RUDE'] })).toMatchObject({
        question: 'REASONS',
        code: 'ANSWER.UNKNOWN_OPTION',
        message: 'Phương án "RUDE" không có trong câu hỏi này.',
      });
      expect(oneProblem({ STARS: 4, REASONS: ['FAST', 'FAST'] })).toMatchObject({
        question: 'REASONS',
        code: 'ANSWER.DUPLICATE_OPTION',
      });
    });
    it('cuts a huge unknown value short in the message', () => {
      const p = oneProblem({ STARS: 4, CHANNEL: 'X'.repeat(5000) });
      expect(p.message.length).toBeLessThan(100);
    });
  });

  describe('TEXT', () => {
    it('accepts 2000 characters, counting a decomposed Vietnamese letter once', () => {
      const text = 'ệ'.normalize('NFD').repeat(2000); // 6000 code points before NFC
      expect(text.length).toBe(6000);
      expect(validateAnswers(version, { STARS: 4, COMMENT: text }).ok).toBe(true);
    });
    it('refuses 2001 characters and non-text', () => {
      expect(oneProblem({ STARS: 4, COMMENT: 'a'.repeat(2001) })).toEqual({
        question: 'COMMENT',
        code: 'ANSWER.TOO_LONG',
        message: 'Ý kiến không được dài quá 2000 ký tự.',
      });
      expect(oneProblem({ STARS: 4, COMMENT: 42 })).toMatchObject({
        question: 'COMMENT',
        code: 'ANSWER.WRONG_TYPE',
      });
    });
  });

  it('names every offending question at once', () => {
    const p = problemsOf({ STARS: 9, ACCESS: 'MEH', REASONS: ['NOPE'], EXTRA: 1 });
    expect(p.map((x) => [x.question, x.code])).toEqual([
      ['EXTRA', 'ANSWER.UNKNOWN_QUESTION'],
      ['STARS', 'ANSWER.OUT_OF_RANGE'],
      ['ACCESS', 'ANSWER.WRONG_TYPE'],
      ['REASONS', 'ANSWER.UNKNOWN_OPTION'],
    ]);
  });

  it('refuses answers that are not an object', () => {
    for (const bad of [null, [1, 2], 'x']) {
      expect(validateAnswers(version, bad as never)).toEqual({
        ok: false,
        problems: [
          { question: '*', code: 'ANSWER.NOT_AN_OBJECT', message: 'Câu trả lời không đúng định dạng.' },
        ],
      });
    }
  });
});
