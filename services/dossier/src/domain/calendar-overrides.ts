import { type LocalDate } from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';
import { assertCalendarYear } from './vietnam-holidays';
import { assertLocalDate } from './calendar-input';

/**
 * One year's corrections to the computed calendar: the Government's official schedule for civil
 * servants (e.g. Tết 2026: Sat 14 – Sun 22 Feb), swapped days (a bridge day off paid back by a
 * working Saturday), a newly added holiday. They are data, replaced as a whole per year.
 *
 * Precedence when the calendar is built: computed days off, minus `removeDaysOff`, plus
 * `addDaysOff` (an added date that was computed too takes the override's reason), and
 * `extraWorkingDays` win over every day off and over the weekly rest day.
 */
export interface CalendarOverrides {
  addDaysOff: readonly DatedReason[];
  removeDaysOff: readonly LocalDate[];
  extraWorkingDays: readonly DatedReason[];
}

export interface DatedReason {
  date: LocalDate;
  /** Vietnamese, shown to citizens and officers, e.g. 'Nghỉ Tết Nguyên đán theo Thông báo của Bộ Nội vụ'. */
  reason: string;
}

export const NO_OVERRIDES: CalendarOverrides = { addDaysOff: [], removeDaysOff: [], extraWorkingDays: [] };

const MAX_REASON_LENGTH = 200;

const checkDate = (year: number, date: LocalDate, list: string): void => {
  assertLocalDate(date);
  if (!date.startsWith(`${year}-`)) {
    throw new CalendarRuleError('CALENDAR.DATE_OUTSIDE_YEAR', `${list}: ${date} is not in ${year}`, {
      date,
      list,
    });
  }
};

const normaliseReasons = (year: number, items: readonly DatedReason[], list: string): DatedReason[] =>
  items.map(({ date, reason }) => {
    checkDate(year, date, list);
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text || text.length > MAX_REASON_LENGTH) {
      throw new CalendarRuleError(
        'CALENDAR.REASON_REQUIRED',
        `${list}: ${date} needs a reason of 1–${MAX_REASON_LENGTH} characters`,
        { date, list },
      );
    }
    return { date, reason: text };
  });

const assertDistinct = (dates: readonly LocalDate[], what: string): void => {
  const seen = new Set<LocalDate>();
  for (const d of dates) {
    if (seen.has(d))
      throw new CalendarRuleError('CALENDAR.CONFLICTING_OVERRIDE', `${d} appears twice in ${what}`, {
        date: d,
      });
    seen.add(d);
  }
};

/**
 * Checks a year's overrides and returns them normalised (trimmed reasons, sorted by date).
 * Throws `CalendarRuleError` for dates outside the year, missing reasons, duplicates, or a date that
 * is both added as a day off and removed or declared a working day.
 */
export const validateCalendarOverrides = (year: number, input: CalendarOverrides): CalendarOverrides => {
  assertCalendarYear(year);
  const addDaysOff = normaliseReasons(year, input.addDaysOff ?? [], 'addDaysOff');
  const extraWorkingDays = normaliseReasons(year, input.extraWorkingDays ?? [], 'extraWorkingDays');
  const removeDaysOff = [...(input.removeDaysOff ?? [])];
  removeDaysOff.forEach((d) => checkDate(year, d, 'removeDaysOff'));

  assertDistinct(
    addDaysOff.map((x) => x.date),
    'addDaysOff',
  );
  assertDistinct(
    extraWorkingDays.map((x) => x.date),
    'extraWorkingDays',
  );
  assertDistinct(removeDaysOff, 'removeDaysOff');
  assertDistinct([...addDaysOff.map((x) => x.date), ...removeDaysOff], 'addDaysOff and removeDaysOff');
  assertDistinct(
    [...addDaysOff.map((x) => x.date), ...extraWorkingDays.map((x) => x.date)],
    'addDaysOff and extraWorkingDays',
  );

  const byDate = (a: { date: LocalDate }, b: { date: LocalDate }) => a.date.localeCompare(b.date);
  return {
    addDaysOff: addDaysOff.sort(byDate),
    removeDaysOff: removeDaysOff.sort(),
    extraWorkingDays: extraWorkingDays.sort(byDate),
  };
};
