import { addDays, startOfLocalDay, toLocalDate } from '@fg/kernel';
import type { WorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours';
import { nextWorkingDay } from './working-time';
import { assertInstant } from './calendar-input';

/*
 * Timeliness is decided by calendar date in Asia/Ho_Chi_Minh (docs/domain.md §Timeliness), not by the instant:
 * a dossier due 10:00 and finished 16:00 the same local day is ON_TIME; one finished at
 * 2025-07-01T17:30Z (00:30 on 2 Jul local) against a 1 Jul due date is LATE.
 */

export const Timeliness = { EARLY: 'EARLY', ON_TIME: 'ON_TIME', LATE: 'LATE' } as const;
export type Timeliness = (typeof Timeliness)[keyof typeof Timeliness];

export const decideTimeliness = (finishedAt: Date, dueAt: Date): Timeliness => {
  const finished = toLocalDate(finishedAt);
  const due = toLocalDate(dueAt);
  return finished < due ? Timeliness.EARLY : finished === due ? Timeliness.ON_TIME : Timeliness.LATE;
};

export const DeadlineState = {
  WITHIN_DEADLINE: 'WITHIN_DEADLINE',
  DUE_SOON: 'DUE_SOON',
  OVERDUE: 'OVERDUE',
} as const;
export type DeadlineState = (typeof DeadlineState)[keyof typeof DeadlineState];

/**
 * First instant at which an unfinished dossier is overdue: local midnight after its due date
 * (until then it can still finish ON_TIME).
 */
export const overdueFrom = (dueAt: Date): Date => startOfLocalDay(addDays(toLocalDate(dueAt), 1));

/**
 * Deadline state of an open dossier at `at`: OVERDUE once its due date has passed (by local date,
 * as timeliness); DUE_SOON when due today or on the unit's next working day ("within one working
 * day"); otherwise WITHIN_DEADLINE. For a dossier paused for supplement, pass the due date the
 * pause would give (the stored one is not yet extended).
 */
export const openDeadlineState = (
  dueAt: Date,
  at: Date,
  calendar: WorkingCalendar,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): DeadlineState => {
  assertInstant(dueAt, 'dueAt');
  if (at.getTime() >= overdueFrom(dueAt).getTime()) return DeadlineState.OVERDUE;
  const today = toLocalDate(at);
  return toLocalDate(dueAt) <= nextWorkingDay(today, calendar, hours)
    ? DeadlineState.DUE_SOON
    : DeadlineState.WITHIN_DEADLINE;
};
