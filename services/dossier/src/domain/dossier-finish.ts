import type { Apology, Dossier, DossierClock, DossierTimeContext, TimelinessFacts } from './dossier';
import { extendByPausedWorkingTime } from './due-date';
import { decideTimeliness, Timeliness } from './timeliness';
import { addWorkingMinutes, workingMinutesBetween } from './working-time';

export interface ClosedPause {
  clock: DossierClock;
  apology: Apology | null;
  /** Working minutes of the pause just closed (0 when the dossier was not paused). */
  pausedMinutes: number;
}

/**
 * Ends a running supplement pause at `now`: the due date (and an apology's new date) move by the
 * working time paused. A dossier that is not paused is returned unchanged.
 */
export const closePause = (
  d: Dossier & { clock: DossierClock },
  now: Date,
  ctx: DossierTimeContext,
): ClosedPause => {
  if (d.status !== 'SUPPLEMENT_REQUESTED') return { clock: d.clock, apology: d.apology, pausedMinutes: 0 };
  const ext = extendByPausedWorkingTime(d.clock.dueAt, d.pause.since, now, ctx.calendar, ctx.hours);
  const clock: DossierClock = {
    ...d.clock,
    dueAt: ext.dueAt,
    pausedMinutes: d.clock.pausedMinutes + ext.pausedMinutes,
    calendarVersion: ctx.calendar.versionBetween(d.clock.receivedAt, ext.dueAt),
  };
  const apology = d.apology && {
    ...d.apology,
    newDueAt: addWorkingMinutes(d.apology.newDueAt, ext.pausedMinutes, ctx.calendar, ctx.hours),
  };
  return { clock, apology, pausedMinutes: ext.pausedMinutes };
};

/** The facts timeliness is decided from, for a dossier finishing at `now` with `clock`. */
export const timelinessFacts = (
  d: Dossier,
  clock: DossierClock,
  apology: Apology | null,
  now: Date,
  ctx: DossierTimeContext,
): TimelinessFacts => {
  const timeliness = decideTimeliness(now, clock.dueAt);
  const used = workingMinutesBetween(clock.clockStartAt, now, ctx.calendar, ctx.hours) - clock.pausedMinutes;
  return {
    timeliness,
    finishedAt: now,
    dueAt: clock.dueAt,
    pausedMinutes: clock.pausedMinutes,
    calendarVersion: clock.calendarVersion,
    workingMinutesUsed: Math.max(0, used),
    apologyIssued: apology !== null,
    apologyDueAt: apology?.newDueAt ?? null,
    lateWithoutApology: timeliness === Timeliness.LATE && apology === null,
    wasOverdue: d.overdueNotifiedAt !== null,
  };
};
