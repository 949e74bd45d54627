/** Vietnam has used UTC+7 without daylight saving since 1975: plain arithmetic is exact. */
const OFFSET_MS = 7 * 3600_000;

export const localDate = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The instant of a local wall-clock time `daysAgo` calendar days before `now`. */
export function localTimeDaysAgo(now: Date, daysAgo: number, hour: number, minute = 0): Date {
  const day = new Date(now.getTime() + OFFSET_MS - daysAgo * 86400_000).toISOString().slice(0, 10);
  return new Date(
    Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`),
  );
}

/** How a finished dossier's timeliness is decided: by local calendar date (docs/domain.md §Timeliness). */
export function expectedTimeliness(finishedAt: Date, dueAt: Date): 'EARLY' | 'ON_TIME' | 'LATE' {
  const f = localDate(finishedAt);
  const d = localDate(dueAt);
  return f < d ? 'EARLY' : f === d ? 'ON_TIME' : 'LATE';
}
