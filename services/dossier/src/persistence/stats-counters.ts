/** Columns of `timeliness_daily` (see its migration); each is an additive counter. */
export const STATS_COUNTERS = [
  'received',
  'received_counter',
  'received_online',
  'received_postal',
  'received_home',
  'received_same_day',
  'finished',
  'early',
  'on_time',
  'late',
  'late_without_apology',
  'late_with_apology',
  'resolved',
  'withdrawn',
  'stopped',
  'refused',
  'same_day_finished',
  'same_day_in_time',
  'apologies',
  'overdue_flagged',
  /** Letters of thanks by issue day (procedure '' when the letter names no dossier). */
  'thank_you_letters',
  /** Supplement requests from the second on for a dossier (breaches of "3 không"), by day of the request. */
  'repeated_supplements',
] as const;
export type StatsCounter = (typeof STATS_COUNTERS)[number];

/** +n on some counters of one (unit, procedure, local day) row. */
export interface StatsDelta {
  unitCode: string;
  procedureCode: string;
  /** Local date 'YYYY-MM-DD'. */
  day: string;
  counts: Partial<Record<StatsCounter, number>>;
}
