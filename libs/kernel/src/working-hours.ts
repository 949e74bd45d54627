import { addDays, type LocalDate, type Weekday, weekdayOf } from './local-date';
import { atLocalMinute, MINUTE_MS, startOfLocalDay, toLocalDate } from './vietnam-time';
import { RuleError } from './rule-error';

/*
 * A unit's working hours (configurable per unit, docs/domain.md §Working hours; default 07:00–11:30
 * and 13:30–17:00, Monday–Friday). Times are local Asia/Ho_Chi_Minh wall-clock times. Vietnam keeps a
 * fixed UTC+7 with no daylight saving, so a local time maps to exactly one instant by subtracting 7 hours
 * (vietnam-time.ts); no time-zone library is needed.
 * Shared since issue #19: dossier computes deadlines with it and queue its appointment slots, both from the
 * hours dossier owns and publishes (calendar.schedule-published), so both read one calendar logic.
 */

export type WeekdayCode = 'SUN' | 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT';
export const WEEKDAY_CODES: readonly WeekdayCode[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** 'HH:mm' local times; `end` may be '24:00'. */
export interface WorkingPeriodConfig {
  start: string;
  end: string;
}

export interface WorkingHoursConfig {
  /** Periods per weekday; a missing weekday has no working time. */
  weekly: Partial<Record<WeekdayCode, readonly WorkingPeriodConfig[]>>;
  /** Hours of a make-up working day (a working Saturday); default: the Monday periods. */
  makeUpDay?: readonly WorkingPeriodConfig[];
  /** Same-day procedures received after this local time are due the next working day; default '15:00'. */
  sameDayCutoff?: string;
}

/** Minutes after local midnight, `startMinute < endMinute`. */
export interface WorkingPeriod {
  startMinute: number;
  endMinute: number;
}

export interface WorkingHours {
  /** Sorted, non-overlapping periods, indexed by `Weekday` (0 = Sunday). */
  readonly byWeekday: readonly (readonly WorkingPeriod[])[];
  readonly makeUpDay: readonly WorkingPeriod[];
  readonly sameDayCutoffMinute: number;
  readonly config: WorkingHoursConfig;
}

const OFFICE_DAY: readonly WorkingPeriodConfig[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export const DEFAULT_WORKING_HOURS_CONFIG: WorkingHoursConfig = {
  weekly: { MON: OFFICE_DAY, TUE: OFFICE_DAY, WED: OFFICE_DAY, THU: OFFICE_DAY, FRI: OFFICE_DAY },
  sameDayCutoff: '15:00',
};

/** Refused working hours (400): a malformed time, overlapping periods, an unknown weekday. */
export class WorkingHoursError extends RuleError<'WORKING_HOURS.INVALID'> {
  constructor(message: string) {
    super('INVALID', 'WORKING_HOURS.INVALID', message, {});
  }
}

const invalid = (message: string): WorkingHoursError => new WorkingHoursError(message);

const parseTime = (text: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(text ?? '');
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60)
    throw invalid(`Invalid time (expected HH:mm, 00:00–24:00): ${text}`);
  return minutes;
};

const parsePeriods = (periods: readonly WorkingPeriodConfig[], where: string): WorkingPeriod[] => {
  const parsed = periods
    .map((p) => ({ startMinute: parseTime(p.start), endMinute: parseTime(p.end) }))
    .sort((a, b) => a.startMinute - b.startMinute);
  parsed.forEach((p, i) => {
    if (p.startMinute >= p.endMinute) throw invalid(`${where}: a period must end after it starts`);
    if (i > 0 && p.startMinute < parsed[i - 1].endMinute) throw invalid(`${where}: periods overlap`);
  });
  return parsed;
};

/** Validates a unit's configuration (`WORKING_HOURS.INVALID`) and prepares it for computation. */
export const defineWorkingHours = (config: WorkingHoursConfig): WorkingHours => {
  const unknown = Object.keys(config.weekly ?? {}).filter((k) => !WEEKDAY_CODES.includes(k as WeekdayCode));
  if (unknown.length) throw invalid(`Unknown weekday ${unknown.join(', ')}; use ${WEEKDAY_CODES.join(', ')}`);
  const byWeekday = WEEKDAY_CODES.map((code) => parsePeriods(config.weekly?.[code] ?? [], code));
  const makeUpDay = config.makeUpDay ? parsePeriods(config.makeUpDay, 'makeUpDay') : byWeekday[1];
  return { byWeekday, makeUpDay, sameDayCutoffMinute: parseTime(config.sameDayCutoff ?? '15:00'), config };
};

export const DEFAULT_WORKING_HOURS: WorkingHours = defineWorkingHours(DEFAULT_WORKING_HOURS_CONFIG);

/** The same hours with one weekday changed, e.g. `withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }])`. */
export const withWeekday = (
  hours: WorkingHours,
  day: WeekdayCode,
  periods: readonly WorkingPeriodConfig[],
): WorkingHours =>
  defineWorkingHours({ ...hours.config, weekly: { ...hours.config.weekly, [day]: periods } });

export const periodsForWeekday = (hours: WorkingHours, weekday: Weekday): readonly WorkingPeriod[] =>
  hours.byWeekday[weekday];

/** What `workingPeriodsOn` needs of a calendar: the day's entry, if it differs from the plain week. */
export interface CalendarDayLookup {
  entryOn(date: LocalDate): { kind: 'DAY_OFF' | 'WORKING_DAY' } | undefined;
}

/** The unit's working periods on `date` (empty on days off and days without hours). */
export const workingPeriodsOn = (
  date: LocalDate,
  calendar: CalendarDayLookup,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): readonly WorkingPeriod[] => {
  const entry = calendar.entryOn(date);
  if (entry?.kind === 'DAY_OFF') return [];
  const regular = hours.byWeekday[weekdayOf(date)];
  // A make-up day replaces a full weekday for every unit, so a unit that opens on Saturday mornings
  // works its make-up-day hours (default: Monday's), not just its Saturday morning (issue #15).
  if (entry?.kind === 'WORKING_DAY') return hours.makeUpDay.length > 0 ? hours.makeUpDay : regular;
  return regular;
};

/** How far `nextWorkingInstant` looks ahead (a unit closed for longer has no next working time). */
export const NEXT_WORKING_SEARCH_DAYS = 400;

/**
 * The first instant at or after `at` inside one of the unit's working periods (its hours on the calendar:
 * holidays, make-up days), or null when it does not work in the next `NEXT_WORKING_SEARCH_DAYS` days.
 * `at` itself when it already falls inside a period. Local days are Vietnam's (vietnam-time.ts).
 */
export const nextWorkingInstant = (
  at: Date,
  calendar: CalendarDayLookup,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date | null => {
  const today = toLocalDate(at);
  const minuteNow = (at.getTime() - startOfLocalDay(today).getTime()) / MINUTE_MS;
  for (let d = 0; d <= NEXT_WORKING_SEARCH_DAYS; d++) {
    const date = addDays(today, d);
    for (const p of workingPeriodsOn(date, calendar, hours)) {
      if (d > 0 || minuteNow < p.startMinute) return atLocalMinute(date, p.startMinute);
      if (minuteNow < p.endMinute) return at;
    }
  }
  return null;
};
