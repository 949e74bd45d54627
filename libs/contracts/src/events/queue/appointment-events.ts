import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { defineEvent } from '../../registry';
import { SealedContact } from '../../sealed-contact';
import { Topics } from '../../topics';
import { IsCode, IsOneOf, IsUnitCode } from '../common';

/*
 * Appointments (issue #19): a citizen books a slot at an office, checks in at the kiosk, or does not come.
 * Codes and instants only: the citizen's phone or ID number stays in the queue service as a keyed hash and
 * never travels. `appointmentId` is the booking's stable id (a move keeps it); `slotStart` is the instant
 * the slot begins (reminders: the day before and an hour before it).
 */

/** How the booking was made: through the provincial portal (its `portal` token) or the public page. */
export const APPOINTMENT_CHANNELS = ['PORTAL', 'PUBLIC_PAGE'] as const;
export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];

/** Why a booking ended before its slot. */
export const APPOINTMENT_CANCEL_REASONS = ['CITIZEN_REQUEST', 'OTHER'] as const;
export type AppointmentCancelReason = (typeof APPOINTMENT_CANCEL_REASONS)[number];

/** What a check-in gave: an APPOINTMENT ticket, or a walk-in ticket after the grace time. */
export const APPOINTMENT_CHECK_IN_OUTCOMES = ['APPOINTMENT', 'LATE_WALK_IN'] as const;
export type AppointmentCheckInOutcome = (typeof APPOINTMENT_CHECK_IN_OUTCOMES)[number];

export class AppointmentBookedV1 {
  @IsUUID() appointmentId!: string;
  /** The short code the citizen shows at the kiosk (unambiguous alphabet, no personal data). */
  @IsString() @IsCode(6, 12) bookingCode!: string;
  @IsUnitCode() unitCode!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsISO8601({ strict: true }) slotStart!: string;
  @IsISO8601({ strict: true }) slotEnd!: string;
  @IsOneOf(APPOINTMENT_CHANNELS) channel!: AppointmentChannel;
  /** Set when the booking was moved here from another slot (the same booking; count it once). */
  @IsOptional() @IsISO8601({ strict: true }) movedFromSlotStart?: string;
  /**
   * The phone given at booking, sealed for the notify service's reminders (the day before, an hour before) and
   * bound to `appointmentId`; only on the first booked event, and only when notify's key is configured.
   */
  @IsOptional() @ValidateNested() @Type(() => SealedContact) contact?: SealedContact;
  @IsISO8601({ strict: true }) at!: string;
}
export const AppointmentBooked = defineEvent({
  type: 'appointment.booked',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: AppointmentBookedV1,
  description:
    'A citizen booked a slot at an office for a service, or moved a booking to another slot (movedFromSlotStart).',
});

export class AppointmentCancelledV1 {
  @IsUUID() appointmentId!: string;
  @IsString() @IsCode(6, 12) bookingCode!: string;
  @IsUnitCode() unitCode!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsISO8601({ strict: true }) slotStart!: string;
  @IsOneOf(APPOINTMENT_CANCEL_REASONS) reasonCode!: AppointmentCancelReason;
  @IsISO8601({ strict: true }) at!: string;
}
export const AppointmentCancelled = defineEvent({
  type: 'appointment.cancelled',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: AppointmentCancelledV1,
  description: 'A booking was cancelled; its place is free again.',
});

export class AppointmentCheckedInV1 {
  @IsUUID() appointmentId!: string;
  @IsString() @IsCode(6, 12) bookingCode!: string;
  @IsUnitCode() unitCode!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsISO8601({ strict: true }) slotStart!: string;
  @IsUUID() ticketId!: string;
  @IsOneOf(APPOINTMENT_CHECK_IN_OUTCOMES) outcome!: AppointmentCheckInOutcome;
  @IsISO8601({ strict: true }) at!: string;
}
export const AppointmentCheckedIn = defineEvent({
  type: 'appointment.checked-in',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: AppointmentCheckedInV1,
  description:
    'The citizen checked in at the kiosk with the booking code and got a ticket (APPOINTMENT, or a walk-in after the grace time).',
});

export class AppointmentNoShowV1 {
  @IsUUID() appointmentId!: string;
  @IsString() @IsCode(6, 12) bookingCode!: string;
  @IsUnitCode() unitCode!: string;
  @IsString() @IsCode(1, 32) serviceCode!: string;
  @IsISO8601({ strict: true }) slotStart!: string;
  @IsISO8601({ strict: true }) at!: string;
}
export const AppointmentNoShow = defineEvent({
  type: 'appointment.no-show',
  dataversion: '1',
  topic: Topics.QUEUE,
  dataClass: AppointmentNoShowV1,
  description: 'Nobody checked in with the booking before its grace time ended.',
});
