/*
 * A unit's working hours moved to @fg/kernel (working-hours.ts, issue #19) so the queue service computes
 * appointment slots with the same logic; dossier's domain keeps importing them from here.
 */
export {
  DEFAULT_WORKING_HOURS,
  DEFAULT_WORKING_HOURS_CONFIG,
  defineWorkingHours,
  periodsForWeekday,
  withWeekday,
  WEEKDAY_CODES,
} from '@fg/kernel';
export type {
  WeekdayCode,
  WorkingHours,
  WorkingHoursConfig,
  WorkingPeriod,
  WorkingPeriodConfig,
} from '@fg/kernel';
