import { roundTo } from './rounding';

/** A unit whose score (rounded to 2 decimals) reaches `minScore` earns `stars`. */
export interface StarThreshold {
  stars: number;
  minScore: number;
}

/**
 * Star level for a score: the highest threshold whose minScore ≤ the score rounded to 2 decimals,
 * or 0 (not certified) when none is reached. Rounding first means 79.999999999 (a float sum of 80) is 80.
 */
export const starsFor = (score: number, thresholds: readonly StarThreshold[]): number => {
  const rounded = roundTo(score, 2);
  return thresholds.reduce((best, t) => (rounded >= t.minScore && t.stars > best ? t.stars : best), 0);
};

/** The next threshold above the level the score gives, or null when the score is at the top level. */
export const nextThreshold = (score: number, thresholds: readonly StarThreshold[]): StarThreshold | null => {
  const current = starsFor(score, thresholds);
  return thresholds
    .filter((t) => t.stars > current)
    .reduce<StarThreshold | null>((next, t) => (next === null || t.stars < next.stars ? t : next), null);
};
