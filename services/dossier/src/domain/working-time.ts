import {
  addDays,
  atLocalMinute,
  type LocalDate,
  MINUTE_MS,
  toLocalDate,
  workingPeriodsOn as kernelWorkingPeriodsOn,
} from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';
import type { WorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, type WorkingHours, type WorkingPeriod } from './working-hours';
import { assertInstant } from './calendar-input';

/*
 * Working time = the unit's working periods on the dates the calendar does not mark as days off.
 * All functions take time as data and walk day by day through the calendar.
 * Convention: an instant at a period's closing time (11:30, 17:00) belongs to that period's end,
 * so a deadline reached exactly at closing time is that closing time, never the next opening.
 */

/** Longest run of days with no working time before we call the configuration broken. */
const MAX_IDLE_DAYS = 400;

/** The unit's working periods on `date`: written once in @fg/kernel (issue #19), queue's slots use it too. */
export const workingPeriodsOn = (
  date: LocalDate,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): readonly WorkingPeriod[] => kernelWorkingPeriodsOn(date, calendar, hours);

export const isUnitWorkingDay = (
  date: LocalDate,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): boolean => workingPeriodsOn(date, calendar, hours).length > 0;

/** The first date after `date` on which the unit has working time. */
export const nextWorkingDay = (
  date: LocalDate,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): LocalDate => {
  let d = addDays(date, 1);
  for (let i = 0; !isUnitWorkingDay(d, calendar, hours); i++) {
    if (i > MAX_IDLE_DAYS) throw noWorkingTime(date);
    d = addDays(d, 1);
  }
  return d;
};

/** The unit's closing instant on `date`, or null when it does not work that day. */
export const endOfWorkingDay = (
  date: LocalDate,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date | null => {
  const periods = workingPeriodsOn(date, calendar, hours);
  return periods.length ? atLocalMinute(date, periods[periods.length - 1].endMinute) : null;
};

const noWorkingTime = (from: LocalDate): CalendarRuleError =>
  new CalendarRuleError(
    'CALENDAR.NO_WORKING_TIME',
    `No working time within ${MAX_IDLE_DAYS} days after ${from}`,
    { from },
  );

const bounds = (date: LocalDate, p: WorkingPeriod): [number, number] => [
  atLocalMinute(date, p.startMinute).getTime(),
  atLocalMinute(date, p.endMinute).getTime(),
];

/** True when `at` lies within a working period, both ends included. */
export const isWithinWorkingTime = (
  at: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): boolean => {
  const date = toLocalDate(at);
  return workingPeriodsOn(date, calendar, hours).some((p) => {
    const [s, e] = bounds(date, p);
    return at.getTime() >= s && at.getTime() <= e;
  });
};

/**
 * When the clock starts for something received at `at`: `at` itself inside a working period
 * (start included, closing time excluded), otherwise the start of the next working period
 * (after lunch, or the next working day's opening).
 */
export const clockStartFor = (
  at: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date => {
  assertInstant(at, 'receipt time');
  const t = at.getTime();
  let date = toLocalDate(at);
  for (let i = 0; i <= MAX_IDLE_DAYS; i++, date = addDays(date, 1)) {
    for (const p of workingPeriodsOn(date, calendar, hours)) {
      const [s, e] = bounds(date, p);
      if (t < e) return new Date(Math.max(s, t));
    }
  }
  throw noWorkingTime(toLocalDate(at));
};

/**
 * The earliest instant at which `minutes` of working time have passed since `from`
 * (`from` itself for 0 minutes). Fractions of minutes are kept.
 */
export const addWorkingMinutes = (
  from: Date,
  minutes: number,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date => {
  assertInstant(from);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new CalendarRuleError(
      'CALENDAR.INVALID_PROCESSING_TIME',
      `Working minutes must be a finite number ≥ 0: ${minutes}`,
    );
  }
  let remaining = minutes * MINUTE_MS;
  if (remaining === 0) return from;
  const t = from.getTime();
  let date = toLocalDate(from);
  for (let idle = 0; idle <= MAX_IDLE_DAYS; date = addDays(date, 1)) {
    const periods = workingPeriodsOn(date, calendar, hours);
    idle = periods.length ? 0 : idle + 1;
    for (const p of periods) {
      const [s, e] = bounds(date, p);
      const begin = Math.max(s, t);
      if (begin >= e) continue;
      if (remaining <= e - begin) return new Date(begin + remaining);
      remaining -= e - begin;
    }
  }
  throw noWorkingTime(toLocalDate(from));
};

/** Working time between two instants in milliseconds (0 when `b` is not after `a`). */
export const workingMillisBetween = (
  a: Date,
  b: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): number => {
  assertInstant(a);
  assertInstant(b);
  if (b.getTime() <= a.getTime()) return 0;
  let total = 0;
  const last = toLocalDate(b);
  for (let date = toLocalDate(a); date <= last; date = addDays(date, 1)) {
    for (const p of workingPeriodsOn(date, calendar, hours)) {
      const [s, e] = bounds(date, p);
      total += Math.max(0, Math.min(e, b.getTime()) - Math.max(s, a.getTime()));
    }
  }
  return total;
};

/** Whole minutes of working time between two instants (seconds dropped; 0 when `b` is not after `a`). */
export const workingMinutesBetween = (
  a: Date,
  b: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): number => Math.floor(workingMillisBetween(a, b, calendar, hours) / MINUTE_MS);
