import { WAIT_BUCKET_BOUNDS_SECONDS, waitBucketIndex } from '@fg/kernel';
import { QueueRuleError } from './queue.errors';

/**
 * The fixed buckets for waiting and service times are the kernel's wait buckets, which the rating service
 * reads its P90 wait from too: bucket i holds durations d with bound[i-1] < d ≤ bound[i].
 */
const BOUNDS = WAIT_BUCKET_BOUNDS_SECONDS;

/**
 * A mergeable summary of durations: storable as plain columns (count, sum, min, max and one
 * counter per bucket) and merged by adding counts and sums and taking LEAST/GREATEST of min/max,
 * so SQL can pre-aggregate per (unit, day, hour, service, counter, officer) and roll rows up.
 */
export interface DurationHistogram {
  count: number;
  sumSeconds: number;
  minSeconds: number | null;
  maxSeconds: number | null;
  /** One counter per `WAIT_BUCKET_BOUNDS_SECONDS` entry. */
  buckets: readonly number[];
}

export const emptyHistogram = (): DurationHistogram => ({
  count: 0,
  sumSeconds: 0,
  minSeconds: null,
  maxSeconds: null,
  buckets: BOUNDS.map(() => 0),
});

/** Index of the bucket a duration falls in (same rule for SQL: first bound ≥ seconds); a rule error when invalid. */
export const bucketIndex = (seconds: number): number => {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new QueueRuleError('QUEUE.INVALID_INPUT', `A duration must be a finite number ≥ 0, got ${seconds}`);
  }
  return waitBucketIndex(seconds);
};

export const addDuration = (h: DurationHistogram, seconds: number): DurationHistogram => {
  const i = bucketIndex(seconds);
  return {
    count: h.count + 1,
    sumSeconds: h.sumSeconds + seconds,
    minSeconds: h.minSeconds === null ? seconds : Math.min(h.minSeconds, seconds),
    maxSeconds: h.maxSeconds === null ? seconds : Math.max(h.maxSeconds, seconds),
    buckets: h.buckets.map((c, j) => (j === i ? c + 1 : c)),
  };
};

export const histogramOf = (samples: readonly number[]): DurationHistogram =>
  samples.reduce(addDuration, emptyHistogram());

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Associative and commutative, with `emptyHistogram()` as identity. */
export const mergeHistograms = (a: DurationHistogram, b: DurationHistogram): DurationHistogram => {
  if (a.buckets.length !== b.buckets.length) {
    throw new QueueRuleError(
      'QUEUE.INVALID_INPUT',
      'Histograms with different bucket bounds cannot be merged',
    );
  }
  return {
    count: a.count + b.count,
    sumSeconds: a.sumSeconds + b.sumSeconds,
    minSeconds: minOf(a.minSeconds, b.minSeconds),
    maxSeconds: maxOf(a.maxSeconds, b.maxSeconds),
    buckets: a.buckets.map((c, i) => c + b.buckets[i]),
  };
};

/**
 * Estimated nearest-rank percentile p (0 < p ≤ 100) in whole seconds, `null` when empty.
 * Finds the bucket holding the k-th smallest sample (k = ⌈p·n/100⌉, as `nearestRankPercentile`),
 * narrows its bounds to the observed min and max, and spreads the bucket's c samples evenly over
 * that range — pinning the first at the min and the last at the max when the bucket holds them —
 * then reads off the k-th. Precision: the estimate lies in the same narrowed bucket as the exact
 * value, so the error is at most that bucket's width (≤ 30 s under 1 min, ≤ 1 min up to 2 min,
 * ≤ 3 min up to 5 min, ≤ 5 min up to 15 min, ≤ 15 min up to 1 h), plus 0.5 s of rounding.
 * It is exact for the smallest and largest sample, hence for n ≤ 2 and when all samples are equal,
 * which matters for the sparse per-officer-per-hour rows.
 */
export const histogramPercentile = (h: DurationHistogram, p: number): number | null => {
  if (!(p > 0 && p <= 100))
    throw new QueueRuleError('QUEUE.INVALID_INPUT', `Percentile must be in (0, 100], got ${p}`);
  if (h.count === 0 || h.minSeconds === null || h.maxSeconds === null) return null;
  const k = Math.max(1, Math.ceil((p * h.count) / 100));
  let before = 0;
  for (let i = 0; i < h.buckets.length; i++) {
    const c = h.buckets[i];
    if (c > 0 && before + c >= k) {
      const lo = Math.max(i === 0 ? 0 : BOUNDS[i - 1], h.minSeconds);
      const hi = Math.min(BOUNDS[i], h.maxSeconds);
      return Math.round(
        placeInBucket(
          lo,
          hi,
          k - before,
          c,
          bucketIndex(h.minSeconds) === i,
          bucketIndex(h.maxSeconds) === i,
        ),
      );
    }
    before += c;
  }
  return Math.round(h.maxSeconds); // unreachable while buckets sum to count
};

/** Position of the j-th of c evenly spread samples in [lo, hi], with the min/max pinned to the ends. */
const placeInBucket = (
  lo: number,
  hi: number,
  j: number,
  c: number,
  holdsMin: boolean,
  holdsMax: boolean,
): number => {
  const w = hi - lo;
  if (holdsMin && holdsMax) return c === 1 ? lo : lo + (w * (j - 1)) / (c - 1);
  if (holdsMin) return lo + (w * (j - 1)) / c;
  if (holdsMax) return lo + (w * j) / c;
  return lo + (w * (j - 0.5)) / c;
};
