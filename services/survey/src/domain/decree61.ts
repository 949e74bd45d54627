/**
 * Decree 61/2018/NĐ-CP per-dossier evaluation: nine indicators, each scored 0, 1 or 2 (maximum 18).
 * The indicator numbers are the decree's order; questions carry them as `indicator`.
 */
export const DECREE61_INDICATORS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Decree61Indicator = (typeof DECREE61_INDICATORS)[number];
export type Decree61Score = 0 | 1 | 2;
export const DECREE61_MAX_TOTAL = 18;

export const DECREE61_INDICATOR_NAMES: Readonly<Record<Decree61Indicator, { vi: string; en: string }>> = {
  1: { vi: 'Tổng thời gian giải quyết so với thời gian quy định', en: 'processing time vs the legal limit' },
  2: { vi: 'Thời gian thực hiện tại từng cơ quan tham gia giải quyết', en: 'time at each body' },
  3: { vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', en: 'number of contacts' },
  4: { vi: 'Số cơ quan, đơn vị phải liên hệ', en: 'number of bodies' },
  5: { vi: 'Tiếp nhận và trả kết quả tại Bộ phận Một cửa', en: 'handled at the one-stop counter' },
  6: { vi: 'Công khai thủ tục hành chính', en: 'procedure publicly posted' },
  7: { vi: 'Thái độ của cán bộ, công chức', en: 'officer attitude' },
  8: { vi: 'Xử lý phản ánh, kiến nghị đúng hạn', en: 'complaints answered on time' },
  9: { vi: 'Cung cấp thông tin tiến độ trực tuyến', en: 'online progress' },
};

export const DECREE61_CLASSES = ['VERY_GOOD', 'GOOD', 'FAIR', 'POOR'] as const;
export type Decree61Class = (typeof DECREE61_CLASSES)[number];

/** A class applies from `min` (inclusive) up to the next higher band. */
export interface Decree61Band {
  cls: Decree61Class;
  min: number;
  labelVi: string;
}

/**
 * OUR ASSUMPTION, not the decree's text: ≥ 16 Rất tốt, 13–15 Tốt, 10–12 Khá, < 10 Chưa đạt.
 * Bands are data (docs/domain.md §Surveys: rules that change by decree are configurable); aggregates also
 * keep the distribution of raw totals, so a corrected scheme can be re-applied to history.
 */
export const DEFAULT_DECREE61_BANDS: readonly Decree61Band[] = Object.freeze([
  { cls: 'VERY_GOOD', min: 16, labelVi: 'Rất tốt' },
  { cls: 'GOOD', min: 13, labelVi: 'Tốt' },
  { cls: 'FAIR', min: 10, labelVi: 'Khá' },
  { cls: 'POOR', min: 0, labelVi: 'Chưa đạt' },
]);

export const isDecree61Indicator = (v: unknown): v is Decree61Indicator =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 9;

/** Sum of the nine scores, or null unless every indicator was scored (a partial total is not comparable). */
export const decree61Total = (
  byIndicator: Partial<Record<Decree61Indicator, Decree61Score>>,
): number | null => {
  let total = 0;
  for (const i of DECREE61_INDICATORS) {
    const s = byIndicator[i];
    if (s === undefined) return null;
    total += s;
  }
  return total;
};

/** Class of a 0..18 total; throws RangeError outside 0..18 or for a non-integer (a programming error). */
export const classifyDecree61 = (
  total: number,
  bands: readonly Decree61Band[] = DEFAULT_DECREE61_BANDS,
): Decree61Class => {
  if (!Number.isInteger(total) || total < 0 || total > DECREE61_MAX_TOTAL) {
    throw new RangeError(`Decree 61 total must be an integer 0..18, got ${total}`);
  }
  const band = [...bands].sort((a, b) => b.min - a.min).find((b) => total >= b.min);
  if (!band) throw new RangeError(`no Decree 61 band covers ${total}`);
  return band.cls;
};
