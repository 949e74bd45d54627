import { atLocalMinute, type LocalDate, toLocalDate } from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';
import type { WorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours';
import {
  addWorkingMinutes,
  clockStartFor,
  endOfWorkingDay,
  instantAtWorkingOffset,
  nextWorkingDay,
  workingMillisBeforeOnDay,
  workingMinutesBetween,
  workingPeriodsOn,
} from './working-time';
import { assertInstant } from './calendar-input';

/*
 * Due dates (ngày hẹn trả kết quả). Conventions:
 * - The clock starts at receipt; received outside working time (before opening, at lunch, at or
 *   after closing, on a day off) it starts at the next working period's start.
 * - WORKING_DAYS n: the same position in the working day, n working days later. A receipt at
 *   09:00 Mon with 3 days is due 09:00 Thu. With the default uniform days this is exactly
 *   "clock start + n × 8 h of working time". A clock starting at opening time is due at closing
 *   time of the n-th working day (07:00 Mon + 3 days → 17:00 Wed), the earliest instant with the
 *   full working time elapsed. When the target day is shorter (a Saturday morning), the position
 *   is capped at its closing time.
 * - WORKING_HOURS n: clock start + n hours of working time (earliest instant).
 * - SAME_DAY: closing time of the receipt day when the clock starts that day no later than the
 *   cutoff (15:00 by default); otherwise closing time of the next working day.
 * - A due date never falls outside working time: it lies in (period start, period end].
 */

export type ProcessingUnit = 'WORKING_DAYS' | 'WORKING_HOURS' | 'SAME_DAY';
export const PROCESSING_UNITS: readonly ProcessingUnit[] = ['WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY'];

export interface ProcessingTime {
  amount: number;
  unit: ProcessingUnit;
}

export interface ComputeDueAtInput extends ProcessingTime {
  receivedAt: Date;
  calendar: WorkingCalendar;
  /** The receiving unit's hours; default Mon–Fri 07:00–11:30, 13:30–17:00. */
  hours?: WorkingHours;
}

export interface DueDate {
  dueAt: Date;
  /** Versions of the calendar years between receipt and due date (see WorkingCalendar.versionBetween). */
  calendarVersion: string;
  clockStartAt: Date;
}

/** Throws `CALENDAR.INVALID_PROCESSING_TIME` unless the amount suits the unit. */
export const assertProcessingTime = ({ amount, unit }: ProcessingTime): void => {
  const ok =
    unit === 'WORKING_DAYS'
      ? Number.isInteger(amount) && amount >= 1 && amount <= 1000
      : unit === 'WORKING_HOURS'
        ? Number.isFinite(amount) && amount > 0 && amount <= 8000
        : unit === 'SAME_DAY'
          ? amount === 0 || amount === 1
          : false;
  if (!ok) {
    throw new CalendarRuleError(
      'CALENDAR.INVALID_PROCESSING_TIME',
      `Invalid processing time ${amount} ${unit}: working days are whole numbers 1–1000, hours > 0, same-day 0 or 1`,
      { amount, unit },
    );
  }
};

const dueAfterWorkingDays = (
  clockStart: Date,
  days: number,
  calendar: WorkingCalendar,
  hours: WorkingHours,
): Date => {
  const startDay = toLocalDate(clockStart);
  const position = workingMillisBeforeOnDay(clockStart, workingPeriodsOn(startDay, calendar, hours));
  let target: LocalDate = startDay;
  const steps = position === 0 ? days - 1 : days;
  for (let i = 0; i < steps; i++) target = nextWorkingDay(target, calendar, hours);
  if (position === 0) return endOfWorkingDay(target, calendar, hours) as Date;
  return instantAtWorkingOffset(target, position, workingPeriodsOn(target, calendar, hours));
};

const dueSameDay = (
  receivedAt: Date,
  clockStart: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours,
): Date => {
  const receiptDay = toLocalDate(receivedAt);
  const cutoff = atLocalMinute(receiptDay, hours.sameDayCutoffMinute);
  const sameDay = toLocalDate(clockStart) === receiptDay && clockStart.getTime() <= cutoff.getTime();
  const day = sameDay ? receiptDay : nextWorkingDay(receiptDay, calendar, hours);
  return endOfWorkingDay(day, calendar, hours) as Date;
};

/** The appointment for a dossier received at `receivedAt` (see the conventions above). */
export const computeDueAt = (input: ComputeDueAtInput): DueDate => {
  const { receivedAt, amount, unit, calendar } = input;
  const hours = input.hours ?? DEFAULT_WORKING_HOURS;
  assertInstant(receivedAt, 'receivedAt');
  assertProcessingTime({ amount, unit });
  const clockStartAt = clockStartFor(receivedAt, calendar, hours);
  const dueAt =
    unit === 'WORKING_DAYS'
      ? dueAfterWorkingDays(clockStartAt, amount, calendar, hours)
      : unit === 'WORKING_HOURS'
        ? addWorkingMinutes(clockStartAt, amount * 60, calendar, hours)
        : dueSameDay(receivedAt, clockStartAt, calendar, hours);
  return { dueAt, calendarVersion: calendar.versionBetween(receivedAt, dueAt), clockStartAt };
};

export interface ExtendedDueDate {
  dueAt: Date;
  /** Whole minutes of working time in the pause; the due date moved by exactly this much. */
  pausedMinutes: number;
  calendarVersion: string;
}

/**
 * Moves a due date by the working time spent paused (supplement request). Only working time
 * counts: a pause over Tết or a weekend adds nothing for those days. A pause of no working time
 * leaves the due date unchanged.
 */
export const extendByPausedWorkingTime = (
  dueAt: Date,
  pausedFrom: Date,
  pausedTo: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): ExtendedDueDate => {
  assertInstant(dueAt, 'dueAt');
  const pausedMinutes = workingMinutesBetween(pausedFrom, pausedTo, calendar, hours);
  const extended = addWorkingMinutes(dueAt, pausedMinutes, calendar, hours);
  const first = pausedFrom.getTime() < dueAt.getTime() ? pausedFrom : dueAt;
  return { dueAt: extended, pausedMinutes, calendarVersion: calendar.versionBetween(first, extended) };
};
