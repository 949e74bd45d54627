import { SIPAS_ELEMENTS, WAIT_BUCKET_BOUNDS_SECONDS } from '@fg/kernel';
import { StarCounts } from '../domain';
import { emptyCounters, MonthlyCounters } from '../events/metric-book';

type Flat = Record<string, number>;

const element = (e: string) => e.toLowerCase();

// Column names built once: toColumns runs for every folded (unit, month) delta of every chunk, and building
// the names per call (template strings, toLowerCase) showed in the rebuild's profile.
const ELEMENT_COLUMNS = SIPAS_ELEMENTS.map(
  (e) => [e, `${element(e)}_satisfied`, `${element(e)}_valid`] as const,
);
const STAR_COLUMNS = [1, 2, 3, 4, 5].map((s) => `stars_${s}`);
const WAIT_BUCKET_COLUMNS = WAIT_BUCKET_BOUNDS_SECONDS.map((_, i) => `wait_bucket_${i + 1}`);

/** Flattens counters into `unit_metrics` columns (one number per column, so SQL can add them). */
export function toColumns(c: MonthlyCounters): Flat {
  const flat: Flat = {
    dossiers_received: c.dossiersReceived,
    dossiers_finished: c.dossiersFinished,
    early: c.early,
    on_time: c.onTime,
    late: c.late,
    late_with_apology: c.lateWithApology,
    late_without_apology: c.lateWithoutApology,
    open_overdue_delta: c.openOverdue,
    same_day_finished: c.sameDayFinished,
    same_day_on_time: c.sameDayOnTime,
    home_service: c.homeServiceCount,
    apologies_issued: c.apologiesIssued,
    survey_responses: c.surveyResponses,
    repeated_supplements: c.repeatedSupplements,
    thank_you_letters: c.thankYouLetters,
    received_counter: c.receivedCounter,
    received_online: c.receivedOnline,
    received_postal: c.receivedPostal,
  };
  for (const [e, satisfied, valid] of ELEMENT_COLUMNS) {
    flat[satisfied] = c.satisfiedByElement[e].satisfied;
    flat[valid] = c.satisfiedByElement[e].valid;
  }
  for (let i = 0; i < STAR_COLUMNS.length; i++) flat[STAR_COLUMNS[i]] = c.starCounts[i];
  flat.tickets_served = c.ticketsServed;
  flat.wait_seconds_sum = c.waitSecondsSum;
  flat.service_seconds_sum = c.serviceSecondsSum;
  for (let i = 0; i < WAIT_BUCKET_COLUMNS.length; i++) flat[WAIT_BUCKET_COLUMNS[i]] = c.waitHistogram[i] ?? 0;
  flat.appointments_booked = c.appointmentsBooked;
  flat.appointments_checked_in = c.appointmentsCheckedIn;
  flat.appointments_no_shows = c.appointmentsNoShows;
  return flat;
}

export const METRIC_COLUMNS: readonly string[] = Object.keys(toColumns(emptyCounters()));

/** Reads summed columns back (pg returns bigint sums as strings; a missing sum is 0). */
export function fromColumns(row: Record<string, unknown>): MonthlyCounters {
  const n = (col: string) => Number(row[col] ?? 0);
  // One literal with the names built once, as in toColumns: a ranking maps ~1,000 rows, and filling an
  // emptyCounters() object (building each column name again) took as long as the query (issue #21).
  const satisfiedByElement = {} as MonthlyCounters['satisfiedByElement'];
  for (const [e, satisfied, valid] of ELEMENT_COLUMNS)
    satisfiedByElement[e] = { satisfied: n(satisfied), valid: n(valid) };
  return {
    dossiersFinished: n('dossiers_finished'),
    early: n('early'),
    onTime: n('on_time'),
    late: n('late'),
    lateWithApology: n('late_with_apology'),
    lateWithoutApology: n('late_without_apology'),
    openOverdue: n('open_overdue_delta'),
    sameDayFinished: n('same_day_finished'),
    sameDayOnTime: n('same_day_on_time'),
    homeServiceCount: n('home_service'),
    repeatedSupplements: n('repeated_supplements'),
    thankYouLetters: n('thank_you_letters'),
    surveyResponses: n('survey_responses'),
    satisfiedByElement,
    starCounts: STAR_COLUMNS.map(n) as StarCounts,
    ticketsServed: n('tickets_served'),
    waitSecondsSum: n('wait_seconds_sum'),
    waitHistogram: WAIT_BUCKET_COLUMNS.map(n),
    appointmentsBooked: n('appointments_booked'),
    appointmentsCheckedIn: n('appointments_checked_in'),
    appointmentsNoShows: n('appointments_no_shows'),
    dossiersReceived: n('dossiers_received'),
    apologiesIssued: n('apologies_issued'),
    receivedCounter: n('received_counter'),
    receivedOnline: n('received_online'),
    receivedPostal: n('received_postal'),
    serviceSecondsSum: n('service_seconds_sum'),
  };
}

/** True when a delta adds nothing (e.g. a batch of events for other types), so no row needs writing. */
export const isZero = (c: MonthlyCounters): boolean => isZeroFlat(toColumns(c));

/** The same test on counters already flattened (the upsert flattens each delta once). */
export function isZeroFlat(flat: Flat): boolean {
  for (const k in flat) if (flat[k] !== 0) return false;
  return true;
}
