/**
 * Upper bounds (seconds, inclusive) of the fixed histogram buckets for waiting times: bucket i holds the
 * waits w with bound[i-1] < w ≤ bound[i] (bucket 0 holds 0 ≤ w ≤ 30 s, the last one everything above 2 h).
 * The queue keeps its statistics rows in these buckets (waits and service times alike) and the rating
 * service its P90 wait, so both must use the same bounds. Changing them needs a data migration of the
 * pre-aggregated rows on both sides (queue `wait_buckets`, rating `wait_bucket_1..13`).
 */
export const WAIT_BUCKET_BOUNDS_SECONDS: readonly number[] = Object.freeze([
  30,
  60,
  120,
  300,
  600,
  900,
  1200,
  1800,
  2700,
  3600,
  5400,
  7200,
  Number.POSITIVE_INFINITY,
]);

/**
 * Index of the bucket a duration of `seconds` falls in: the first bound ≥ seconds (SQL uses the same rule).
 * A RangeError for a negative or non-finite duration, which no clock produces (callers validate input).
 */
export const waitBucketIndex = (seconds: number): number => {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`A duration must be a finite number of seconds ≥ 0, got ${seconds}`);
  }
  return WAIT_BUCKET_BOUNDS_SECONDS.findIndex((bound) => seconds <= bound);
};
