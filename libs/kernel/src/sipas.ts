/**
 * SIPAS, the Ministry of Home Affairs' index of citizen satisfaction with public administrative services,
 * rates five elements. Survey questions carry one of them, events count answers per element and the rating
 * service scores units on them, so the list and the meaning of "satisfied" are written here once.
 */
export const SIPAS_ELEMENTS = ['ACCESS', 'PROCEDURE', 'OFFICER', 'RESULT', 'FEEDBACK'] as const;
/** Access to the service, the procedure, the officer, the result, the handling of feedback. */
export type SipasElement = (typeof SIPAS_ELEMENTS)[number];

/** One answer on the five-level scale: 1 = very dissatisfied … 5 = very satisfied (STARS n is level n). */
export type SatisfactionLevel = 1 | 2 | 3 | 4 | 5;

/** "Satisfied" and "very satisfied" count as satisfied; a neutral answer does not. */
export const isSatisfied = (level: SatisfactionLevel): boolean => level >= 4;

/** Answers to one element (or pooled over several): how many were satisfied among the valid ones. */
export interface SatisfactionCount {
  /** Answers "satisfied" or "very satisfied". */
  satisfied: number;
  /** Answers given; skipped questions are not counted, neutral answers are. */
  valid: number;
}

/** satisfied / valid in [0, 1]; null when nothing was answered (no answer is not 0 % satisfied). */
export const satisfiedShare = (c: SatisfactionCount): number | null =>
  c.valid > 0 ? c.satisfied / c.valid : null;

/**
 * The same share in percent. It multiplies before dividing so that exact ratios stay exact (7 of 100 is 7,
 * not 7.000000000000001, which `100 * satisfiedShare` would give), as score thresholds compare them.
 */
export const satisfiedPercent = (c: SatisfactionCount): number | null =>
  c.valid > 0 ? (100 * c.satisfied) / c.valid : null;
