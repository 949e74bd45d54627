import fc from 'fast-check';
import { WAIT_BUCKET_BOUNDS_SECONDS, waitBucketIndex } from './wait-buckets';

describe('wait-time buckets', () => {
  it('has 13 increasing bounds, the last one open', () => {
    expect(WAIT_BUCKET_BOUNDS_SECONDS).toHaveLength(13);
    expect(WAIT_BUCKET_BOUNDS_SECONDS.at(-1)).toBe(Infinity);
    WAIT_BUCKET_BOUNDS_SECONDS.slice(1).forEach((b, i) =>
      expect(b).toBeGreaterThan(WAIT_BUCKET_BOUNDS_SECONDS[i]),
    );
    expect(Object.isFrozen(WAIT_BUCKET_BOUNDS_SECONDS)).toBe(true);
  });

  it.each([
    [0, 0],
    [30, 0],
    [30.5, 1],
    [31, 1],
    [60, 1],
    [300, 3],
    [7200, 11],
    [7201, 12],
    [1e9, 12],
  ])('puts %p s into bucket %p (upper bounds inclusive)', (seconds, index) => {
    expect(waitBucketIndex(seconds)).toBe(index);
  });

  it('puts every wait between the bounds of its bucket', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (seconds) => {
        const i = waitBucketIndex(seconds);
        const lower = i === 0 ? -Infinity : WAIT_BUCKET_BOUNDS_SECONDS[i - 1];
        expect(seconds > lower && seconds <= WAIT_BUCKET_BOUNDS_SECONDS[i]).toBe(true);
      }),
    );
  });

  it.each([-1, Number.NaN, Infinity])('refuses %p seconds', (seconds) => {
    expect(() => waitBucketIndex(seconds)).toThrow(RangeError);
  });
});
