import { DEFAULT_CRITERIA } from './default-criteria';
import { Scheme } from './scheme';
import { StarThreshold } from './star-level';

/** Bắc Giang (seed 000): ★ [80,85), ★★ [85,90), ★★★ [90,95), ★★★★ [95,100), ★★★★★ at 100. */
export const BAC_GIANG_THRESHOLDS: readonly StarThreshold[] = [
  { stars: 1, minScore: 80 },
  { stars: 2, minScore: 85 },
  { stars: 3, minScore: 90 },
  { stars: 4, minScore: 95 },
  { stars: 5, minScore: 100 },
];

/** Đồng Nai 2025: ★ below 80, ★★ [80,90), ★★★ [90,95), ★★★★ from 95. */
export const DONG_NAI_2025_THRESHOLDS: readonly StarThreshold[] = [
  { stars: 1, minScore: 0 },
  { stars: 2, minScore: 80 },
  { stars: 3, minScore: 90 },
  { stars: 4, minScore: 95 },
];

export const BAC_GIANG_2023: Scheme = {
  code: 'BAC_GIANG_2023',
  name: 'Bắc Giang 2023 – Chính quyền thân thiện (42 tiêu chí, 100 điểm)',
  totalPoints: 100,
  thresholds: [...BAC_GIANG_THRESHOLDS],
  criteria: [...DEFAULT_CRITERIA],
};

/** Same criteria, Đồng Nai's thresholds: proves that thresholds are data. */
export const DONG_NAI_2025: Scheme = {
  code: 'DONG_NAI_2025',
  name: 'Đồng Nai 2025 – Chính quyền thân thiện (100 điểm)',
  totalPoints: 100,
  thresholds: [...DONG_NAI_2025_THRESHOLDS],
  criteria: [...DEFAULT_CRITERIA],
};

export const DEFAULT_SCHEMES: readonly Scheme[] = [BAC_GIANG_2023, DONG_NAI_2025];
