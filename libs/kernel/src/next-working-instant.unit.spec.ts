import fc from 'fast-check';
import { addDays } from './local-date';
import { formatLocal, fromLocal, MINUTE_MS, startOfLocalDay, toLocalDate } from './vietnam-time';
import {
  type CalendarDayLookup,
  DEFAULT_WORKING_HOURS,
  defineWorkingHours,
  nextWorkingInstant,
  withWeekday,
  workingPeriodsOn,
} from './working-hours';

const plainWeek: CalendarDayLookup = { entryOn: () => undefined };
const calendarOf = (entries: Record<string, 'DAY_OFF' | 'WORKING_DAY'>): CalendarDayLookup => ({
  entryOn: (d) => (entries[d] ? { kind: entries[d] } : undefined),
});
const next = (local: string, calendar = plainWeek, hours = DEFAULT_WORKING_HOURS): string | null => {
  const r = nextWorkingInstant(fromLocal(local), calendar, hours);
  return r ? formatLocal(r) : null;
};

describe('nextWorkingInstant', () => {
  it('moves a Sunday evening to Monday 07:00 (2026-12-06 is a Sunday)', () => {
    expect(next('2026-12-06 22:19')).toBe('2026-12-07 07:00');
  });

  it('keeps an instant inside a period and moves the lunch break to 13:30', () => {
    expect(next('2026-12-07 09:15')).toBe('2026-12-07 09:15');
    expect(next('2026-12-07 07:00')).toBe('2026-12-07 07:00');
    expect(next('2026-12-07 11:30')).toBe('2026-12-07 13:30');
    expect(next('2026-12-07 12:10')).toBe('2026-12-07 13:30');
  });

  it('moves after closing to the next working morning, across the weekend', () => {
    expect(next('2026-12-07 17:00')).toBe('2026-12-08 07:00');
    expect(next('2026-12-11 16:59')).toBe('2026-12-11 16:59');
    expect(next('2026-12-11 17:30')).toBe('2026-12-14 07:00');
    expect(next('2026-12-11 23:59')).toBe('2026-12-14 07:00');
  });

  it('skips holidays and opens on a make-up Saturday', () => {
    const tet = calendarOf({
      '2027-02-08': 'DAY_OFF',
      '2027-02-09': 'DAY_OFF',
      '2027-02-10': 'DAY_OFF',
      '2027-02-13': 'WORKING_DAY',
    });
    expect(next('2027-02-07 20:00', tet)).toBe('2027-02-11 07:00');
    expect(next('2027-02-12 18:00', tet)).toBe('2027-02-13 07:00');
  });

  it("reads the unit's own hours (a Saturday morning, a late opening)", () => {
    const hours = withWeekday(
      defineWorkingHours({ weekly: { MON: [{ start: '08:00', end: '16:00' }] } }),
      'SAT',
      [{ start: '07:30', end: '11:30' }],
    );
    expect(next('2026-12-11 17:30', plainWeek, hours)).toBe('2026-12-12 07:30');
    expect(next('2026-12-12 11:30', plainWeek, hours)).toBe('2026-12-14 08:00');
  });

  it('is null for a unit without any working time', () => {
    expect(next('2026-12-06 10:00', plainWeek, defineWorkingHours({ weekly: {} }))).toBeNull();
  });

  const isWorking = (t: Date, calendar: CalendarDayLookup): boolean => {
    const date = toLocalDate(t);
    const minute = (t.getTime() - startOfLocalDay(date).getTime()) / MINUTE_MS;
    return workingPeriodsOn(date, calendar).some((p) => minute >= p.startMinute && minute < p.endMinute);
  };

  it('property: the result is working time, not before the input, and no working time lies between them', () => {
    const days = fc.dictionary(
      fc.integer({ min: 0, max: 40 }).map((n) => addDays('2026-12-01', n)),
      fc.constantFrom('DAY_OFF' as const, 'WORKING_DAY' as const),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        days,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (minute, entries, fraction) => {
          const calendar = calendarOf(entries);
          const at = new Date(fromLocal('2026-12-01 00:00').getTime() + minute * MINUTE_MS);
          const r = nextWorkingInstant(at, calendar);
          expect(r).not.toBeNull();
          expect(r!.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(isWorking(r!, calendar)).toBe(true);
          const between = new Date(at.getTime() + Math.floor(fraction * (r!.getTime() - at.getTime())));
          if (between.getTime() < r!.getTime()) expect(isWorking(between, calendar)).toBe(false);
          expect(nextWorkingInstant(r!, calendar)!.getTime()).toBe(r!.getTime());
        },
      ),
    );
  });
});
