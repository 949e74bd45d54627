import { type LocalDate, toLocalDate } from '@fg/kernel';
import type { WorkingCalendar } from './working-calendar';
import type { WorkingHours } from './working-hours';
import { endOfWorkingDay, isUnitWorkingDay, nextWorkingDay } from './working-time';

/*
 * Schedule changes after receipt (issue #15 item 3, docs/domain.md §Schedule changes after receipt).
 * The appointment printed on the receipt slip is a promise and is never recomputed. When a schedule loaded
 * or an override saved later makes that day a day off, the dossier is flagged with a proposed date, and an
 * officer either keeps the printed date (the office opens for the citizen) or accepts the proposed one
 * through the apology letter with a new appointment, the one instrument the law gives for a new date.
 */

export const DUE_DATE_CONFLICT_RESOLUTIONS = ['ACCEPT_PROPOSED', 'KEEP_PRINTED'] as const;
export type DueDateConflictResolution = (typeof DUE_DATE_CONFLICT_RESOLUTIONS)[number];

export interface DueDateConflict {
  /** The local date of the printed appointment, now without working time for the unit. */
  dayOff: LocalDate;
  printedDueAt: Date;
  /**
   * The unit's closing time on its next working day: timeliness is judged by local date (docs/domain.md
   * §Decisions, 1), so the day that replaces the lost one is given whole.
   */
  proposedDueAt: Date;
}

/** The conflict of a printed due date with the calendar and the unit's hours, or null when it still works. */
export const dueDateConflict = (
  printedDueAt: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours,
): DueDateConflict | null => {
  const dayOff = toLocalDate(printedDueAt);
  if (isUnitWorkingDay(dayOff, calendar, hours)) return null;
  const next = nextWorkingDay(dayOff, calendar, hours);
  const proposedDueAt = endOfWorkingDay(next, calendar, hours);
  // nextWorkingDay returns a day with working periods, so it always has a closing time.
  if (!proposedDueAt) throw new Error(`no closing time on the working day ${next}`);
  return { dayOff, printedDueAt, proposedDueAt };
};

/** The apology's reason when an officer accepts the proposed date (Vietnamese, printed on the letter). */
export const rescheduleReasonVi = (dayOff: LocalDate, dayOffReason: string | null): string => {
  const [y, m, d] = dayOff.split('-').map(Number);
  const why = dayOffReason ? ` (${dayOffReason})` : '';
  return `Theo lịch nghỉ được công bố sau khi tiếp nhận hồ sơ, ngày hẹn trả kết quả ${d}/${m}/${y} là ngày nghỉ${why}.`;
};
