import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentNoShow,
  createEvent,
  type DomainEvent,
  type SealedContact,
} from '@fg/contracts';
import type { CheckInOutcome } from '../../domain/appointments/appointment';
import type { AppointmentRow } from '../../persistence/appointments/appointment.repository';

/** The appointment events on queue.events.v1 (key: unit code); codes and instants only. */
const base = (a: AppointmentRow) => ({
  appointmentId: a.id,
  bookingCode: a.code,
  unitCode: a.unitCode,
  serviceCode: a.serviceCode,
  slotStart: a.slotStart.toISOString(),
});
const meta = (a: AppointmentRow, time: Date, correlationid?: string) => ({
  source: 'queue' as const,
  subject: a.id,
  unitcode: a.unitCode,
  correlationid,
  time,
});

export const bookedEvent = (
  a: AppointmentRow,
  at: Date,
  o: { movedFrom?: Date; contact?: SealedContact; cid?: string } = {},
): DomainEvent =>
  createEvent(
    AppointmentBooked,
    {
      ...base(a),
      slotEnd: a.slotEnd.toISOString(),
      channel: a.channel,
      ...(o.movedFrom ? { movedFromSlotStart: o.movedFrom.toISOString() } : {}),
      ...(o.contact ? { contact: o.contact } : {}),
      at: at.toISOString(),
    },
    meta(a, at, o.cid),
  );

export const cancelledEvent = (a: AppointmentRow, at: Date, cid?: string): DomainEvent =>
  createEvent(
    AppointmentCancelled,
    { ...base(a), reasonCode: 'CITIZEN_REQUEST', at: at.toISOString() },
    meta(a, at, cid),
  );

export const checkedInEvent = (
  a: AppointmentRow,
  ticketId: string,
  outcome: CheckInOutcome,
  at: Date,
  cid?: string,
): DomainEvent =>
  createEvent(
    AppointmentCheckedIn,
    { ...base(a), ticketId, outcome, at: at.toISOString() },
    meta(a, at, cid),
  );

export const noShowEvent = (a: AppointmentRow, at: Date): DomainEvent =>
  createEvent(AppointmentNoShow, { ...base(a), at: at.toISOString() }, meta(a, at));
