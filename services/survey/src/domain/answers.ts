import { Question, Questionnaire } from './questionnaire';

export const LIKERT5_VALUES = [
  'VERY_DISSATISFIED',
  'DISSATISFIED',
  'NEUTRAL',
  'SATISFIED',
  'VERY_SATISFIED',
] as const;
export type Likert5 = (typeof LIKERT5_VALUES)[number];

export const LIKERT5_LABELS_VI: Readonly<Record<Likert5, string>> = {
  VERY_SATISFIED: 'Rất hài lòng',
  SATISFIED: 'Hài lòng',
  NEUTRAL: 'Bình thường',
  DISSATISFIED: 'Không hài lòng',
  VERY_DISSATISFIED: 'Rất không hài lòng',
};

export const TEXT_ANSWER_MAX = 2000;

/** STARS and SCORE_0_2: a number; LIKERT5 and SINGLE_CHOICE: a code; MULTI_CHOICE: codes; TEXT: text. */
export type AnswerValue = number | string | readonly string[];
/** Answered questions only: a skipped question is absent. */
export type NormalizedAnswers = Readonly<Record<string, AnswerValue>>;

export type AnswerProblemCode =
  | 'ANSWER.NOT_AN_OBJECT'
  | 'ANSWER.UNKNOWN_QUESTION'
  | 'ANSWER.REQUIRED'
  | 'ANSWER.WRONG_TYPE'
  | 'ANSWER.OUT_OF_RANGE'
  | 'ANSWER.UNKNOWN_OPTION'
  | 'ANSWER.DUPLICATE_OPTION'
  | 'ANSWER.TOO_LONG';

/** `message` is Vietnamese, for the citizen; `code` is stable, for clients and logs. */
export interface AnswerProblem {
  readonly question: string;
  readonly code: AnswerProblemCode;
  readonly message: string;
}

export type AnswersResult =
  | { readonly ok: true; readonly normalized: NormalizedAnswers }
  | { readonly ok: false; readonly problems: readonly AnswerProblem[] };

type Check = { value: AnswerValue } | { skip: true } | { problem: Omit<AnswerProblem, 'question'> };

const problem = (code: AnswerProblemCode, message: string): Check => ({ problem: { code, message } });
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** Echoes a citizen's value in a message, cut short so a huge value does not flood the reply. */
const quote = (v: string): string => `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;

/**
 * Checks answers against the exact version they answer. Every offending question is named; nothing is
 * partially accepted. Skipping: null or undefined is a skip, and so are blank text and an empty
 * MULTI_CHOICE list (after trimming); a skipped required question is a problem. TEXT is NFC-normalized
 * and trimmed, its limit counted in characters (code points); MULTI_CHOICE is returned in option order.
 * Values are never coerced: "4" is not 4.
 */
export const validateAnswers = (
  version: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
): AnswersResult => {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return {
      ok: false,
      problems: [
        { question: '*', code: 'ANSWER.NOT_AN_OBJECT', message: 'Câu trả lời không đúng định dạng.' },
      ],
    };
  }
  const byCode = new Map(version.questions.map((q) => [q.code, q]));
  const problems: AnswerProblem[] = [];
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) {
      problems.push({
        question: code,
        code: 'ANSWER.UNKNOWN_QUESTION',
        message: 'Câu hỏi này không có trong phiếu khảo sát.',
      });
    }
  }
  const normalized: Record<string, AnswerValue> = {};
  for (const q of version.questions) {
    const raw = Object.hasOwn(answers, q.code) ? answers[q.code] : undefined;
    const check: Check = raw === null || raw === undefined ? { skip: true } : checkValue(q, raw);
    if ('problem' in check) problems.push({ question: q.code, ...check.problem });
    else if ('value' in check) normalized[q.code] = check.value;
    else if (q.required) {
      problems.push({
        question: q.code,
        code: 'ANSWER.REQUIRED',
        message: 'Vui lòng trả lời câu hỏi bắt buộc này.',
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, normalized };
};

const checkValue = (q: Question, v: unknown): Check => {
  switch (q.type) {
    case 'STARS':
      if (!isInt(v)) return problem('ANSWER.WRONG_TYPE', 'Vui lòng chọn số sao (từ 1 đến 5).');
      return v >= 1 && v <= 5 ? { value: v } : problem('ANSWER.OUT_OF_RANGE', 'Số sao phải từ 1 đến 5.');
    case 'SCORE_0_2':
      if (!isInt(v)) return problem('ANSWER.WRONG_TYPE', 'Vui lòng chọn điểm 0, 1 hoặc 2.');
      return v >= 0 && v <= 2
        ? { value: v }
        : problem('ANSWER.OUT_OF_RANGE', 'Điểm chỉ được là 0, 1 hoặc 2.');
    case 'LIKERT5':
      return typeof v === 'string' && (LIKERT5_VALUES as readonly string[]).includes(v)
        ? { value: v }
        : problem(
            'ANSWER.WRONG_TYPE',
            'Vui lòng chọn một mức: Rất hài lòng, Hài lòng, Bình thường, Không hài lòng hoặc Rất không hài lòng.',
          );
    case 'SINGLE_CHOICE':
      if (typeof v !== 'string') return problem('ANSWER.WRONG_TYPE', 'Vui lòng chọn một phương án.');
      return optionCodes(q).includes(v)
        ? { value: v }
        : problem('ANSWER.UNKNOWN_OPTION', `Phương án ${quote(v)} không có trong câu hỏi này.`);
    case 'MULTI_CHOICE':
      return checkMulti(q, v);
    case 'TEXT':
      return checkText(v);
  }
};

const optionCodes = (q: Question): string[] => (q.options ?? []).map((o) => o.code);

const checkMulti = (q: Question, v: unknown): Check => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    return problem('ANSWER.WRONG_TYPE', 'Vui lòng chọn các phương án trong danh sách.');
  }
  const codes = optionCodes(q);
  const unknown = v.find((x) => !codes.includes(x));
  if (unknown !== undefined)
    return problem('ANSWER.UNKNOWN_OPTION', `Phương án ${quote(unknown)} không có trong câu hỏi này.`);
  const twice = v.find((x, i) => v.indexOf(x) !== i);
  if (twice !== undefined)
    return problem('ANSWER.DUPLICATE_OPTION', `Phương án ${quote(twice)} được chọn nhiều lần.`);
  return v.length === 0 ? { skip: true } : { value: codes.filter((c) => v.includes(c)) };
};

const checkText = (v: unknown): Check => {
  if (typeof v !== 'string') return problem('ANSWER.WRONG_TYPE', 'Ý kiến phải là văn bản.');
  const text = v.normalize('NFC').trim();
  if (text === '') return { skip: true };
  return [...text].length <= TEXT_ANSWER_MAX
    ? { value: text }
    : problem('ANSWER.TOO_LONG', `Ý kiến không được dài quá ${TEXT_ANSWER_MAX} ký tự.`);
};
