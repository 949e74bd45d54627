import { satisfiedPercent, sipasIndexPercent, WAIT_BUCKET_BOUNDS_SECONDS } from '@fg/kernel';
import { UnitAggregates } from './unit-aggregates';

export type MetricUnit = 'PERCENT' | 'COUNT' | 'STARS' | 'MINUTES';

export interface MetricDefinition {
  /** Vietnamese description, shown beside the value on a scorecard. */
  description: string;
  unit: MetricUnit;
}

/**
 * The metrics a COMPUTED criterion may name. Rates are percentages (0–100) so that scheme rules read
 * like the provincial documents ("≥ 98%" is `min: 98`).
 */
export const METRICS = {
  DOSSIERS_FINISHED: { description: 'Số hồ sơ đã giải quyết xong trong kỳ', unit: 'COUNT' },
  ON_TIME_RATE: { description: 'Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn', unit: 'PERCENT' },
  OPEN_OVERDUE_COUNT: { description: 'Số hồ sơ đang giải quyết đã quá hạn (tồn đọng)', unit: 'COUNT' },
  LATE_WITHOUT_APOLOGY_COUNT: { description: 'Số hồ sơ trễ hạn không có văn bản xin lỗi', unit: 'COUNT' },
  REPEATED_SUPPLEMENT_COUNT: {
    description: 'Số lần yêu cầu bổ sung hồ sơ từ lần thứ hai trở lên (vi phạm "3 không")',
    unit: 'COUNT',
  },
  THANK_YOU_LETTER_COUNT: { description: 'Số thư cảm ơn đã gửi người dân, tổ chức', unit: 'COUNT' },
  APOLOGY_COVERAGE: { description: 'Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi và hẹn lại', unit: 'PERCENT' },
  SAME_DAY_RATE: {
    description: 'Tỷ lệ hồ sơ thủ tục trong ngày được trả kết quả trong ngày',
    unit: 'PERCENT',
  },
  HOME_SERVICE_COUNT: { description: 'Số trường hợp giải quyết thủ tục hành chính tại nhà', unit: 'COUNT' },
  SURVEY_RESPONSES: { description: 'Số phiếu khảo sát sự hài lòng đã thu', unit: 'COUNT' },
  // The SIPAS index of docs/domain.md §Surveys (kernel `sipasIndexPercent`), the same number as the survey
  // dashboard's `sipasIndexPercent`; the name stays because schemes stored as data refer to it.
  SATISFACTION_RATE: {
    description: 'Chỉ số hài lòng SIPAS: bình quân tỷ lệ hài lòng của các yếu tố được đánh giá',
    unit: 'PERCENT',
  },
  SATISFACTION_ACCESS: { description: 'Tỷ lệ hài lòng về tiếp cận dịch vụ', unit: 'PERCENT' },
  SATISFACTION_PROCEDURE: { description: 'Tỷ lệ hài lòng về thủ tục hành chính', unit: 'PERCENT' },
  SATISFACTION_OFFICER: { description: 'Tỷ lệ hài lòng về công chức trực tiếp giải quyết', unit: 'PERCENT' },
  SATISFACTION_RESULT: { description: 'Tỷ lệ hài lòng về kết quả giải quyết', unit: 'PERCENT' },
  SATISFACTION_FEEDBACK: {
    description: 'Tỷ lệ hài lòng về tiếp nhận, xử lý góp ý, phản ánh',
    unit: 'PERCENT',
  },
  OFFICER_RATINGS_COUNT: { description: 'Số lượt đánh giá công chức tại quầy', unit: 'COUNT' },
  OFFICER_STAR_MEAN: { description: 'Điểm đánh giá bình quân công chức tại quầy (1–5 sao)', unit: 'STARS' },
  TICKETS_SERVED: { description: 'Số lượt phục vụ qua hệ thống lấy số thứ tự', unit: 'COUNT' },
  AVG_WAIT_MINUTES: { description: 'Thời gian chờ bình quân đến lượt (phút)', unit: 'MINUTES' },
  P90_WAIT_MINUTES: { description: 'Thời gian chờ mà 90% lượt không vượt quá (phút)', unit: 'MINUTES' },
  APPOINTMENTS_BOOKED: { description: 'Số lượt đặt lịch hẹn trực tuyến', unit: 'COUNT' },
  APPOINTMENT_SHOW_RATE: {
    description: 'Tỷ lệ lịch hẹn người dân đến đúng hẹn (đã đến nhận số / đã đến hoặc không đến)',
    unit: 'PERCENT',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export const isMetricName = (name: unknown): name is MetricName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(METRICS, name);

/** A metric value, or null when there is nothing to measure (e.g. a rate with an empty denominator). */
export type MetricValues = Record<MetricName, number | null>;

// Multiply before dividing so that exact ratios stay exact (7/100 → 7, not 7.000000000000001).
const percent = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

/**
 * The wait below which 90% of waits fall, interpolated linearly inside the histogram bucket (as Prometheus'
 * histogram_quantile does). A quantile in the open last bucket is reported as that bucket's lower bound.
 */
const p90WaitSeconds = (histogram: readonly number[]): number | null => {
  const total = histogram.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = 0.9 * total;
  let below = 0;
  for (let i = 0; i < WAIT_BUCKET_BOUNDS_SECONDS.length; i++) {
    const count = histogram[i] ?? 0;
    const lower = i === 0 ? 0 : WAIT_BUCKET_BOUNDS_SECONDS[i - 1];
    const upper = WAIT_BUCKET_BOUNDS_SECONDS[i];
    if (count > 0 && below + count >= rank) {
      if (upper === Infinity) return lower;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return null;
};

/**
 * Derives every catalogue metric from a unit's aggregates. Dossier failure counts (open overdue, late
 * without apology) are null when the unit had no dossier activity at all, so that a unit that is not yet
 * connected earns no "no backlog" points; queue, home-service and survey counts are always numbers
 * because 0 means "not in use".
 */
export const metricValues = (a: UnitAggregates): MetricValues => {
  const hasDossiers = a.dossiersFinished > 0 || a.openOverdue > 0;
  const ratings = a.starCounts.reduce((s, n) => s + n, 0);
  const starSum = a.starCounts.reduce((s, n, i) => s + n * (i + 1), 0);
  const waits = a.waitHistogram.reduce((s, n) => s + n, 0);
  const p90 = p90WaitSeconds(a.waitHistogram);
  return {
    DOSSIERS_FINISHED: a.dossiersFinished,
    ON_TIME_RATE: percent(a.early + a.onTime, a.dossiersFinished),
    OPEN_OVERDUE_COUNT: hasDossiers ? a.openOverdue : null,
    LATE_WITHOUT_APOLOGY_COUNT: hasDossiers ? a.lateWithoutApology : null,
    // A repeat is dossier activity too, so a unit with repeats but nothing finished yet still shows them.
    REPEATED_SUPPLEMENT_COUNT: hasDossiers || a.repeatedSupplements > 0 ? a.repeatedSupplements : null,
    // 0 means none sent, as for home service: a count of good practice, not a failure rate.
    THANK_YOU_LETTER_COUNT: a.thankYouLetters,
    APOLOGY_COVERAGE: percent(a.lateWithApology, a.late),
    SAME_DAY_RATE: percent(a.sameDayOnTime, a.sameDayFinished),
    HOME_SERVICE_COUNT: a.homeServiceCount,
    SURVEY_RESPONSES: a.surveyResponses,
    SATISFACTION_RATE: sipasIndexPercent(a.satisfiedByElement),
    SATISFACTION_ACCESS: satisfiedPercent(a.satisfiedByElement.ACCESS),
    SATISFACTION_PROCEDURE: satisfiedPercent(a.satisfiedByElement.PROCEDURE),
    SATISFACTION_OFFICER: satisfiedPercent(a.satisfiedByElement.OFFICER),
    SATISFACTION_RESULT: satisfiedPercent(a.satisfiedByElement.RESULT),
    SATISFACTION_FEEDBACK: satisfiedPercent(a.satisfiedByElement.FEEDBACK),
    OFFICER_RATINGS_COUNT: ratings,
    OFFICER_STAR_MEAN: ratings > 0 ? starSum / ratings : null,
    TICKETS_SERVED: a.ticketsServed,
    AVG_WAIT_MINUTES: waits > 0 ? a.waitSecondsSum / waits / 60 : null,
    P90_WAIT_MINUTES: p90 === null ? null : p90 / 60,
    APPOINTMENTS_BOOKED: a.appointmentsBooked,
    APPOINTMENT_SHOW_RATE: percent(a.appointmentsCheckedIn, a.appointmentsCheckedIn + a.appointmentsNoShows),
  };
};
