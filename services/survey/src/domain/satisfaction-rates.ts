import { satisfiedShare, SIPAS_ELEMENTS, SipasElement, sipasIndexPercent } from '@fg/kernel';
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

export interface RespondentsSatisfied {
  readonly valid: number;
  readonly satisfiedRate: number | null;
}

export interface SatisfactionRates {
  readonly responses: number;
  readonly byElement: Readonly<Record<SipasElement, ElementRates>>;
  /**
   * The one overall satisfaction figure (docs/domain.md §Surveys), in percent [0, 100]: the kernel's
   * `sipasIndexPercent` over `byElement`, the same number as the rating metric `SATISFACTION_RATE`.
   */
  readonly sipasIndexPercent: number | null;
  /** @deprecated The same figure as a share in [0, 1] (`sipasIndexPercent / 100`); kept for dashboards built on it. */
  readonly sipasIndex: number | null;
  /**
   * Share of respondents whose own overall verdict (`summarizeResponse`) is satisfied, among those where it
   * was decided: one vote per person, so a different figure from the SIPAS index by design.
   */
  readonly respondentsSatisfied: RespondentsSatisfied;
  /** @deprecated Old name of `respondentsSatisfied` (same object); it is not the overall satisfaction figure. */
  readonly overall: RespondentsSatisfied;
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
  const index = sipasIndexPercent(agg.byElement);
  const respondentsSatisfied = {
    valid: agg.overall.valid,
    satisfiedRate: ratio(agg.overall.satisfied, agg.overall.valid),
  };
  const starCount = agg.stars.reduce((a, b) => a + b, 0);
  const starSum = agg.stars.reduce((a, n, i) => a + n * (i + 1), 0);
  const d = agg.decree61;
  return {
    responses: agg.responses,
    byElement,
    sipasIndexPercent: index,
    sipasIndex: index === null ? null : index / 100,
    respondentsSatisfied,
    overall: respondentsSatisfied,
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
