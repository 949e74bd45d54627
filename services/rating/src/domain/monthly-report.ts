import { SIPAS_ELEMENTS, type SipasElement } from '@fg/kernel';
import { metricValues } from './metrics';
import { roundTo } from './rounding';
import type { NextStar } from './scorecard';
import { emptyAggregates, type UnitAggregates } from './unit-aggregates';

/** One unit's month as rating projects it (unit_metrics rolled up over the subtree and lineage). */
export interface ReportCounters extends UnitAggregates {
  dossiersReceived: number;
  apologiesIssued: number;
  receivedCounter: number;
  receivedOnline: number;
  receivedPostal: number;
  serviceSecondsSum: number;
}

/** The year's scorecard as the report quotes it. */
export interface ReportScorecard {
  score: number;
  totalPoints: number;
  stars: number | null;
  provisional: boolean;
  provisionalStars: number;
  missingAssessments: string[];
  nextStar: NextStar | null;
}

export const SIPAS_ELEMENT_LABEL_VI: Record<SipasElement, string> = {
  ACCESS: 'Tiếp cận dịch vụ',
  PROCEDURE: 'Thủ tục hành chính',
  OFFICER: 'Công chức phục vụ',
  RESULT: 'Kết quả giải quyết',
  FEEDBACK: 'Tiếp nhận, xử lý góp ý',
};

export interface MonthlyReportFigures {
  /** `YYYY-MM` */
  month: string;
  dossiers: {
    received: number;
    byChannel: { counter: number; online: number; postal: number; home: number };
    finished: number;
    early: number;
    onTime: number;
    late: number;
    lateWithApology: number;
    lateWithoutApology: number;
    /** Percent, 1 decimal; null with nothing finished. */
    onTimeRate: number | null;
    sameDayRate: number | null;
    /** Open and past due at the end of the month. */
    openOverdue: number;
    repeatedSupplements: number;
  };
  letters: { apologies: number; thanks: number };
  satisfaction: {
    responses: number;
    sipasIndexPercent: number | null;
    byElement: { element: SipasElement; label: string; valid: number; satisfiedPercent: number | null }[];
    ratings: number;
    starMean: number | null;
    starCounts: number[];
  };
  queue: {
    served: number;
    meanWaitMinutes: number | null;
    p90WaitMinutes: number | null;
    meanServiceMinutes: number | null;
  };
  /** January to the month: the year's trend. */
  trend: {
    month: string;
    received: number;
    finished: number;
    onTimeRate: number | null;
    sipasIndexPercent: number | null;
  }[];
  stars: ReportScorecard;
}

const r1 = (v: number | null): number | null => (v === null ? null : roundTo(v, 1));

/**
 * The figures a commune reports upward for a month (issue #20): dossiers by channel and timeliness, apologies
 * and thanks, satisfaction, queue, and the year's stars with what the next one needs. `months` are the year's
 * months from January to the report's month (the last one is the report's); rates follow the scorecard's
 * metric definitions (metricValues), so they are the numbers the scorecard scores. Rates and means are
 * rounded to 1 decimal for reading.
 */
export function monthlyReportFigures(
  year: number,
  months: readonly ReportCounters[],
  card: ReportScorecard,
): MonthlyReportFigures {
  if (months.length < 1 || months.length > 12) throw new RangeError('a report covers 1 to 12 months');
  const label = (i: number) => `${year}-${String(i + 1).padStart(2, '0')}`;
  const c = months[months.length - 1];
  const m = metricValues(c);
  const served = c.ticketsServed;
  return {
    month: label(months.length - 1),
    dossiers: {
      received: c.dossiersReceived,
      byChannel: {
        counter: c.receivedCounter,
        online: c.receivedOnline,
        postal: c.receivedPostal,
        home: c.homeServiceCount,
      },
      finished: c.dossiersFinished,
      early: c.early,
      onTime: c.onTime,
      late: c.late,
      lateWithApology: c.lateWithApology,
      lateWithoutApology: c.lateWithoutApology,
      onTimeRate: r1(m.ON_TIME_RATE),
      sameDayRate: r1(m.SAME_DAY_RATE),
      openOverdue: c.openOverdue,
      repeatedSupplements: c.repeatedSupplements,
    },
    letters: { apologies: c.apologiesIssued, thanks: c.thankYouLetters },
    satisfaction: {
      responses: c.surveyResponses,
      sipasIndexPercent: r1(m.SATISFACTION_RATE),
      byElement: SIPAS_ELEMENTS.map((element) => {
        const e = c.satisfiedByElement[element];
        return {
          element,
          label: SIPAS_ELEMENT_LABEL_VI[element],
          valid: e.valid,
          satisfiedPercent: e.valid > 0 ? roundTo((100 * e.satisfied) / e.valid, 1) : null,
        };
      }),
      ratings: m.OFFICER_RATINGS_COUNT ?? 0,
      starMean: m.OFFICER_STAR_MEAN === null ? null : roundTo(m.OFFICER_STAR_MEAN, 2),
      starCounts: [...c.starCounts],
    },
    queue: {
      served,
      meanWaitMinutes: r1(m.AVG_WAIT_MINUTES),
      p90WaitMinutes: r1(m.P90_WAIT_MINUTES),
      meanServiceMinutes: served > 0 ? roundTo(c.serviceSecondsSum / served / 60, 1) : null,
    },
    trend: months.map((x, i) => {
      const v = metricValues(x);
      return {
        month: label(i),
        received: x.dossiersReceived,
        finished: x.dossiersFinished,
        onTimeRate: r1(v.ON_TIME_RATE),
        sipasIndexPercent: r1(v.SATISFACTION_RATE),
      };
    }),
    stars: card,
  };
}

/** Zero counters (a month without activity). */
export const emptyReportCounters = (): ReportCounters => ({
  ...emptyAggregates(),
  dossiersReceived: 0,
  apologiesIssued: 0,
  receivedCounter: 0,
  receivedOnline: 0,
  receivedPostal: 0,
  serviceSecondsSum: 0,
});
