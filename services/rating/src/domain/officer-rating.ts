import { StarCounts } from './unit-aggregates';

/**
 * Lower bound of an officer's mean star rating under a uniform Dirichlet prior
 * (Evan Miller, "Ranking items with star ratings", 2015).
 *
 * Why: a plain mean ranks an officer with one 5★ vote above one with 200 votes averaging 4.9. Adding one
 * pseudo-vote to every star level and subtracting z standard errors of the posterior mean ranks by "at
 * least this good, with ~95% confidence (z = 1.65, one-sided)", so few votes pull the score down.
 *
 * With K star levels s_k = K…1, counts n_k, N = Σ n_k:
 *
 *   S = Σ s_k·(n_k+1)/(N+K) − z·√{ [Σ s_k²·(n_k+1)/(N+K) − (Σ s_k·(n_k+1)/(N+K))²] / (N+K+1) }
 *
 * Worked vectors (K = 5, z = 1.65): [60, 80, 75, 20, 25] → 3.3684307; [10,0,0,0,0] ranks above it and
 * [5,0,0,0,0] below it.
 *
 * @param counts5to1 counts ordered from the best star down: [n5★, n4★, n3★, n2★, n1★]
 */
export const dirichletLowerBound = (counts5to1: readonly number[], z = 1.65): number => {
  if (counts5to1.length === 0 || counts5to1.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new RangeError('counts must be a non-empty list of finite numbers ≥ 0');
  }
  const K = counts5to1.length;
  const N = counts5to1.reduce((s, n) => s + n, 0);
  let mean = 0;
  let meanOfSquares = 0;
  counts5to1.forEach((n, i) => {
    const stars = K - i;
    const weight = (n + 1) / (N + K);
    mean += stars * weight;
    meanOfSquares += stars * stars * weight;
  });
  const variance = Math.max(0, meanOfSquares - mean * mean);
  return mean - z * Math.sqrt(variance / (N + K + 1));
};

/**
 * Bayesian average (v·R + m·C) / (v + m): the item's mean R over v votes, pulled toward a prior mean C
 * (e.g. the unit's mean) as if m extra votes of C had been cast. With no votes it is C.
 */
export const bayesianAverage = (
  mean: number,
  votes: number,
  priorMean: number,
  priorWeight: number,
): number =>
  votes + priorWeight > 0 ? (votes * mean + priorWeight * priorMean) / (votes + priorWeight) : priorMean;

/** Counts by star: distribution[5] is the number of 5★ ratings. */
export type StarDistribution = Record<1 | 2 | 3 | 4 | 5, number>;

export interface OfficerSummary {
  count: number;
  /** Plain mean, null without ratings; show it beside the smoothed score, never rank by it. */
  rawMean: number | null;
  distribution: StarDistribution;
  /** The score to rank by. */
  smoothedScore: number;
  method: 'DIRICHLET_LOWER_BOUND' | 'BAYESIAN_AVERAGE';
}

/**
 * Summarises an officer's ratings. Ranks by the Dirichlet lower bound by default, or by the Bayesian
 * average toward `prior` (typically the unit's mean and a weight of a few votes) when one is given.
 *
 * @param starCounts counts ordered 1★…5★ (as in UnitAggregates.starCounts)
 */
export const summarizeOfficer = (
  starCounts: Readonly<StarCounts>,
  prior?: { mean: number; weight: number },
): OfficerSummary => {
  const count = starCounts.reduce((s, n) => s + n, 0);
  const rawMean = count > 0 ? starCounts.reduce((s, n, i) => s + n * (i + 1), 0) / count : null;
  const distribution: StarDistribution = {
    1: starCounts[0],
    2: starCounts[1],
    3: starCounts[2],
    4: starCounts[3],
    5: starCounts[4],
  };
  if (prior) {
    return {
      count,
      rawMean,
      distribution,
      smoothedScore: bayesianAverage(rawMean ?? 0, count, prior.mean, prior.weight),
      method: 'BAYESIAN_AVERAGE',
    };
  }
  const counts5to1 = [...starCounts].reverse();
  return {
    count,
    rawMean,
    distribution,
    smoothedScore: dirichletLowerBound(counts5to1),
    method: 'DIRICHLET_LOWER_BOUND',
  };
};
