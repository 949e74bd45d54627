/** A province's goal: the share (0–1) of its communes certified by the end of `year`. */
export interface CertificationTarget {
  year: number;
  certifiedShare: number;
}

/** Bắc Giang (seed 000): 30% of communes certified in 2023, 60% in 2024, 100% in 2025. */
export const BAC_GIANG_TARGETS: readonly CertificationTarget[] = [
  { year: 2023, certifiedShare: 0.3 },
  { year: 2024, certifiedShare: 0.6 },
  { year: 2025, certifiedShare: 1 },
];

/** Thanh Hóa (seed 002): at least 50% by 2025, 100% by 2030. */
export const THANH_HOA_TARGETS: readonly CertificationTarget[] = [
  { year: 2025, certifiedShare: 0.5 },
  { year: 2030, certifiedShare: 1 },
];

/** The target in force for a year: the latest one set for that year or before, or null. */
export const targetFor = (year: number, targets: readonly CertificationTarget[]): number | null =>
  targets
    .filter((t) => t.year <= year)
    .reduce<CertificationTarget | null>((best, t) => (best === null || t.year > best.year ? t : best), null)
    ?.certifiedShare ?? null;

export type StarLevel = 0 | 1 | 2 | 3 | 4 | 5;

export interface CertificationProgress {
  /** Communes counted, including those whose scorecard is still provisional. */
  total: number;
  certified: number;
  /** Communes whose scorecard is provisional (no star level yet); not certified. */
  pending: number;
  /** certified / total (0–1); 0 when there are no communes. */
  share: number;
  /** Final star levels; pending communes are not in it. */
  byStars: Record<StarLevel, number>;
  target: number | null;
  /** Whether share ≥ target; null without a target. */
  met: boolean | null;
}

/**
 * Progress of the descendant communes toward a certification target.
 *
 * @param starLevels each commune's awarded level (0 = not certified), or null while provisional
 * @param target share of communes to certify (0–1), or null when none is set
 * @param certifiedFrom the lowest level that counts as certified (1; a scheme that gives ★ to everyone,
 *   such as Đồng Nai's, may want 2)
 */
export const certificationProgress = (
  starLevels: readonly (number | null)[],
  target: number | null,
  certifiedFrom = 1,
): CertificationProgress => {
  const byStars: Record<StarLevel, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let pending = 0;
  let certified = 0;
  for (const level of starLevels) {
    if (level === null) {
      pending++;
      continue;
    }
    const clamped = Math.min(5, Math.max(0, Math.floor(level))) as StarLevel;
    byStars[clamped]++;
    if (clamped >= certifiedFrom) certified++;
  }
  const total = starLevels.length;
  const share = total > 0 ? certified / total : 0;
  // Compare counts, not float shares: 0.55 × 100 is 55.00000000000001 in binary, yet 55 communes meet it.
  const needed = target === null ? 0 : Math.ceil(target * total - 1e-9);
  const met = target === null ? null : total > 0 ? certified >= needed : target <= 0;
  return { total, certified, pending, share, byStars, target, met };
};
