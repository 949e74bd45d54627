import {
  atLocalMinute,
  type CalendarDayLookup,
  type LocalDate,
  toLocalDate,
  type WorkingHours,
  workingPeriodsOn,
} from '@fg/kernel';
import { AppointmentRuleError } from './appointment.errors';
import { type AppointmentSettings, slotCapacity } from './appointment-settings';

/** A bookable slot: [start, end) on one local day, with its places (before bookings). */
export interface Slot {
  start: Date;
  end: Date;
  capacity: number;
}

export interface SlotContext {
  hours: WorkingHours;
  calendar: CalendarDayLookup;
  settings: AppointmentSettings;
  /** Counters of the unit that serve the service (open or not: slots are planned capacity). */
  counters: number;
}

/**
 * The slots of a local day: each working period of the unit that day (kernel `workingPeriodsOn`: days off,
 * make-up days) cut into `slotMinutes` from its opening; a slot must end by the period's end. Empty on a
 * day off or when the service has no capacity (no counter, or the walk-in reserve takes it all).
 */
export const slotsOn = (date: LocalDate, ctx: SlotContext): Slot[] => {
  const capacity = slotCapacity(ctx.settings, ctx.counters);
  if (capacity <= 0) return [];
  const step = ctx.settings.slotMinutes;
  const slots: Slot[] = [];
  for (const p of workingPeriodsOn(date, ctx.calendar, ctx.hours))
    for (let m = p.startMinute; m + step <= p.endMinute; m += step)
      slots.push({ start: atLocalMinute(date, m), end: atLocalMinute(date, m + step), capacity });
  return slots;
};

/**
 * The slot that starts at `start`, or why there is none (in the order a citizen can fix it): in the past,
 * beyond the booking horizon, a day off, not a slot start inside the unit's hours, or no capacity.
 */
export const slotAt = (start: Date, now: Date, ctx: SlotContext): Slot => {
  if (start.getTime() <= now.getTime())
    throw new AppointmentRuleError(
      'APPOINTMENT.SLOT_IN_PAST',
      `The slot ${start.toISOString()} has already begun`,
      {
        field: 'slotStart',
      },
    );
  const date = toLocalDate(start);
  const horizon = now.getTime() + ctx.settings.horizonDays * 86_400_000;
  if (start.getTime() > horizon)
    throw new AppointmentRuleError(
      'APPOINTMENT.BEYOND_HORIZON',
      `Slots can be booked at most ${ctx.settings.horizonDays} days ahead`,
      { field: 'slotStart', horizonDays: ctx.settings.horizonDays },
    );
  if (workingPeriodsOn(date, ctx.calendar, ctx.hours).length === 0)
    throw new AppointmentRuleError('APPOINTMENT.DAY_OFF', `${date} is not a working day of the unit`, {
      field: 'slotStart',
      date,
    });
  const slot = slotsOn(date, ctx).find((s) => s.start.getTime() === start.getTime());
  if (!slot)
    throw new AppointmentRuleError(
      'APPOINTMENT.OUTSIDE_HOURS',
      `${start.toISOString()} is not the start of a ${ctx.settings.slotMinutes}-minute slot within the unit's working hours`,
      { field: 'slotStart' },
    );
  return slot;
};
