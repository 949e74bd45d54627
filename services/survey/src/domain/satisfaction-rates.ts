import { satisfiedShare, SIPAS_ELEMENTS, SipasElement } from '@fg/kernel';
import { five, SatisfactionAggregate, StarCounts } from './aggregates';
import { DECREE61_CLASSES, Decree61Class } from './decree61';
import { ElementCounts } from './satisfaction';

/** Shares of levels 1..5 (index 0 = very dissatisfied / 1★); they sum to 1. */
export type LevelShares = readonly [number, number, number, number, number];

export interface ElementRates {
  readonly valid: number;
  /** (satisfied + very satisfied) / valid answers; neutral answers are in the denominator, skips are not. */
  readonly satisfiedRate: number | null;
  readonly meanLevel: number | null;
  readonly levelShares: LevelShares | null;
}

export interface SatisfactionRates {
  readonly responses: number;
  readonly byElement: Readonly<Record<SipasElement, ElementRates>>;
  /** Share of responses whose overall flag is satisfied, among those where it was decided. */
  readonly overall: { readonly valid: number; readonly satisfiedRate: number | null };
  /** SIPAS-style index: unweighted mean of the element rates, over the elements that have answers. */
  readonly sipasIndex: number | null;
  readonly stars: {
    readonly count: number;
    readonly mean: number | null;
    readonly counts: StarCounts;
    readonly shares: LevelShares | null;
  };
  readonly decree61: {
    readonly count: number;
    readonly mean: number | null;
    readonly byClass: Readonly<Record<Decree61Class, number>>;
    readonly classShares: Readonly<Record<Decree61Class, number>> | null;
    readonly byTotal: readonly number[];
  };
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const levelCounts = (c: ElementCounts): StarCounts => [
  c.veryDissatisfied,
  c.dissatisfied,
  c.neutral,
  c.satisfied - c.verySatisfied,
  c.verySatisfied,
];
const shares = (counts: StarCounts, total: number): LevelShares | null =>
  total === 0 ? null : five((i) => counts[i] / total);

/** Read-time figures of an aggregate. Every rate and share is in [0, 1]; null where nothing was counted. */
export const rates = (agg: SatisfactionAggregate): SatisfactionRates => {
  const byElement = Object.fromEntries(
    SIPAS_ELEMENTS.map((e) => {
      const c = agg.byElement[e];
      const r: ElementRates = {
        valid: c.valid,
        satisfiedRate: satisfiedShare(c),
        meanLevel: ratio(c.sum, c.valid),
        levelShares: shares(levelCounts(c), c.valid),
      };
      return [e, r];
    }),
  ) as Record<SipasElement, ElementRates>;
  const elementRates = SIPAS_ELEMENTS.map((e) => byElement[e].satisfiedRate).filter(
    (r): r is number => r !== null,
  );
  const starCount = agg.stars.reduce((a, b) => a + b, 0);
  const starSum = agg.stars.reduce((a, n, i) => a + n * (i + 1), 0);
  const d = agg.decree61;
  return {
    responses: agg.responses,
    byElement,
    overall: { valid: agg.overall.valid, satisfiedRate: ratio(agg.overall.satisfied, agg.overall.valid) },
    sipasIndex:
      elementRates.length === 0 ? null : elementRates.reduce((a, b) => a + b, 0) / elementRates.length,
    stars: {
      count: starCount,
      mean: ratio(starSum, starCount),
      counts: agg.stars,
      shares: shares(agg.stars, starCount),
    },
    decree61: {
      count: d.count,
      mean: ratio(d.sum, d.count),
      byClass: d.byClass,
      classShares:
        d.count === 0
          ? null
          : (Object.fromEntries(DECREE61_CLASSES.map((c) => [c, d.byClass[c] / d.count])) as Record<
              Decree61Class,
              number
            >),
      byTotal: d.byTotal,
    },
  };
};
