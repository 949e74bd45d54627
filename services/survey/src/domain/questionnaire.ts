import type { SipasElement } from '@fg/kernel';
import type { Decree61Indicator } from './decree61';

export const QUESTIONNAIRE_KINDS = ['TABLET_STARS', 'SIPAS', 'CUSTOM'] as const;
export type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];

export const QUESTIONNAIRE_STATUSES = ['DRAFT', 'PUBLISHED', 'RETIRED'] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];

export const QUESTION_TYPES = [
  'STARS',
  'LIKERT5',
  'SINGLE_CHOICE',
  'MULTI_CHOICE',
  'SCORE_0_2',
  'TEXT',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const CHOICE_TYPES: readonly QuestionType[] = ['SINGLE_CHOICE', 'MULTI_CHOICE'];
/** Types whose answer is a 1..5 satisfaction level, so they may carry an element or be the overall question. */
export const LEVEL_TYPES: readonly QuestionType[] = ['STARS', 'LIKERT5'];

export interface QuestionOption {
  readonly code: string;
  readonly label: string;
}

export interface Question {
  /** Stable within a survey family, so answers of different versions line up. */
  readonly code: string;
  /** Vietnamese, as shown to the citizen. */
  readonly text: string;
  readonly type: QuestionType;
  readonly required: boolean;
  /** SIPAS element this answer counts towards (STARS and LIKERT5 only): the unit of aggregation across versions. */
  readonly element?: SipasElement;
  /** The general "overall, how satisfied are you" question (STARS or LIKERT5, no element, at most one). */
  readonly overall?: boolean;
  /** Decree 61 indicator scored by this question (SCORE_0_2 only, and every SCORE_0_2 has one). */
  readonly indicator?: Decree61Indicator;
  /** What 0, 1 and 2 points mean for this indicator, shown beside the choice (SCORE_0_2 only). */
  readonly scoreLabels?: readonly [string, string, string];
  /** SINGLE_CHOICE and MULTI_CHOICE only, at least two. */
  readonly options?: readonly QuestionOption[];
}

/**
 * One version of a survey. Identity: `id` is the survey (family) id, a UUID that stays the same across
 * versions; a version is `(id, version)` with version 1, 2, 3… A response and an invitation reference
 * both (`surveyId`, `version`). `unitCode` null means a global questionnaire, usable by every unit.
 */
export interface Questionnaire {
  readonly id: string;
  readonly unitCode: string | null;
  readonly title: string;
  readonly description?: string;
  readonly kind: QuestionnaireKind;
  readonly version: number;
  readonly status: QuestionnaireStatus;
  readonly questions: readonly Question[];
  readonly publishedAt?: Date;
  readonly retiredAt?: Date;
}

export interface QuestionnaireRef {
  readonly surveyId: string;
  readonly version: number;
}

export const refOf = (q: Questionnaire): QuestionnaireRef => ({ surveyId: q.id, version: q.version });

export const isChoiceType = (t: QuestionType): boolean => CHOICE_TYPES.includes(t);
export const isLevelType = (t: QuestionType): boolean => LEVEL_TYPES.includes(t);
