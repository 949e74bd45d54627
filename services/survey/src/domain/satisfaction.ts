import { isSatisfied, type SatisfactionLevel, SipasElement } from '@fg/kernel';
import { LIKERT5_VALUES, NormalizedAnswers } from './answers';
import {
  classifyDecree61,
  Decree61Band,
  Decree61Class,
  Decree61Indicator,
  Decree61Score,
  decree61Total,
  DEFAULT_DECREE61_BANDS,
} from './decree61';
import { Question, Questionnaire } from './questionnaire';

/**
 * Answers counted for one SIPAS element, in one response or summed over many (same shape as the
 * `ElementScoreV1` event field, plus `sum`). `satisfied` includes `verySatisfied`; the plain "satisfied"
 * level is `satisfied - verySatisfied`. `valid` counts given answers; skipped questions are not in it.
 */
export interface ElementCounts {
  readonly valid: number;
  readonly satisfied: number;
  readonly verySatisfied: number;
  readonly neutral: number;
  readonly dissatisfied: number;
  readonly veryDissatisfied: number;
  /** Sum of the 1..5 levels, for the mean level. */
  readonly sum: number;
}

export const EMPTY_ELEMENT_COUNTS: ElementCounts = Object.freeze({
  valid: 0,
  satisfied: 0,
  verySatisfied: 0,
  neutral: 0,
  dissatisfied: 0,
  veryDissatisfied: 0,
  sum: 0,
});

export const countLevel = (c: ElementCounts, level: SatisfactionLevel): ElementCounts => ({
  valid: c.valid + 1,
  satisfied: c.satisfied + (isSatisfied(level) ? 1 : 0),
  verySatisfied: c.verySatisfied + (level === 5 ? 1 : 0),
  neutral: c.neutral + (level === 3 ? 1 : 0),
  dissatisfied: c.dissatisfied + (level === 2 ? 1 : 0),
  veryDissatisfied: c.veryDissatisfied + (level === 1 ? 1 : 0),
  sum: c.sum + level,
});

/**
 * The satisfaction level of a STARS or LIKERT5 answer (STARS n is level n; LIKERT5 maps in its natural order);
 * null for other types or values that do not fit.
 */
export const levelOf = (q: Question, value: unknown): SatisfactionLevel | null => {
  if (q.type === 'STARS') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
      ? (value as SatisfactionLevel)
      : null;
  }
  if (q.type === 'LIKERT5') {
    const i = (LIKERT5_VALUES as readonly unknown[]).indexOf(value);
    return i < 0 ? null : ((i + 1) as SatisfactionLevel);
  }
  return null;
};

/** What a response contributes to events and aggregates. No free text, no personal data. */
export interface ResponseSummary {
  /** The OFFICER-element STARS answer, else the first answered STARS question; null when none. */
  readonly stars: SatisfactionLevel | null;
  /** See `summarizeResponse`; null when nothing in the response decides it. */
  readonly satisfied: boolean | null;
  /** Only elements the response answered at least once. */
  readonly elementScores: Readonly<Partial<Record<SipasElement, ElementCounts>>>;
  readonly decree61: {
    /** 0..18, or null unless all nine indicators were scored. */
    readonly total: number | null;
    readonly byIndicator: Readonly<Partial<Record<Decree61Indicator, Decree61Score>>>;
  };
  readonly decree61Class: Decree61Class | null;
}

/**
 * Summarizes validated answers of one version.
 * Overall `satisfied` (our SIPAS reading): when the version has an overall question and it was answered,
 * it decides (satisfied or very satisfied → true). Otherwise the answers carrying an element decide,
 * pooled: true when strictly more than half of them are satisfied or very satisfied (a tie is not a
 * majority; neutral answers count against). No overall answer and no element answer → null.
 */
export const summarizeResponse = (
  version: Questionnaire,
  normalized: NormalizedAnswers,
  decree61Bands: readonly Decree61Band[] = DEFAULT_DECREE61_BANDS,
): ResponseSummary => {
  const elementScores: Partial<Record<SipasElement, ElementCounts>> = {};
  const byIndicator: Partial<Record<Decree61Indicator, Decree61Score>> = {};
  let officerStars: SatisfactionLevel | null = null;
  let firstStars: SatisfactionLevel | null = null;
  let overall: SatisfactionLevel | null = null;

  for (const q of version.questions) {
    if (!Object.hasOwn(normalized, q.code)) continue;
    const value = normalized[q.code];
    if (q.type === 'SCORE_0_2' && q.indicator !== undefined && (value === 0 || value === 1 || value === 2)) {
      byIndicator[q.indicator] = value;
      continue;
    }
    const level = levelOf(q, value);
    if (level === null) continue;
    if (q.type === 'STARS') {
      firstStars ??= level;
      if (q.element === 'OFFICER') officerStars ??= level;
    }
    if (q.overall === true) overall ??= level;
    if (q.element !== undefined)
      elementScores[q.element] = countLevel(elementScores[q.element] ?? EMPTY_ELEMENT_COUNTS, level);
  }

  const total = decree61Total(byIndicator);
  return {
    stars: officerStars ?? firstStars,
    satisfied: overallSatisfied(overall, Object.values(elementScores)),
    elementScores,
    decree61: { total, byIndicator },
    decree61Class: total === null ? null : classifyDecree61(total, decree61Bands),
  };
};

const overallSatisfied = (overall: SatisfactionLevel | null, elements: ElementCounts[]): boolean | null => {
  if (overall !== null) return isSatisfied(overall);
  const valid = elements.reduce((n, e) => n + e.valid, 0);
  const satisfied = elements.reduce((n, e) => n + e.satisfied, 0);
  return valid === 0 ? null : satisfied * 2 > valid;
};
