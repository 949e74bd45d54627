/**
 * Stable codes for refused calendar and due-date inputs. The API maps each code once (400/422 for
 * invalid input); codes never change meaning once published.
 */
export type CalendarErrorCode =
  | 'CALENDAR.INVALID_DATE'
  | 'CALENDAR.INVALID_INSTANT'
  | 'CALENDAR.INVALID_YEAR'
  | 'CALENDAR.DATE_OUTSIDE_YEAR'
  | 'CALENDAR.CONFLICTING_OVERRIDE'
  | 'CALENDAR.REASON_REQUIRED'
  | 'CALENDAR.INVALID_PROCESSING_TIME'
  | 'CALENDAR.NO_WORKING_TIME'
  | 'WORKING_HOURS.INVALID';

export class CalendarRuleError extends Error {
  override readonly name = 'CalendarRuleError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isCalendarRuleError = (e: unknown): e is CalendarRuleError => e instanceof CalendarRuleError;
