import { type SatisfactionCount, type SipasElement, WAIT_BUCKET_BOUNDS_SECONDS } from '@fg/kernel';

/**
 * Per-unit, per-period counters that the rating projections keep from dossier, survey and queue events.
 * Every field is a count or a sum, so a parent's aggregates are the sum of its children's
 * (`addAggregates`) and metrics are always derived afterwards (`metricValues`), never averaged.
 */

/** Counts of 1★…5★ ratings: index 0 holds the 1★ count, index 4 the 5★ count. */
export type StarCounts = [number, number, number, number, number];

export interface UnitAggregates {
  /** Dossiers finished in the period (resolved, returned, stopped/refused, withdrawn). */
  dossiersFinished: number;
  early: number;
  onTime: number;
  late: number;
  lateWithApology: number;
  lateWithoutApology: number;
  /** Open dossiers past their due date at the end of the period (a snapshot; adds up across units). */
  openOverdue: number;
  /** Dossiers of same-day procedures finished in the period… */
  sameDayFinished: number;
  /** …and those of them whose result was ready on the day of receipt. */
  sameDayOnTime: number;
  /** Dossiers received or returned at the citizen's home (elderly, disabled, housebound). */
  homeServiceCount: number;
  /** Supplement requests from the second on for a dossier: breaches of "3 không" (docs/domain.md §Supplement requests). */
  repeatedSupplements: number;
  /** Letters of thanks the unit sent to citizens and organisations (issue #15 item 8). */
  thankYouLetters: number;
  surveyResponses: number;
  satisfiedByElement: Record<SipasElement, SatisfactionCount>;
  /** Officer ratings given on the counter tablet after service. */
  starCounts: StarCounts;
  ticketsServed: number;
  /** Sum of waits (ticket issued → first call) in seconds; the number of waits is the histogram's sum. */
  waitSecondsSum: number;
  /** Non-cumulative counts per bucket of WAIT_BUCKET_BOUNDS_SECONDS (same length). */
  waitHistogram: number[];
  /** Appointments booked at the unit (a move is not a new booking), checked in, not come (issue #19). */
  appointmentsBooked: number;
  appointmentsCheckedIn: number;
  appointmentsNoShows: number;
}

export const emptyAggregates = (): UnitAggregates => ({
  dossiersFinished: 0,
  early: 0,
  onTime: 0,
  late: 0,
  lateWithApology: 0,
  lateWithoutApology: 0,
  openOverdue: 0,
  sameDayFinished: 0,
  sameDayOnTime: 0,
  homeServiceCount: 0,
  repeatedSupplements: 0,
  thankYouLetters: 0,
  surveyResponses: 0,
  satisfiedByElement: {
    ACCESS: { satisfied: 0, valid: 0 },
    PROCEDURE: { satisfied: 0, valid: 0 },
    OFFICER: { satisfied: 0, valid: 0 },
    RESULT: { satisfied: 0, valid: 0 },
    FEEDBACK: { satisfied: 0, valid: 0 },
  },
  starCounts: [0, 0, 0, 0, 0],
  ticketsServed: 0,
  waitSecondsSum: 0,
  waitHistogram: WAIT_BUCKET_BOUNDS_SECONDS.map(() => 0),
  appointmentsBooked: 0,
  appointmentsCheckedIn: 0,
  appointmentsNoShows: 0,
});

const addSatisfaction = (a: SatisfactionCount, b: SatisfactionCount): SatisfactionCount => ({
  satisfied: a.satisfied + b.satisfied,
  valid: a.valid + b.valid,
});

/** Sums two aggregates field by field (commutative and associative; `emptyAggregates()` is neutral). */
export const addAggregates = (a: UnitAggregates, b: UnitAggregates): UnitAggregates => ({
  dossiersFinished: a.dossiersFinished + b.dossiersFinished,
  early: a.early + b.early,
  onTime: a.onTime + b.onTime,
  late: a.late + b.late,
  lateWithApology: a.lateWithApology + b.lateWithApology,
  lateWithoutApology: a.lateWithoutApology + b.lateWithoutApology,
  openOverdue: a.openOverdue + b.openOverdue,
  sameDayFinished: a.sameDayFinished + b.sameDayFinished,
  sameDayOnTime: a.sameDayOnTime + b.sameDayOnTime,
  homeServiceCount: a.homeServiceCount + b.homeServiceCount,
  repeatedSupplements: a.repeatedSupplements + b.repeatedSupplements,
  thankYouLetters: a.thankYouLetters + b.thankYouLetters,
  surveyResponses: a.surveyResponses + b.surveyResponses,
  satisfiedByElement: {
    ACCESS: addSatisfaction(a.satisfiedByElement.ACCESS, b.satisfiedByElement.ACCESS),
    PROCEDURE: addSatisfaction(a.satisfiedByElement.PROCEDURE, b.satisfiedByElement.PROCEDURE),
    OFFICER: addSatisfaction(a.satisfiedByElement.OFFICER, b.satisfiedByElement.OFFICER),
    RESULT: addSatisfaction(a.satisfiedByElement.RESULT, b.satisfiedByElement.RESULT),
    FEEDBACK: addSatisfaction(a.satisfiedByElement.FEEDBACK, b.satisfiedByElement.FEEDBACK),
  },
  starCounts: [
    a.starCounts[0] + b.starCounts[0],
    a.starCounts[1] + b.starCounts[1],
    a.starCounts[2] + b.starCounts[2],
    a.starCounts[3] + b.starCounts[3],
    a.starCounts[4] + b.starCounts[4],
  ],
  ticketsServed: a.ticketsServed + b.ticketsServed,
  waitSecondsSum: a.waitSecondsSum + b.waitSecondsSum,
  waitHistogram: WAIT_BUCKET_BOUNDS_SECONDS.map(
    (_, i) => (a.waitHistogram[i] ?? 0) + (b.waitHistogram[i] ?? 0),
  ),
  appointmentsBooked: a.appointmentsBooked + b.appointmentsBooked,
  appointmentsCheckedIn: a.appointmentsCheckedIn + b.appointmentsCheckedIn,
  appointmentsNoShows: a.appointmentsNoShows + b.appointmentsNoShows,
});

/** Rolls children up into their parent's aggregates. */
export const sumAggregates = (list: readonly UnitAggregates[]): UnitAggregates =>
  list.reduce(addAggregates, emptyAggregates());
