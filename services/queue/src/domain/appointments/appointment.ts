import { AppointmentRuleError } from './appointment.errors';
import type { AppointmentSettings } from './appointment-settings';

/*
 * A booking's life (issue #19, docs/domain.md §Appointments):
 *   BOOKED ─cancel→ CANCELLED          (the place is free again at once)
 *   BOOKED ─move→ BOOKED (another slot, same id and code)
 *   BOOKED ─check-in within [start − before, start + grace]→ CHECKED_IN (an APPOINTMENT ticket)
 *   BOOKED ─check-in after start + grace→ LATE (a walk-in ticket)
 *   BOOKED ─no check-in by start + grace→ NO_SHOW (the periodic job)
 */
export type AppointmentStatus = 'BOOKED' | 'CANCELLED' | 'CHECKED_IN' | 'LATE' | 'NO_SHOW';

export interface Appointment {
  id: string;
  code: string;
  unitCode: string;
  serviceCode: string;
  slotStart: Date;
  slotEnd: Date;
  status: AppointmentStatus;
}

export type CheckInOutcome = 'APPOINTMENT' | 'LATE_WALK_IN';

const notActive = (a: Appointment, action: string): AppointmentRuleError =>
  new AppointmentRuleError(
    'APPOINTMENT.NOT_ACTIVE',
    `Cannot ${action} booking ${a.code}: it is ${a.status}`,
    { code: a.code, status: a.status },
  );

/** Cancel or move: only a booking still waiting for its slot, and before the slot begins. */
export const assertChangeable = (a: Appointment, now: Date, action: 'cancel' | 'move'): void => {
  if (a.status !== 'BOOKED' || a.slotStart.getTime() <= now.getTime()) throw notActive(a, action);
};

/**
 * Check-in at `now`: refused before the window opens (the citizen is told when to come back) and for a
 * booking no longer BOOKED; within the grace time an APPOINTMENT ticket, after it a walk-in ticket.
 */
export const checkInOutcome = (
  a: Appointment,
  unitCode: string,
  now: Date,
  s: AppointmentSettings,
): CheckInOutcome => {
  if (a.unitCode !== unitCode)
    throw new AppointmentRuleError('APPOINTMENT.WRONG_UNIT', `Booking ${a.code} is for another office`, {
      code: a.code,
      unitCode: a.unitCode,
    });
  if (a.status !== 'BOOKED') throw notActive(a, 'check in');
  const opensAt = new Date(a.slotStart.getTime() - s.checkInBeforeMinutes * 60_000);
  if (now < opensAt)
    throw new AppointmentRuleError(
      'APPOINTMENT.CHECK_IN_TOO_EARLY',
      `Check-in for booking ${a.code} opens at ${opensAt.toISOString()}`,
      { code: a.code, opensAt: opensAt.toISOString() },
    );
  return now.getTime() <= graceEndOf(a, s).getTime() ? 'APPOINTMENT' : 'LATE_WALK_IN';
};

/** The end of the check-in grace time; a booking still BOOKED after it is a no-show. */
export const graceEndOf = (a: Pick<Appointment, 'slotStart'>, s: AppointmentSettings): Date =>
  new Date(a.slotStart.getTime() + s.graceMinutes * 60_000);

/** Punctual: first called no later than the slot's start plus the tolerance. */
export const isPunctual = (
  slotStart: Date,
  firstCalledAt: Date,
  s: Pick<AppointmentSettings, 'toleranceMinutes'>,
) => firstCalledAt.getTime() <= slotStart.getTime() + s.toleranceMinutes * 60_000;
