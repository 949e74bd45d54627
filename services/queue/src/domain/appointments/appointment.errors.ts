import { RuleError, type RuleErrorKind } from '@fg/kernel';

/**
 * Stable codes for refused appointment requests (issue #19), each with its one kind: what the citizen asked
 * for cannot exist (a past slot, a day off, outside hours, a service not offered) is invalid input (400);
 * what collides with other bookings (full, the per-person limit, a check-in outside its window) is a conflict.
 */
export type AppointmentErrorCode =
  | 'APPOINTMENT.SLOT_IN_PAST'
  | 'APPOINTMENT.DAY_OFF'
  | 'APPOINTMENT.OUTSIDE_HOURS'
  | 'APPOINTMENT.SERVICE_NOT_OFFERED'
  | 'APPOINTMENT.BEYOND_HORIZON'
  | 'APPOINTMENT.SLOT_FULL'
  | 'APPOINTMENT.PERSON_LIMIT'
  | 'APPOINTMENT.NOT_FOUND'
  | 'APPOINTMENT.NOT_ACTIVE'
  | 'APPOINTMENT.CHECK_IN_TOO_EARLY'
  | 'APPOINTMENT.WRONG_UNIT'
  | 'APPOINTMENT.INVALID_CONTACT'
  | 'APPOINTMENT_SETTINGS.INVALID';

const KINDS: Record<AppointmentErrorCode, RuleErrorKind> = {
  'APPOINTMENT.SLOT_IN_PAST': 'INVALID',
  'APPOINTMENT.DAY_OFF': 'INVALID',
  'APPOINTMENT.OUTSIDE_HOURS': 'INVALID',
  'APPOINTMENT.SERVICE_NOT_OFFERED': 'INVALID',
  'APPOINTMENT.BEYOND_HORIZON': 'INVALID',
  'APPOINTMENT.SLOT_FULL': 'CONFLICT',
  'APPOINTMENT.PERSON_LIMIT': 'CONFLICT',
  'APPOINTMENT.NOT_FOUND': 'NOT_FOUND',
  'APPOINTMENT.NOT_ACTIVE': 'CONFLICT',
  'APPOINTMENT.CHECK_IN_TOO_EARLY': 'CONFLICT',
  'APPOINTMENT.WRONG_UNIT': 'CONFLICT',
  'APPOINTMENT.INVALID_CONTACT': 'INVALID',
  'APPOINTMENT_SETTINGS.INVALID': 'INVALID',
};

export class AppointmentRuleError extends RuleError<AppointmentErrorCode> {
  declare readonly details: Readonly<Record<string, unknown>>;

  constructor(code: AppointmentErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(KINDS[code], code, message, details);
  }
}
