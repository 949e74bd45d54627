import { BAC_GIANG_THRESHOLDS, DONG_NAI_2025_THRESHOLDS } from './default-schemes';
import { nextThreshold, starsFor } from './star-level';

describe('starsFor', () => {
  describe('with the Bắc Giang thresholds', () => {
    it.each([
      [0, 0],
      [79.99, 0],
      [80, 1],
      [84.99, 1],
      [85, 2],
      [89.99, 2],
      [90, 3],
      [94.99, 3],
      [95, 4],
      [99.99, 4],
      [100, 5],
    ])('gives %s points %s stars', (score, stars) => {
      expect(starsFor(score, BAC_GIANG_THRESHOLDS)).toBe(stars);
    });

    it('decides on the score rounded to 2 decimals', () => {
      const floatSum = Array<number>(800)
        .fill(0.1)
        .reduce((s, x) => s + x, 0); // 79.99999999999973 in binary
      expect(floatSum).toBeLessThan(80);
      expect(starsFor(floatSum, BAC_GIANG_THRESHOLDS)).toBe(1);
      expect(starsFor(79.994, BAC_GIANG_THRESHOLDS)).toBe(0);
      expect(starsFor(79.995, BAC_GIANG_THRESHOLDS)).toBe(1);
      expect(starsFor(99.996, BAC_GIANG_THRESHOLDS)).toBe(5);
    });
  });

  describe('with the Đồng Nai 2025 thresholds', () => {
    it.each([
      [0, 1],
      [79.99, 1],
      [80, 2],
      [89.99, 2],
      [90, 3],
      [95, 4],
      [100, 4],
    ])('gives %s points %s stars', (score, stars) => {
      expect(starsFor(score, DONG_NAI_2025_THRESHOLDS)).toBe(stars);
    });
  });

  it('does not depend on the order thresholds are listed in', () => {
    expect(starsFor(91, [...BAC_GIANG_THRESHOLDS].reverse())).toBe(3);
  });
});

describe('nextThreshold', () => {
  it('is the next level up, or null at the top', () => {
    expect(nextThreshold(50, BAC_GIANG_THRESHOLDS)).toEqual({ stars: 1, minScore: 80 });
    expect(nextThreshold(86, BAC_GIANG_THRESHOLDS)).toEqual({ stars: 3, minScore: 90 });
    expect(nextThreshold(100, BAC_GIANG_THRESHOLDS)).toBeNull();
    expect(nextThreshold(96, DONG_NAI_2025_THRESHOLDS)).toBeNull();
  });
});
