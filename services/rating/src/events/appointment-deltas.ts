import {
  AppointmentBooked,
  type AppointmentBookedV1,
  AppointmentCheckedIn,
  type AppointmentCheckedInV1,
  AppointmentNoShow,
  type AppointmentNoShowV1,
  type DomainEvent,
} from '@fg/contracts';
import { MetricBook } from './metric-book';

/**
 * Appointment events → the unit's bookings (in the month booked; a move, `movedFromSlotStart`, is the same
 * booking), check-ins with an APPOINTMENT ticket and no-shows (in the month they happened). A late arrival
 * served as a walk-in is neither: it neither kept the appointment nor stayed away.
 */
export function foldAppointmentEvents(events: DomainEvent[], book: MetricBook): void {
  for (const e of events) {
    if (e.type === AppointmentBooked.type) {
      const d = e.data as AppointmentBookedV1;
      if (!d.movedFromSlotStart) book.unit(e.unitcode, d.at).appointmentsBooked++;
    } else if (e.type === AppointmentCheckedIn.type) {
      const d = e.data as AppointmentCheckedInV1;
      if (d.outcome === 'APPOINTMENT') book.unit(e.unitcode, d.at).appointmentsCheckedIn++;
    } else if (e.type === AppointmentNoShow.type) {
      const d = e.data as AppointmentNoShowV1;
      book.unit(e.unitcode, d.at).appointmentsNoShows++;
    }
  }
}
