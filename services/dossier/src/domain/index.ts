// Public API of the dossier domain: pure TypeScript, no framework, no I/O; time is passed in.

// Vietnam civil time (local dates, local midnight…) comes from @fg/kernel; these refuse bad input with calendar codes.
export { assertInstant, assertLocalDate } from './calendar-input';
export { CalendarRuleError, isCalendarRuleError } from './calendar.errors';
export type { CalendarErrorCode } from './calendar.errors';

export { lunarNewYear, hungKingsDay } from './vietnamese-lunar';
export type { LunarNewYear } from './vietnamese-lunar';
export {
  computeStatutoryDaysOff,
  computeVietnamHolidays,
  HOLIDAY_OCCASIONS,
  nationalDayAdjacentDate,
  occasionDates,
  DEFAULT_HOLIDAY_RULES,
  HOLIDAY_RULES_ID,
  MIN_CALENDAR_YEAR,
  MAX_CALENDAR_YEAR,
} from './vietnam-holidays';
export type {
  DayOff,
  DayOffSource,
  HolidayOccasion,
  HolidayRules,
  StatutoryDayOff,
} from './vietnam-holidays';
export {
  datesOf,
  scheduleBasis,
  SHIPPED_OFFICIAL_SCHEDULES,
  validateOfficialSchedule,
} from './official-schedules';
export type { LegalSource, OfficialSchedule, OfficialScheduleEntry } from './official-schedules';
export { NO_OVERRIDES, validateCalendarOverrides } from './calendar-overrides';
export type { CalendarOverrides, DatedReason } from './calendar-overrides';
export { buildYearCalendar, createWorkingCalendar } from './working-calendar';
export type {
  CalendarEntry,
  CalendarEntryKind,
  WorkingCalendar,
  WorkingCalendarOptions,
  YearCalendar,
} from './working-calendar';

export {
  DEFAULT_WORKING_HOURS,
  DEFAULT_WORKING_HOURS_CONFIG,
  defineWorkingHours,
  withWeekday,
  WEEKDAY_CODES,
} from './working-hours';
export type {
  WeekdayCode,
  WorkingHours,
  WorkingHoursConfig,
  WorkingPeriod,
  WorkingPeriodConfig,
} from './working-hours';
export {
  addWorkingMinutes,
  clockStartFor,
  endOfWorkingDay,
  isUnitWorkingDay,
  isWithinWorkingTime,
  nextWorkingDay,
  workingMinutesBetween,
  workingPeriodsOn,
} from './working-time';
export { assertProcessingTime, computeDueAt, extendByPausedWorkingTime, PROCESSING_UNITS } from './due-date';
export type { ComputeDueAtInput, DueDate, ExtendedDueDate, ProcessingTime, ProcessingUnit } from './due-date';
export { DeadlineState, decideTimeliness, openDeadlineState, overdueFrom, Timeliness } from './timeliness';

export {
  ACTION_RULES,
  ALLOWED_TRANSITIONS,
  canTransition,
  DOSSIER_ACTIONS,
  DOSSIER_STATUS_CODE,
  DOSSIER_STATUS_LABEL_VI,
  DOSSIER_STATUSES,
  FINISHED_STATUSES,
  isOpenStatus,
  OPEN_STATUSES,
  statusFromCode,
  TERMINAL_STATUSES,
} from './dossier-status';
export type { ActionRule, DossierAction, DossierStatus, OpenStatus } from './dossier-status';
export { DossierRuleError, isDossierRuleError } from './dossier.errors';
export type { DossierErrorCode } from './dossier.errors';
export type {
  Actor,
  Apology,
  Dossier,
  DossierChannel,
  DossierClock,
  DossierDecision,
  DossierFinish,
  DossierIn,
  DossierTimeContext,
  OpenDossier,
  Resolution,
  SupplementPause,
  TimelinessFacts,
} from './dossier';
export type { DossierEvent, DossierEventBase, DossierEventType } from './dossier-domain-events';
export { registerDossier, receiveDossier } from './dossier-intake';
export type { NewDossier, ReceiveDossier } from './dossier-intake';
export {
  acceptDossier,
  receiveSupplement,
  refuseDossier,
  requestFees,
  requestSupplement,
  resolveDossier,
  returnResult,
  startProcessing,
  stopDossier,
  withdrawDossier,
} from './dossier-actions';
export type { At, ResolveCommand, WithReason } from './dossier-actions';
export { decideDossier } from './decide-dossier';
export type { DossierCommand } from './decide-dossier';
export { issueApology } from './dossier-apology';
export type { IssueApology } from './dossier-apology';
export { markOverdue } from './dossier-overdue';
export { dossierCounterKey, formatDossierCode, parseDossierCode, MAX_DAILY_SEQUENCE } from './dossier-code';
export type { DossierCounterKey, ParsedDossierCode } from './dossier-code';
export {
  decideThankYouLetter,
  RECIPIENT_NAME_MAX,
  THANK_YOU_NOTE_MAX,
  THANK_YOU_REASON_VI,
  ThankYouRuleError,
} from './thank-you-letter';
export type { IssueThankYouLetter, ThankYouErrorCode, ThankYouLetterFacts } from './thank-you-letter';
export { DUE_DATE_CONFLICT_RESOLUTIONS, dueDateConflict, rescheduleReasonVi } from './due-date-conflict';
export type { DueDateConflict, DueDateConflictResolution } from './due-date-conflict';
