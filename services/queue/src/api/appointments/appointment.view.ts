import { formatLocal } from '@fg/kernel';
import type { AppointmentRow } from '../../persistence/appointments/appointment.repository';

/** What the citizen sees of a booking: codes and times, never the phone or ID number. */
export const appointmentView = (a: AppointmentRow) => ({
  id: a.id,
  code: a.code,
  unitCode: a.unitCode,
  serviceCode: a.serviceCode,
  slotStart: a.slotStart,
  slotEnd: a.slotEnd,
  /** Local wall-clock start, `YYYY-MM-DD HH:mm` (Asia/Ho_Chi_Minh). */
  localStart: formatLocal(a.slotStart).slice(0, 16),
  status: a.status,
  ticketId: a.ticketId ?? undefined,
  /** What the QR holds: the code itself, which the kiosk reads as if typed. */
  qr: a.code,
});
