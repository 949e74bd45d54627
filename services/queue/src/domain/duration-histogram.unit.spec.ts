import fc from 'fast-check';
import { WAIT_BUCKET_BOUNDS_SECONDS, waitBucketIndex } from '@fg/kernel';
import {
  bucketIndex,
  emptyHistogram,
  histogramOf,
  histogramPercentile,
  mergeHistograms,
} from './duration-histogram';
import { nearestRankPercentile } from './queue-stats';

const durations = fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 200 });

describe('duration histogram', () => {
  it('puts a duration in the first bucket whose upper bound it does not exceed', () => {
    expect(WAIT_BUCKET_BOUNDS_SECONDS).toHaveLength(13);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(30)).toBe(0);
    expect(bucketIndex(30.5)).toBe(1);
    expect(bucketIndex(300)).toBe(3);
    expect(bucketIndex(7200)).toBe(11);
    expect(bucketIndex(7201)).toBe(12);
    expect(() => bucketIndex(-1)).toThrow(expect.objectContaining({ code: 'QUEUE.INVALID_INPUT' }));
    expect(() => bucketIndex(Number.NaN)).toThrow(expect.objectContaining({ code: 'QUEUE.INVALID_INPUT' }));
  });

  it("puts a wait in the same bucket as the rating service does (the kernel's wait buckets)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (seconds) => {
        expect(bucketIndex(seconds)).toBe(waitBucketIndex(seconds));
        expect(histogramOf([seconds]).buckets[waitBucketIndex(seconds)]).toBe(1);
      }),
    );
  });

  it('keeps count, sum, min, max and bucket counts', () => {
    expect(histogramOf([10, 45, 45, 400, 9000])).toEqual({
      count: 5,
      sumSeconds: 9500,
      minSeconds: 10,
      maxSeconds: 9000,
      buckets: [1, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1],
    });
  });

  it('gives null percentiles when empty and refuses p outside (0, 100]', () => {
    expect(histogramPercentile(emptyHistogram(), 50)).toBeNull();
    expect(() => histogramPercentile(histogramOf([1]), 0)).toThrow();
    expect(() => histogramPercentile(histogramOf([1]), 101)).toThrow();
  });

  it('interpolates inside the bucket, narrowed to the observed min and max', () => {
    // 10 waits: four of 1–2 min, six of 5–10 min. Median is the 5th → first of six in (300, 600].
    const h = histogramOf([70, 80, 90, 100, 310, 320, 400, 450, 500, 540]);
    expect(histogramPercentile(h, 50)).toBe(300 + Math.round((540 - 300) / 6)); // 340; exact: 310
    expect(histogramPercentile(h, 90)).toBe(300 + (540 - 300) * (5 / 6)); // 500; exact: 500
    expect(histogramPercentile(h, 100)).toBe(540);
    expect(histogramPercentile(h, 10)).toBe(70); // the min, pinned
    expect(histogramPercentile(h, 20)).toBe(70 + Math.round((120 - 70) / 4)); // 83; exact: 80
  });

  it('is exact for the smallest and largest sample, so for one or two samples and for equal samples', () => {
    expect(histogramPercentile(histogramOf([420, 420, 420]), 50)).toBe(420);
    expect(histogramPercentile(histogramOf([240, 600]), 50)).toBe(240);
    expect(histogramPercentile(histogramOf([250, 280]), 50)).toBe(250);
    expect(histogramPercentile(histogramOf([250, 280]), 90)).toBe(280);
    expect(histogramPercentile(histogramOf([4000]), 50)).toBe(4000);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 100 }),
        (samples) => {
          const h = histogramOf(samples);
          expect(histogramPercentile(h, 100)).toBe(Math.max(...samples));
          expect(histogramPercentile(h, 1e-9)).toBe(Math.min(...samples)); // k = 1
        },
      ),
    );
  });

  it('merges like concatenating the samples (associative, commutative, empty is identity)', () => {
    fc.assert(
      fc.property(durations, durations, durations, (a, b, c) => {
        const [ha, hb, hc] = [a, b, c].map(histogramOf);
        expect(mergeHistograms(ha, hb)).toEqual(histogramOf([...a, ...b]));
        expect(mergeHistograms(hb, ha)).toEqual(mergeHistograms(ha, hb));
        expect(mergeHistograms(mergeHistograms(ha, hb), hc)).toEqual(
          mergeHistograms(ha, mergeHistograms(hb, hc)),
        );
        expect(mergeHistograms(ha, emptyHistogram())).toEqual(ha);
      }),
    );
  });

  it('estimates each percentile within the width of the bucket holding the exact value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (samples, p) => {
          const exact = nearestRankPercentile(
            [...samples].sort((x, y) => x - y),
            p,
          )!;
          const estimate = histogramPercentile(histogramOf(samples), p)!;
          const i = bucketIndex(exact);
          const lo = Math.max(i === 0 ? 0 : WAIT_BUCKET_BOUNDS_SECONDS[i - 1], Math.min(...samples));
          const hi = Math.min(WAIT_BUCKET_BOUNDS_SECONDS[i], Math.max(...samples));
          expect(estimate).toBeGreaterThanOrEqual(Math.floor(lo));
          expect(estimate).toBeLessThanOrEqual(Math.ceil(hi));
        },
      ),
    );
  });
});
