import { SIPAS_ELEMENTS } from '@fg/kernel';
import { DECREE61_INDICATORS, isDecree61Indicator } from './decree61';
import { Questionnaire, QUESTIONNAIRE_KINDS, QUESTIONNAIRE_STATUSES } from './questionnaire';
import {
  CODE_PATTERN,
  isText,
  oneOf,
  questionProblems,
  QUESTIONNAIRE_LIMITS,
  QuestionnaireProblem,
} from './validate-question';

const UNIT_CODE_PATTERN = /^[A-Za-z0-9.-]{1,32}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every problem with a questionnaire version, in English for the admin UI; empty when it may be published. */
export const validateQuestionnaire = (q: Questionnaire): QuestionnaireProblem[] => {
  const problems: QuestionnaireProblem[] = [];
  const add = (path: string, code: string, message: string, question?: string) =>
    problems.push(question === undefined ? { path, code, message } : { path, code, message, question });

  if (typeof q.id !== 'string' || !UUID_PATTERN.test(q.id))
    add('id', 'QUESTIONNAIRE.ID', 'id must be a UUID');
  if (q.unitCode !== null && !(typeof q.unitCode === 'string' && UNIT_CODE_PATTERN.test(q.unitCode))) {
    add(
      'unitCode',
      'QUESTIONNAIRE.UNIT_CODE',
      'unitCode must be null (global) or 1-32 letters, digits, dots, dashes',
    );
  }
  if (!isText(q.title, QUESTIONNAIRE_LIMITS.title)) {
    add(
      'title',
      'QUESTIONNAIRE.TITLE',
      `title must be non-blank text of at most ${QUESTIONNAIRE_LIMITS.title}`,
    );
  }
  if (q.description !== undefined && typeof q.description !== 'string') {
    add('description', 'QUESTIONNAIRE.DESCRIPTION', 'description must be text');
  }
  if (!oneOf(QUESTIONNAIRE_KINDS, q.kind))
    add('kind', 'QUESTIONNAIRE.KIND', `kind must be one of ${QUESTIONNAIRE_KINDS.join(', ')}`);
  if (!oneOf(QUESTIONNAIRE_STATUSES, q.status)) add('status', 'QUESTIONNAIRE.STATUS', 'unknown status');
  if (!(Number.isInteger(q.version) && q.version >= 1))
    add('version', 'QUESTIONNAIRE.VERSION', 'version must be an integer ≥ 1');

  // Checked as `unknown` (the input is unvalidated JSON): Array.isArray on the typed array itself would narrow it
  // to any[] for the code below.
  const questions: unknown = q.questions;
  if (!Array.isArray(questions) || q.questions.length === 0) {
    add('questions', 'QUESTIONNAIRE.NO_QUESTIONS', 'a questionnaire needs at least one question');
    return problems;
  }
  if (q.questions.length > QUESTIONNAIRE_LIMITS.questions) {
    add(
      'questions',
      'QUESTIONNAIRE.TOO_MANY_QUESTIONS',
      `at most ${QUESTIONNAIRE_LIMITS.questions} questions`,
    );
  }

  const codes = new Set<string>();
  const indicators = new Set<number>();
  let overallCount = 0;
  q.questions.forEach((question, i) => {
    const at = `questions[${i}]`;
    if (typeof question !== 'object' || question === null) {
      add(at, 'QUESTION.NOT_AN_OBJECT', 'each question must be an object');
      return;
    }
    const c = typeof question.code === 'string' ? question.code : undefined;
    if (!c || !CODE_PATTERN.test(c))
      add(`${at}.code`, 'QUESTION.CODE', 'code must start with a letter: letters, digits, _ . - (max 64)', c);
    else if (codes.has(c))
      add(`${at}.code`, 'QUESTION.DUPLICATE_CODE', `question code ${c} is used twice`, c);
    if (c) codes.add(c);
    if (question.overall === true) overallCount += 1;
    if (question.type === 'SCORE_0_2' && isDecree61Indicator(question.indicator)) {
      if (indicators.has(question.indicator)) {
        add(
          `${at}.indicator`,
          'QUESTION.DUPLICATE_INDICATOR',
          `Decree 61 indicator ${question.indicator} is scored twice`,
          c,
        );
      }
      indicators.add(question.indicator);
    }
    problems.push(...questionProblems(question, at, c));
  });

  if (overallCount > 1)
    add('questions', 'QUESTIONNAIRE.SEVERAL_OVERALL', 'at most one question may be the overall question');
  if (indicators.size > 0 && indicators.size < DECREE61_INDICATORS.length) {
    const missing = DECREE61_INDICATORS.filter((i) => !indicators.has(i));
    add(
      'questions',
      'QUESTIONNAIRE.DECREE61_INCOMPLETE',
      `Decree 61 needs all nine indicators or none; missing ${missing.join(', ')}`,
    );
  }
  problems.push(...kindProblems(q));
  return problems;
};

const kindProblems = (q: Questionnaire): QuestionnaireProblem[] => {
  if (q.kind === 'TABLET_STARS' && !q.questions.some((x) => x.type === 'STARS' && x.required === true)) {
    return [
      {
        path: 'questions',
        code: 'QUESTIONNAIRE.TABLET_NEEDS_STARS',
        message: 'a TABLET_STARS questionnaire needs a required STARS question',
      },
    ];
  }
  if (q.kind === 'SIPAS') {
    const covered = new Set(q.questions.map((x) => x.element));
    const missing = SIPAS_ELEMENTS.filter((e) => !covered.has(e));
    if (missing.length > 0) {
      return [
        {
          path: 'questions',
          code: 'QUESTIONNAIRE.SIPAS_ELEMENTS_MISSING',
          message: `a SIPAS questionnaire covers all five elements; missing ${missing.join(', ')}`,
        },
      ];
    }
  }
  return [];
};
