import { isLocalDate, isValidInstant, type LocalDate } from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';

/**
 * Checks of the dates and instants the calendar rules receive. The kernel's time arithmetic treats bad input
 * as a bug (RangeError); here it is the caller's mistake, refused as invalid input with a calendar code.
 */
export const assertInstant = (at: Date, what = 'instant'): void => {
  if (!isValidInstant(at)) {
    throw new CalendarRuleError('CALENDAR.INVALID_INSTANT', `Invalid ${what}: ${String(at)}`);
  }
};

/** Throws `CALENDAR.INVALID_DATE` unless `date` is an existing 'YYYY-MM-DD' day. */
export const assertLocalDate = (date: LocalDate): void => {
  if (isLocalDate(date)) return;
  const text = String(date); // `date` is narrowed to never here: the type says string, the input may not be
  throw new CalendarRuleError(
    'CALENDAR.INVALID_DATE',
    /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? `No such calendar day: ${text}`
      : `Invalid date (expected YYYY-MM-DD): ${text}`,
  );
};
