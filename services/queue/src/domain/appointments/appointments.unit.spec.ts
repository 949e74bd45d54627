import { DEFAULT_WORKING_HOURS, type CalendarDayLookup } from '@fg/kernel';
import { checkInOutcome, graceEndOf, isPunctual, type Appointment } from './appointment';
import {
  DEFAULT_APPOINTMENT_SETTINGS,
  slotCapacity,
  validateAppointmentSettings,
  type AppointmentSettings,
} from './appointment-settings';
import { slotAt, slotsOn, type SlotContext } from './appointment-slots';
import { appointmentFigures, forecastLoad } from './appointment-stats';
import { personKeyOf } from './person-key';
import { BOOKING_CODE_ALPHABET, bookingCodeFrom, normalizeBookingCode } from './booking-code';

/** 2026-09-02 (National Day holiday) is a day off; Saturday 2026-09-05 a make-up working day. */
const calendar: CalendarDayLookup = {
  entryOn: (d) =>
    d === '2026-09-02' ? { kind: 'DAY_OFF' } : d === '2026-09-05' ? { kind: 'WORKING_DAY' } : undefined,
};
const ctx = (o: Partial<SlotContext> = {}, s: Partial<AppointmentSettings> = {}): SlotContext => ({
  hours: DEFAULT_WORKING_HOURS,
  calendar,
  settings: { ...DEFAULT_APPOINTMENT_SETTINGS, ...s },
  counters: 2,
  ...o,
});
/** Local wall-clock time in Hà Nội as an instant. */
const local = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`);

describe('appointment slots', () => {
  it('cuts each working period into slots that end by its close', () => {
    const slots = slotsOn('2026-09-03', ctx({}, { slotMinutes: 20 }));
    // 07:00–11:30 = 270 min → 13 slots of 20 (the 14th would end at 11:40); 13:30–17:00 = 210 → 10.
    expect(slots).toHaveLength(23);
    expect(slots[0].start).toEqual(local('2026-09-03', '07:00'));
    expect(slots[12].end).toEqual(local('2026-09-03', '11:20'));
    expect(slots[13].start).toEqual(local('2026-09-03', '13:30'));
  });

  it('has none on a day off or a weekend, and the make-up day hours on a working Saturday', () => {
    expect(slotsOn('2026-09-02', ctx())).toEqual([]);
    expect(slotsOn('2026-09-06', ctx())).toEqual([]);
    expect(slotsOn('2026-09-05', ctx())).toHaveLength(slotsOn('2026-09-03', ctx()).length);
  });

  it('gives a slot the counters’ places minus the walk-in reserve', () => {
    expect(slotCapacity({ ...DEFAULT_APPOINTMENT_SETTINGS, walkInReservePercent: 50 }, 10)).toBe(5);
    expect(slotCapacity({ ...DEFAULT_APPOINTMENT_SETTINGS, walkInReservePercent: 30 }, 1)).toBe(0);
    expect(slotsOn('2026-09-03', ctx({ counters: 1 }))).toEqual([]);
    expect(slotsOn('2026-09-03', ctx({ counters: 0 }, { walkInReservePercent: 0 }))).toEqual([]);
  });

  describe('slotAt', () => {
    const now = local('2026-09-01', '09:00');
    it.each([
      ['a slot that has begun', local('2026-09-01', '08:45'), 'APPOINTMENT.SLOT_IN_PAST'],
      ['a day off', local('2026-09-02', '08:00'), 'APPOINTMENT.DAY_OFF'],
      ['a Sunday', local('2026-09-06', '08:00'), 'APPOINTMENT.DAY_OFF'],
      ['lunch time', local('2026-09-03', '12:00'), 'APPOINTMENT.OUTSIDE_HOURS'],
      ['not a slot start', local('2026-09-03', '08:05'), 'APPOINTMENT.OUTSIDE_HOURS'],
      ['a slot that would end after closing', local('2026-09-03', '11:20'), 'APPOINTMENT.OUTSIDE_HOURS'],
      ['beyond the horizon', local('2026-11-03', '08:00'), 'APPOINTMENT.BEYOND_HORIZON'],
    ])('refuses %s', (_label, start, code) => {
      expect(() => slotAt(start, now, ctx())).toThrow(expect.objectContaining({ code }));
    });

    it('finds a slot on a working day', () => {
      expect(slotAt(local('2026-09-03', '08:00'), now, ctx())).toEqual({
        start: local('2026-09-03', '08:00'),
        end: local('2026-09-03', '08:15'),
        capacity: 1,
      });
    });
  });
});

describe('appointment settings', () => {
  it('fills the defaults and lists every problem', () => {
    expect(validateAppointmentSettings({ slotMinutes: 30 }).slotMinutes).toBe(30);
    expect(() => validateAppointmentSettings({ slotMinutes: 1, walkInReservePercent: 95 })).toThrow(
      expect.objectContaining({
        code: 'APPOINTMENT_SETTINGS.INVALID',
        details: {
          problems: [
            'slotMinutes must be an integer from 5 to 240',
            'walkInReservePercent must be an integer from 0 to 90',
          ],
        },
      }),
    );
  });
});

describe('booking codes', () => {
  it('are 8 characters of the unambiguous alphabet', () => {
    const code = bookingCodeFrom(Uint8Array.from([0, 1, 29, 30, 31, 255, 128, 7]));
    expect(code).toHaveLength(8);
    expect([...code].every((c) => BOOKING_CODE_ALPHABET.includes(c))).toBe(true);
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('are read case-insensitively, with spaces and dashes, and look-alikes refused', () => {
    expect(normalizeBookingCode('k7m3-qxpa')).toBe('K7M3QXPA');
    expect(normalizeBookingCode(' K7M3 QXPA ')).toBe('K7M3QXPA');
    expect(normalizeBookingCode('K7M3QXP0')).toBeNull();
    expect(normalizeBookingCode('K7M3QX')).toBeNull();
    expect(normalizeBookingCode(42)).toBeNull();
  });
});

describe('check-in', () => {
  const s = DEFAULT_APPOINTMENT_SETTINGS; // 30 min before, 15 min grace, tolerance 10
  const start = local('2026-09-03', '08:00');
  const booking: Appointment = {
    id: 'a-1',
    code: 'K7M3QXPA',
    unitCode: '07210',
    serviceCode: 'HT',
    slotStart: start,
    slotEnd: local('2026-09-03', '08:15'),
    status: 'BOOKED',
  };

  it('is refused before the window, an appointment within it, a walk-in after the grace time', () => {
    expect(() => checkInOutcome(booking, '07210', local('2026-09-03', '07:29'), s)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT.CHECK_IN_TOO_EARLY' }),
    );
    expect(checkInOutcome(booking, '07210', local('2026-09-03', '07:30'), s)).toBe('APPOINTMENT');
    expect(checkInOutcome(booking, '07210', local('2026-09-03', '08:15'), s)).toBe('APPOINTMENT');
    expect(checkInOutcome(booking, '07210', local('2026-09-03', '08:16'), s)).toBe('LATE_WALK_IN');
    expect(graceEndOf(booking, s)).toEqual(local('2026-09-03', '08:15'));
  });

  it('is refused at another office and for a booking no longer active', () => {
    expect(() => checkInOutcome(booking, '07211', start, s)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT.WRONG_UNIT' }),
    );
    expect(() => checkInOutcome({ ...booking, status: 'CANCELLED' }, '07210', start, s)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT.NOT_ACTIVE' }),
    );
  });

  it('counts a call by start + tolerance as punctual', () => {
    expect(isPunctual(start, local('2026-09-03', '08:10'), s)).toBe(true);
    expect(isPunctual(start, local('2026-09-03', '08:11'), s)).toBe(false);
  });
});

describe('person key', () => {
  it('reads one phone in every usual spelling, or an ID number', () => {
    for (const phone of ['0912345678', '0912 345 678', '+84 912.345.678', '84912345678'])
      expect(personKeyOf({ phone })).toBe('phone:+84912345678');
    expect(personKeyOf({ idNumber: '001234567890' })).toBe('id:001234567890');
  });

  it.each([
    ['neither', {}],
    ['both', { phone: '0912345678', idNumber: '001234567890' }],
    ['a landline', { phone: '0243 825 1234' }],
    ['a short ID', { idNumber: '12345' }],
  ])('refuses %s', (_l, input) => {
    expect(() => personKeyOf(input)).toThrow(
      expect.objectContaining({ code: 'APPOINTMENT.INVALID_CONTACT' }),
    );
  });
});

describe('appointment figures', () => {
  const counts = { bookings: 10, cancelled: 2, checkedIn: 6, late: 1, noShows: 1, called: 6, punctual: 5 };

  it('gives punctuality of the called check-ins and the no-show rate of the bookings that stood', () => {
    expect(appointmentFigures(counts)).toMatchObject({ punctuality: 0.833, noShowRate: 0.125 });
    expect(appointmentFigures({ ...counts, called: 0, punctual: 0, bookings: 2 })).toMatchObject({
      punctuality: null,
      noShowRate: null,
    });
  });

  it('forecasts bookings plus the mean walk-ins of the same weekday, rounded up', () => {
    expect(forecastLoad(7, [10, 13, 12, 12])).toEqual({
      booked: 7,
      expectedWalkIns: 12,
      expectedTotal: 19,
      weeksObserved: 4,
    });
    expect(forecastLoad(3, [])).toEqual({
      booked: 3,
      expectedWalkIns: 0,
      expectedTotal: 3,
      weeksObserved: 0,
    });
  });
});
