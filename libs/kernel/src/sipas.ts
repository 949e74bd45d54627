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

/** Answers counted per element; an element nobody answered may be absent or have `valid: 0`. */
export type SipasElementCounts = Readonly<Partial<Record<SipasElement, SatisfactionCount>>>;

/**
 * The SIPAS index in percent [0, 100]: the unweighted mean of the element rates (`satisfiedPercent`) over
 * the elements that have at least one valid answer; null when no element has one. This is the one
 * "overall satisfaction" figure (docs/domain.md §Surveys): the survey dashboard's `sipasIndexPercent` and
 * the rating metric `SATISFACTION_RATE` both call it with the same counts, so they are the same number.
 *
 * Mean of element rates, not answers pooled over elements: each element weighs the same however many
 * questions the form asks about it (a form with four PROCEDURE questions and one FEEDBACK question would
 * otherwise be mostly about procedures). Elements are summed in `SIPAS_ELEMENTS` order, so the result does
 * not depend on the order of the input's keys and is the same float in every service.
 */
export const sipasIndexPercent = (byElement: SipasElementCounts): number | null => {
  let sum = 0;
  let answered = 0;
  for (const element of SIPAS_ELEMENTS) {
    const count = byElement[element];
    const rate = count === undefined ? null : satisfiedPercent(count);
    if (rate === null) continue;
    sum += rate;
    answered++;
  }
  return answered === 0 ? null : sum / answered;
};
