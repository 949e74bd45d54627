import { atLocalMinute, localHourOf, toLocalDate, addDays } from '@fg/kernel';
import { isQuietHour, QUIET_FROM_HOUR } from './rules';

export const REMINDER_LEAD_MS = 24 * 3_600_000;
/** The second reminder (issue #19 item 5: "the day before and an hour before"). */
export const LAST_REMINDER_LEAD_MS = 3_600_000;

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

/** Which of an appointment's reminders a time belongs to; part of the message's dedupe key. */
export type ReminderSlot = 'DAY_BEFORE' | 'HOUR_BEFORE';

/**
 * The reminders of an appointment: the day-before one (`reminderAt`) and one an hour before the slot. The
 * hour-before one is dropped when it falls in quiet hours (a slot at 07:30 would be reminded at 06:30), when it
 * has already passed, or when it would come within an hour of the first (booked at short notice: one message
 * is enough). Ordered by time.
 */
export function reminderTimes(slotStart: Date, now: Date): { slot: ReminderSlot; at: Date }[] {
  const times: { slot: ReminderSlot; at: Date }[] = [];
  const first = reminderAt(slotStart, now);
  if (first) times.push({ slot: 'DAY_BEFORE', at: first });
  const last = new Date(slotStart.getTime() - LAST_REMINDER_LEAD_MS);
  const farFromFirst = !first || last.getTime() - first.getTime() >= LAST_REMINDER_LEAD_MS;
  if (last.getTime() >= now.getTime() && !isQuietHour(last) && farFromFirst)
    times.push({ slot: 'HOUR_BEFORE', at: last });
  return times;
}
