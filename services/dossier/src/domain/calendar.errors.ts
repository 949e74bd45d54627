import { RuleError } from '@fg/kernel';

/**
 * Stable codes for refused calendar and due-date inputs; all are invalid input (400). Codes never change
 * meaning once published.
 */
export type CalendarErrorCode =
  | 'CALENDAR.INVALID_DATE'
  | 'CALENDAR.INVALID_INSTANT'
  | 'CALENDAR.INVALID_YEAR'
  | 'CALENDAR.DATE_OUTSIDE_YEAR'
  | 'CALENDAR.CONFLICTING_OVERRIDE'
  | 'CALENDAR.INVALID_OFFICIAL_SCHEDULE'
  | 'CALENDAR.REASON_REQUIRED'
  | 'CALENDAR.INVALID_PROCESSING_TIME'
  | 'CALENDAR.NO_WORKING_TIME'
  | 'WORKING_HOURS.INVALID';

export class CalendarRuleError extends RuleError<CalendarErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  constructor(code: CalendarErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('INVALID', code, message, details);
  }
}

export const isCalendarRuleError = (e: unknown): e is CalendarRuleError => e instanceof CalendarRuleError;
