import { SIPAS_ELEMENTS } from '@fg/kernel';
import { isDecree61Indicator } from './decree61';
import { isChoiceType, isLevelType, Question, QUESTION_TYPES } from './questionnaire';

/** One problem, with the path of the offending field (`questions[2].options[0].code`) and a stable code. */
export interface QuestionnaireProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** Code of the question concerned, when there is one. */
  readonly question?: string;
}

export const QUESTIONNAIRE_LIMITS = Object.freeze({
  questions: 100,
  title: 200,
  text: 500,
  label: 200,
  options: 30,
});
/** Starts with a letter (so never `__proto__`), then letters, digits, `_`, `.`, `-`; at most 64. */
export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max;
export const oneOf = (values: readonly string[], v: unknown): boolean =>
  typeof v === 'string' && values.includes(v);

/** Problems of one question on its own, at `at` (e.g. `questions[3]`); `c` is its code when readable. */
export const questionProblems = (
  question: Question,
  at: string,
  c: string | undefined,
): QuestionnaireProblem[] => {
  const out: QuestionnaireProblem[] = [];
  const add = (field: string, code: string, message: string) =>
    out.push(
      c === undefined
        ? { path: `${at}${field}`, code, message }
        : { path: `${at}${field}`, code, message, question: c },
    );

  if (!isText(question.text, QUESTIONNAIRE_LIMITS.text)) {
    add('.text', 'QUESTION.TEXT', `text must be non-blank text of at most ${QUESTIONNAIRE_LIMITS.text}`);
  }
  if (typeof question.required !== 'boolean')
    add('.required', 'QUESTION.REQUIRED_FLAG', 'required must be true or false');
  if (!oneOf(QUESTION_TYPES, question.type)) {
    add('.type', 'QUESTION.TYPE', `type must be one of ${QUESTION_TYPES.join(', ')}`);
    return out;
  }
  const t = question.type;
  if (question.element !== undefined) {
    if (!oneOf(SIPAS_ELEMENTS, question.element))
      add('.element', 'QUESTION.ELEMENT', `element must be one of ${SIPAS_ELEMENTS.join(', ')}`);
    else if (!isLevelType(t))
      add(
        '.element',
        'QUESTION.ELEMENT_NOT_ALLOWED',
        `only STARS and LIKERT5 questions carry an element, not ${t}`,
      );
  }
  if (question.overall !== undefined) {
    if (typeof question.overall !== 'boolean')
      add('.overall', 'QUESTION.OVERALL', 'overall must be true or false');
    else if (question.overall && !isLevelType(t))
      add(
        '.overall',
        'QUESTION.OVERALL_NOT_ALLOWED',
        `the overall question must be STARS or LIKERT5, not ${t}`,
      );
    else if (question.overall && question.element !== undefined) {
      add('.overall', 'QUESTION.OVERALL_WITH_ELEMENT', 'the overall question must not carry an element');
    }
  }
  if (t === 'SCORE_0_2') {
    if (question.indicator === undefined)
      add(
        '.indicator',
        'QUESTION.INDICATOR_REQUIRED',
        'a SCORE_0_2 question needs a Decree 61 indicator (1..9)',
      );
    else if (!isDecree61Indicator(question.indicator))
      add('.indicator', 'QUESTION.INDICATOR', 'indicator must be an integer 1..9');
    const labels = question.scoreLabels;
    if (
      labels !== undefined &&
      !(
        Array.isArray(labels) &&
        labels.length === 3 &&
        labels.every((l) => isText(l, QUESTIONNAIRE_LIMITS.label))
      )
    ) {
      add(
        '.scoreLabels',
        'QUESTION.SCORE_LABELS',
        'scoreLabels must be three non-blank labels for 0, 1 and 2 points',
      );
    }
  } else {
    if (question.indicator !== undefined)
      add(
        '.indicator',
        'QUESTION.INDICATOR_NOT_ALLOWED',
        `only SCORE_0_2 questions carry an indicator, not ${t}`,
      );
    if (question.scoreLabels !== undefined)
      add(
        '.scoreLabels',
        'QUESTION.SCORE_LABELS_NOT_ALLOWED',
        `only SCORE_0_2 questions have scoreLabels, not ${t}`,
      );
  }
  if (isChoiceType(t)) out.push(...optionProblems(question, at, c));
  else if (question.options !== undefined)
    add('.options', 'QUESTION.OPTIONS_NOT_ALLOWED', `a ${t} question has no options`);
  return out;
};

const optionProblems = (question: Question, at: string, c: string | undefined): QuestionnaireProblem[] => {
  const out: QuestionnaireProblem[] = [];
  const add = (path: string, code: string, message: string) =>
    out.push(c === undefined ? { path, code, message } : { path, code, message, question: c });
  const options = question.options;
  // Checked as `unknown`, so that Array.isArray does not narrow `options` to any[] below.
  const list: unknown = options;
  if (!Array.isArray(list) || !options || options.length < 2) {
    add(
      `${at}.options`,
      'QUESTION.OPTIONS_REQUIRED',
      `a ${question.type} question needs at least two options`,
    );
    return out;
  }
  if (options.length > QUESTIONNAIRE_LIMITS.options) {
    add(`${at}.options`, 'QUESTION.TOO_MANY_OPTIONS', `at most ${QUESTIONNAIRE_LIMITS.options} options`);
  }
  const seen = new Set<string>();
  options.forEach((o, j) => {
    const oc = o?.code;
    if (typeof oc !== 'string' || !CODE_PATTERN.test(oc)) {
      add(
        `${at}.options[${j}].code`,
        'OPTION.CODE',
        'option code must start with a letter: letters, digits, _ . - (max 64)',
      );
    } else if (seen.has(oc))
      add(`${at}.options[${j}].code`, 'OPTION.DUPLICATE_CODE', `option code ${oc} is used twice`);
    if (typeof oc === 'string') seen.add(oc);
    if (!isText(o?.label, QUESTIONNAIRE_LIMITS.label)) {
      add(
        `${at}.options[${j}].label`,
        'OPTION.LABEL',
        `label must be non-blank text of at most ${QUESTIONNAIRE_LIMITS.label}`,
      );
    }
  });
  return out;
};
