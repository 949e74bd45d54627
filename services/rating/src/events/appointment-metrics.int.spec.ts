import { randomUUID } from 'node:crypto';
import {
  AppointmentBooked,
  AppointmentCheckedIn,
  AppointmentNoShow,
  createEvent,
  type DomainEvent,
  Topics,
} from '@fg/contracts';
import { RatingTestKit } from '../testing/rating-test-kit';

const P = 'P92';
const C = 'C9211';
const at = '2026-10-06T02:00:00.000Z';
const base = () => ({
  appointmentId: randomUUID(),
  bookingCode: 'K7M3QXPA',
  unitCode: C,
  serviceCode: 'HT',
  slotStart: '2026-10-07T01:00:00.000Z',
});
const meta = (subject: string) => ({ source: 'queue' as const, subject, unitcode: C });

/**
 * Five bookings at C9211 in October 2026 (one of them moved: still one booking), three kept with an
 * APPOINTMENT ticket, one late arrival served as a walk-in, one no-show: APPOINTMENTS_BOOKED 5 and
 * APPOINTMENT_SHOW_RATE 3 / (3 + 1) = 75 %.
 */
function stream(): DomainEvent[] {
  const bookings = Array.from({ length: 5 }, base);
  const booked = bookings.map((b) =>
    createEvent(
      AppointmentBooked,
      { ...b, slotEnd: b.slotStart, channel: 'PORTAL', at },
      meta(b.appointmentId),
    ),
  );
  const moved = createEvent(
    AppointmentBooked,
    { ...bookings[0], slotEnd: bookings[0].slotStart, channel: 'PORTAL', movedFromSlotStart: at, at },
    meta(bookings[0].appointmentId),
  );
  const checkIn = (i: number, outcome: 'APPOINTMENT' | 'LATE_WALK_IN') =>
    createEvent(
      AppointmentCheckedIn,
      { ...bookings[i], ticketId: randomUUID(), outcome, at },
      meta(bookings[i].appointmentId),
    );
  return [
    ...booked,
    moved,
    checkIn(0, 'APPOINTMENT'),
    checkIn(1, 'APPOINTMENT'),
    checkIn(2, 'APPOINTMENT'),
    checkIn(3, 'LATE_WALK_IN'),
    createEvent(AppointmentNoShow, { ...bookings[4], at }, meta(bookings[4].appointmentId)),
  ];
}

describe("the office's appointment metrics from queue events (issue #19 item 7)", () => {
  let kit: RatingTestKit;

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_appointments');
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: C, name: 'Xã Hẹn Giờ', level: 'COMMUNE', parentCode: P },
    ]);
    await kit.produce(Topics.QUEUE, stream(), C);
  });
  afterAll(() => kit.stop());

  it('counts bookings once (a move is the same booking) and the share of appointments kept', async () => {
    const card = await kit.scorecardWhen(
      C,
      (c) => c.metrics.APPOINTMENTS_BOOKED === 5 && c.metrics.APPOINTMENT_SHOW_RATE !== null,
      'the appointment events consumed',
    );
    expect(card.metrics).toMatchObject({ APPOINTMENTS_BOOKED: 5, APPOINTMENT_SHOW_RATE: 75 });
  });
});
