import { SIPAS_ELEMENTS, SipasElement } from '@fg/kernel';
import { DECREE61_CLASSES, DECREE61_MAX_TOTAL, Decree61Class } from './decree61';
import { ElementCounts, EMPTY_ELEMENT_COUNTS, ResponseSummary } from './satisfaction';

/** Counts of 1★ … 5★ (index 0 is one star). */
export type StarCounts = readonly [number, number, number, number, number];

/** A five-slot tuple from its slots (index 0..4). */
export const five = (f: (i: number) => number): StarCounts => [f(0), f(1), f(2), f(3), f(4)];

/**
 * Additive counts for pre-aggregated dashboards: one bucket (unit × day × channel, officer × month, …)
 * holds one of these; any set of buckets merges into the figure for their union, in any order.
 * Elements are the unit of aggregation, so responses to different questionnaire versions add up.
 * Only counts and sums: rates are derived at read time (`rates`).
 */
export interface SatisfactionAggregate {
  readonly responses: number;
  readonly byElement: Readonly<Record<SipasElement, ElementCounts>>;
  /** Responses whose overall `satisfied` flag was decided, and how many were true. */
  readonly overall: { readonly valid: number; readonly satisfied: number };
  readonly stars: StarCounts;
  readonly decree61: {
    /** Responses with all nine indicators scored. */
    readonly count: number;
    readonly sum: number;
    readonly byClass: Readonly<Record<Decree61Class, number>>;
    /** Counts of totals 0..18 (index = total), so another classification can be applied later. */
    readonly byTotal: readonly number[];
  };
}

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);
const byKey = <K extends string, V>(keys: readonly K[], f: (k: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, V>;

export const emptyAggregate = (): SatisfactionAggregate => ({
  responses: 0,
  byElement: byKey(SIPAS_ELEMENTS, () => EMPTY_ELEMENT_COUNTS),
  overall: { valid: 0, satisfied: 0 },
  stars: [0, 0, 0, 0, 0],
  decree61: {
    count: 0,
    sum: 0,
    byClass: byKey(DECREE61_CLASSES, () => 0),
    byTotal: zeros(DECREE61_MAX_TOTAL + 1),
  },
});

/** The aggregate of exactly one response. */
export const aggregateOf = (s: ResponseSummary): SatisfactionAggregate => {
  const empty = emptyAggregate();
  const total = s.decree61.total;
  return {
    responses: 1,
    byElement: byKey(SIPAS_ELEMENTS, (e) => s.elementScores[e] ?? EMPTY_ELEMENT_COUNTS),
    overall: { valid: s.satisfied === null ? 0 : 1, satisfied: s.satisfied === true ? 1 : 0 },
    stars: five((i) => (i + 1 === s.stars ? 1 : 0)),
    decree61:
      total === null || s.decree61Class === null
        ? empty.decree61
        : {
            count: 1,
            sum: total,
            byClass: { ...empty.decree61.byClass, [s.decree61Class]: 1 },
            byTotal: empty.decree61.byTotal.map((n, i) => (i === total ? 1 : n)),
          },
  };
};

const addCounts = (a: ElementCounts, b: ElementCounts): ElementCounts => ({
  valid: a.valid + b.valid,
  satisfied: a.satisfied + b.satisfied,
  verySatisfied: a.verySatisfied + b.verySatisfied,
  neutral: a.neutral + b.neutral,
  dissatisfied: a.dissatisfied + b.dissatisfied,
  veryDissatisfied: a.veryDissatisfied + b.veryDissatisfied,
  sum: a.sum + b.sum,
});

/** Sum of two aggregates: associative, commutative, with `emptyAggregate()` as identity. */
export const merge = (a: SatisfactionAggregate, b: SatisfactionAggregate): SatisfactionAggregate => ({
  responses: a.responses + b.responses,
  byElement: byKey(SIPAS_ELEMENTS, (e) => addCounts(a.byElement[e], b.byElement[e])),
  overall: { valid: a.overall.valid + b.overall.valid, satisfied: a.overall.satisfied + b.overall.satisfied },
  stars: five((i) => a.stars[i] + b.stars[i]),
  decree61: {
    count: a.decree61.count + b.decree61.count,
    sum: a.decree61.sum + b.decree61.sum,
    byClass: byKey(DECREE61_CLASSES, (c) => a.decree61.byClass[c] + b.decree61.byClass[c]),
    byTotal: a.decree61.byTotal.map((n, i) => n + (b.decree61.byTotal[i] ?? 0)),
  },
});

export const addResponse = (agg: SatisfactionAggregate, summary: ResponseSummary): SatisfactionAggregate =>
  merge(agg, aggregateOf(summary));
