import { AppointmentRuleError } from './appointment.errors';

/**
 * A unit's appointment settings (issue #19; docs/domain.md §Appointments). Capacity of a slot =
 * floor(counters serving the service × citizensPerCounterPerSlot × (100 − walkInReservePercent) / 100):
 * the reserve keeps a share of every counter's time for walk-ins.
 */
export interface AppointmentSettings {
  slotMinutes: number;
  citizensPerCounterPerSlot: number;
  walkInReservePercent: number;
  /** Check-in opens this many minutes before the slot's start. */
  checkInBeforeMinutes: number;
  /** …and closes this many after it; later arrivals get a walk-in ticket, no check-in at all is a no-show. */
  graceMinutes: number;
  /** call-next treats the appointment as due from this many minutes before its start; punctual = called by start + this. */
  toleranceMinutes: number;
  /** Future bookings one person (phone or ID, hashed) may hold per service of a unit. */
  maxBookingsPerPerson: number;
  /** How many days ahead a slot may be booked. */
  horizonDays: number;
}

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = Object.freeze({
  slotMinutes: 15,
  citizensPerCounterPerSlot: 1,
  walkInReservePercent: 30,
  checkInBeforeMinutes: 30,
  graceMinutes: 15,
  toleranceMinutes: 10,
  maxBookingsPerPerson: 2,
  horizonDays: 30,
});

/** Inclusive bounds of each setting. */
export const APPOINTMENT_SETTINGS_LIMITS: Readonly<
  Record<keyof AppointmentSettings, { min: number; max: number }>
> = Object.freeze({
  slotMinutes: { min: 5, max: 240 },
  citizensPerCounterPerSlot: { min: 1, max: 20 },
  walkInReservePercent: { min: 0, max: 90 },
  checkInBeforeMinutes: { min: 0, max: 240 },
  graceMinutes: { min: 0, max: 120 },
  toleranceMinutes: { min: 0, max: 120 },
  maxBookingsPerPerson: { min: 1, max: 20 },
  horizonDays: { min: 1, max: 180 },
});

/** Missing fields take the defaults; every problem is listed in `APPOINTMENT_SETTINGS.INVALID`'s details. */
export const validateAppointmentSettings = (
  input: Partial<Record<keyof AppointmentSettings, unknown>> = {},
): AppointmentSettings => {
  const out = { ...DEFAULT_APPOINTMENT_SETTINGS } as Record<keyof AppointmentSettings, number>;
  const problems: string[] = [];
  for (const key of Object.keys(APPOINTMENT_SETTINGS_LIMITS) as (keyof AppointmentSettings)[]) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    const { min, max } = APPOINTMENT_SETTINGS_LIMITS[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      problems.push(`${key} must be an integer from ${min} to ${max}`);
    else out[key] = v;
  }
  if (problems.length)
    throw new AppointmentRuleError(
      'APPOINTMENT_SETTINGS.INVALID',
      `Invalid appointment settings: ${problems.join('; ')}`,
      { problems },
    );
  return Object.freeze(out);
};

/** Places of one slot for a service served by `counters` counters. */
export const slotCapacity = (settings: AppointmentSettings, counters: number): number =>
  Math.floor((counters * settings.citizensPerCounterPerSlot * (100 - settings.walkInReservePercent)) / 100);
