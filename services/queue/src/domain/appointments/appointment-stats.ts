/*
 * Appointment figures (issue #19 item 6). A booking counts once (a move keeps it); of those: cancelled,
 * checked in on time (CHECKED_IN), checked in after the grace time (LATE: served as a walk-in), no-shows.
 * Punctuality: of the checked-in bookings already called, the share first called by slot start + tolerance.
 */
export interface AppointmentCounts {
  bookings: number;
  cancelled: number;
  checkedIn: number;
  late: number;
  noShows: number;
  /** Checked in and called at least once. */
  called: number;
  /** Called by slot start + tolerance. */
  punctual: number;
}

export interface AppointmentFigures extends AppointmentCounts {
  /** punctual / called, rounded to 3 decimals; null when nobody was called yet. */
  punctuality: number | null;
  /** noShows / (bookings − cancelled), 3 decimals; null when no booking stood. */
  noShowRate: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

export const appointmentFigures = (c: AppointmentCounts): AppointmentFigures => ({
  ...c,
  punctuality: ratio(c.punctual, c.called),
  noShowRate: ratio(c.noShows, c.bookings - c.cancelled),
});

/**
 * Tomorrow's load of a service: the bookings standing for that day plus the walk-ins expected from the
 * same weekday of the last weeks (their mean, rounded up: staff for the busier case).
 */
export const forecastLoad = (
  booked: number,
  walkInsSameWeekday: readonly number[],
): { booked: number; expectedWalkIns: number; expectedTotal: number; weeksObserved: number } => {
  const weeks = walkInsSameWeekday.length;
  const expectedWalkIns = weeks ? Math.ceil(walkInsSameWeekday.reduce((s, n) => s + n, 0) / weeks) : 0;
  return { booked, expectedWalkIns, expectedTotal: booked + expectedWalkIns, weeksObserved: weeks };
};
