import { atLocalMinute, type LocalDate, toLocalDate } from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';
import type { WorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours';
import {
  addWorkingMinutes,
  clockStartFor,
  endOfWorkingDay,
  nextWorkingDay,
  workingMinutesBetween,
} from './working-time';
import { assertInstant } from './calendar-input';

/*
 * Due dates (ngày hẹn trả kết quả). Conventions:
 * - The clock starts at receipt; received outside working time (before opening, at lunch, at or
 *   after closing, on a day off) it starts at the next working period's start.
 * - WORKING_DAYS n: closing time of the n-th working day of the unit after the local date of
 *   receipt, whatever the hour (docs/domain.md §Due dates, issue #15). The day of receipt is not
 *   counted (Civil Code 2015 Art. 147(3)) and the term ends when the last day ends, at the office's
 *   closing time (Art. 148). A receipt at 07:00, 07:01, at lunch, at 16:59 or at 20:00 on Monday
 *   with 1 day is due at Tuesday's closing time: the appointment depends on the date alone, as the
 *   timeliness rule does (timeliness.ts), so one minute never moves it within a day and a later
 *   receipt never gets an earlier date (monotone; due-date.property.unit.spec.ts). The clock start
 *   below is still the first working instant, for the working time used.
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
  receivedAt: Date,
  days: number,
  calendar: WorkingCalendar,
  hours: WorkingHours,
): Date => {
  let target: LocalDate = toLocalDate(receivedAt);
  for (let i = 0; i < days; i++) target = nextWorkingDay(target, calendar, hours);
  // nextWorkingDay only returns days with working periods, so there is a closing time.
  return endOfWorkingDay(target, calendar, hours) as Date;
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
      ? dueAfterWorkingDays(receivedAt, amount, calendar, hours)
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
