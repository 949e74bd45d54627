import { atLocalMinute, localHourOf, toLocalDate, addDays } from '@fg/kernel';
import { isQuietHour, QUIET_FROM_HOUR } from './rules';

export const REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * When to remind a citizen of an appointment: a day before the slot; a time in quiet hours moves to 20:00 the
 * evening before it (the last hour SMS may go); never before `now`. Null when there is no such time before
 * the slot (booked too late to remind, or only quiet hours remain).
 */
export function reminderAt(slotStart: Date, now: Date): Date | null {
  let at = new Date(Math.max(slotStart.getTime() - REMINDER_LEAD_MS, now.getTime()));
  if (isQuietHour(at)) {
    const day = toLocalDate(at);
    const evening = localHourOf(at) >= QUIET_FROM_HOUR ? day : addDays(day, -1);
    at = atLocalMinute(evening, (QUIET_FROM_HOUR - 1) * 60);
    if (at.getTime() < now.getTime()) return null;
  }
  return at.getTime() < slotStart.getTime() ? at : null;
}
