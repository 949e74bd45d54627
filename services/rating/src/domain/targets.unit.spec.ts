import { BAC_GIANG_TARGETS, certificationProgress, targetFor, THANH_HOA_TARGETS } from './targets';

describe('targets', () => {
  it('gives Bắc Giang 30% in 2023, 60% in 2024, 100% from 2025', () => {
    expect(targetFor(2022, BAC_GIANG_TARGETS)).toBeNull();
    expect(targetFor(2023, BAC_GIANG_TARGETS)).toBe(0.3);
    expect(targetFor(2024, BAC_GIANG_TARGETS)).toBe(0.6);
    expect(targetFor(2025, BAC_GIANG_TARGETS)).toBe(1);
    expect(targetFor(2026, BAC_GIANG_TARGETS)).toBe(1);
  });

  it('keeps Thanh Hóa’s 50% between 2025 and 2030', () => {
    expect(targetFor(2027, THANH_HOA_TARGETS)).toBe(0.5);
    expect(targetFor(2030, THANH_HOA_TARGETS)).toBe(1);
  });
});

describe('certificationProgress', () => {
  describe('when 3 of 10 communes are certified against Bắc Giang’s 2023 target', () => {
    const progress = certificationProgress([0, 1, 0, 2, 0, 0, 5, 0, 0, 0], 0.3);

    it('counts them by star level and meets the 30% target', () => {
      expect(progress).toEqual({
        total: 10,
        certified: 3,
        pending: 0,
        share: 0.3,
        byStars: { 0: 7, 1: 1, 2: 1, 3: 0, 4: 0, 5: 1 },
        target: 0.3,
        met: true,
      });
    });
  });

  it('does not meet 60% with 3 of 10', () => {
    expect(certificationProgress([0, 1, 0, 2, 0, 0, 5, 0, 0, 0], 0.6).met).toBe(false);
  });

  it('counts provisional communes as pending, not certified', () => {
    const progress = certificationProgress([null, 3, null], 0.3);
    expect(progress).toMatchObject({
      total: 3,
      certified: 1,
      pending: 2,
      byStars: { 0: 0, 3: 1 },
      met: true,
    });
  });

  it('compares counts, not floating-point shares', () => {
    const levels = [...Array(55).fill(1), ...Array(45).fill(0)];
    expect(0.55 * 100).toBeGreaterThan(55);
    expect(certificationProgress(levels, 0.55).met).toBe(true);
  });

  it('lets a scheme that gives ★ to everyone count certification from ★★', () => {
    expect(certificationProgress([1, 1, 2, 4], 0.5, 2)).toMatchObject({ certified: 2, met: true });
  });

  it('has no verdict without a target, and no share without communes', () => {
    expect(certificationProgress([1], null).met).toBeNull();
    expect(certificationProgress([], 0.3)).toMatchObject({ total: 0, share: 0, met: false });
  });
});
