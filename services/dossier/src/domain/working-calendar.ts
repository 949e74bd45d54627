import { createHash } from 'node:crypto';
import { type LocalDate, localYearOf, weekdayOf } from '@fg/kernel';
import { type CalendarOverrides, NO_OVERRIDES, validateCalendarOverrides } from './calendar-overrides';
import { CalendarRuleError } from './calendar.errors';
import {
  datesOf,
  type OfficialSchedule,
  SHIPPED_OFFICIAL_SCHEDULES,
  scheduleBasis,
  validateOfficialSchedule,
} from './official-schedules';
import {
  computeStatutoryDaysOff,
  DEFAULT_HOLIDAY_RULES,
  type DayOffSource,
  HOLIDAY_RULES_ID,
  type HolidayRules,
} from './vietnam-holidays';
import { assertLocalDate } from './calendar-input';

export type CalendarEntryKind = 'DAY_OFF' | 'WORKING_DAY';

/** A day that differs from the plain week: a day off, or a make-up working day on a rest day. */
export interface CalendarEntry {
  date: LocalDate;
  kind: CalendarEntryKind;
  reason: string;
  source: DayOffSource;
}

export interface YearCalendar {
  year: number;
  /**
   * `{year}-{12 hex}`: sha-256 of the rules id, weekly rest days and the resulting entries. Equal
   * content gives an equal version on every instance; any change of overrides or rules changes it.
   */
  version: string;
  /** 'official: <documents>' when the Government's schedule of the year is applied, else 'statutory only'. */
  basis: string;
  entries: readonly CalendarEntry[];
}

/**
 * Builds a year's calendar in three layers: the Labour Code defaults (computed), the Government's
 * schedule of the year (each holiday it decides replaces that holiday's computed days, make-up
 * days included), then the administrators' overrides. Schedule and overrides are validated here
 * too, so stored bad data fails loudly instead of shifting dates.
 */
export const buildYearCalendar = (
  year: number,
  overrides: CalendarOverrides = NO_OVERRIDES,
  rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
  official?: OfficialSchedule,
): YearCalendar => {
  const o = validateCalendarOverrides(year, overrides);
  const schedule = official ? validateOfficialSchedule(official, rules) : undefined;
  if (schedule && schedule.year !== year)
    throw new CalendarRuleError(
      'CALENDAR.INVALID_OFFICIAL_SCHEDULE',
      `The schedule of ${schedule.year} was given for ${year}`,
      { rule: 'YEAR' },
    );
  const decided = new Set(schedule?.entries.flatMap((e) => e.occasions));
  const byDate = new Map<LocalDate, CalendarEntry>();
  for (const { occasion, ...d } of computeStatutoryDaysOff(year, rules))
    if (!decided.has(occasion)) byDate.set(d.date, { ...d, kind: 'DAY_OFF' });
  for (const e of schedule?.entries ?? []) {
    const reason = `${e.reason} (${e.source.document})`;
    for (const date of datesOf(e.daysOff))
      byDate.set(date, { date, kind: 'DAY_OFF', reason, source: 'OFFICIAL' });
    for (const w of e.workingDays)
      byDate.set(w.date, {
        date: w.date,
        kind: 'WORKING_DAY',
        reason: `${w.reason} (${e.source.document})`,
        source: 'OFFICIAL',
      });
  }
  for (const d of o.removeDaysOff) byDate.delete(d);
  for (const d of o.addDaysOff)
    byDate.set(d.date, { date: d.date, kind: 'DAY_OFF', reason: d.reason, source: 'OVERRIDE' });
  for (const d of o.extraWorkingDays)
    byDate.set(d.date, { date: d.date, kind: 'WORKING_DAY', reason: d.reason, source: 'OVERRIDE' });

  const entries = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const weeklyRestDays = [...rules.weeklyRestDays].sort();
  // The schedule's sources join the digest only when there is one: statutory years keep their versions.
  const sources = schedule?.entries.map((e) => e.source);
  const digest = createHash('sha256')
    .update(JSON.stringify({ rules: HOLIDAY_RULES_ID, year, weeklyRestDays, entries, sources }))
    .digest('hex')
    .slice(0, 12);
  return { year, version: `${year}-${digest}`, basis: scheduleBasis(schedule), entries };
};

/**
 * The working-day calendar of the civil service: which dates are days off or make-up working days.
 * Working hours are per unit and separate (working-hours.ts); a unit works on a date when the
 * calendar does not mark it as a day off and the unit has hours that weekday (or it is a make-up day).
 */
export interface WorkingCalendar {
  readonly rules: HolidayRules;
  year(year: number): YearCalendar;
  /** Days off and make-up working days of the year, with reason and source, sorted by date. */
  listYear(year: number): readonly CalendarEntry[];
  entryOn(date: LocalDate): CalendarEntry | undefined;
  /** Civil-service working day: not a day off, and not a weekly rest day unless made a working day. */
  isWorkingDay(date: LocalDate): boolean;
  isWeeklyRestDay(date: LocalDate): boolean;
  versionOf(year: number): string;
  /** Versions of every local year from `from` to `to`, joined by '+' (one year: just its version). */
  versionBetween(from: Date, to: Date): string;
}

export interface WorkingCalendarOptions {
  /** Overrides per year (as stored by `PUT /calendar/{year}/overrides`). */
  overrides?: Readonly<Record<number, CalendarOverrides>>;
  /** The Government's schedules per year; default: those shipped with the service. `{}`: Labour Code only. */
  officialSchedules?: Readonly<Record<number, OfficialSchedule>>;
  rules?: HolidayRules;
}

/** Years are built lazily and memoised inside the returned calendar; it never reads a clock or I/O. */
export const createWorkingCalendar = (options: WorkingCalendarOptions = {}): WorkingCalendar => {
  const rules = options.rules ?? DEFAULT_HOLIDAY_RULES;
  const official = options.officialSchedules ?? SHIPPED_OFFICIAL_SCHEDULES;
  const years = new Map<number, { calendar: YearCalendar; byDate: Map<LocalDate, CalendarEntry> }>();

  const load = (year: number) => {
    let y = years.get(year);
    if (!y) {
      const calendar = buildYearCalendar(
        year,
        options.overrides?.[year] ?? NO_OVERRIDES,
        rules,
        official[year],
      );
      y = { calendar, byDate: new Map(calendar.entries.map((e) => [e.date, e])) };
      years.set(year, y);
    }
    return y;
  };

  const entryOn = (date: LocalDate): CalendarEntry | undefined => {
    assertLocalDate(date);
    return load(Number(date.slice(0, 4))).byDate.get(date);
  };
  const isWeeklyRestDay = (date: LocalDate): boolean => {
    assertLocalDate(date);
    return rules.weeklyRestDays.includes(weekdayOf(date));
  };

  return {
    rules,
    year: (year) => load(year).calendar,
    listYear: (year) => load(year).calendar.entries,
    entryOn,
    isWeeklyRestDay,
    isWorkingDay: (date) => {
      const e = entryOn(date);
      return e ? e.kind === 'WORKING_DAY' : !isWeeklyRestDay(date);
    },
    versionOf: (year) => load(year).calendar.version,
    versionBetween: (from, to) => {
      const [a, b] = [localYearOf(from), localYearOf(to)].sort((x, y) => x - y);
      const versions: string[] = [];
      for (let y = a; y <= b; y++) versions.push(load(y).calendar.version);
      return versions.join('+');
    },
  };
};
