import { addDays, atLocalMinute, toLocalDate } from '@fg/kernel';

/** The instant of a local (Vietnam) wall-clock time `daysAgo` calendar days before `now`. */
export const localTimeDaysAgo = (now: Date, daysAgo: number, hour: number, minute = 0): Date =>
  atLocalMinute(addDays(toLocalDate(now), -daysAgo), hour * 60 + minute);

/** How a finished dossier's timeliness is decided: by local calendar date (docs/domain.md §Timeliness). */
export function expectedTimeliness(finishedAt: Date, dueAt: Date): 'EARLY' | 'ON_TIME' | 'LATE' {
  // The simulator's own reading of the rule (its oracle), on the kernel's local dates.
  const f = toLocalDate(finishedAt);
  const d = toLocalDate(dueAt);
  return f < d ? 'EARLY' : f === d ? 'ON_TIME' : 'LATE';
}
