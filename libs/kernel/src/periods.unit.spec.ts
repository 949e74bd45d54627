import fc from 'fast-check';
import { addDays, isLocalDate } from './local-date';
import {
  firstDayOfLocalMonth,
  firstDayOfMonth,
  firstDayOfNextMonth,
  formatMonth,
  localMonthOf,
  localYearMonthOf,
  monthIndex,
  parseMonth,
  startOfLocalMonth,
} from './periods';
import { toLocalDate } from './vietnam-time';

const aDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('Vietnam-local periods', () => {
  describe('the local month of an instant', () => {
    it('puts an instant late on 31 December UTC into January in Vietnam', () => {
      expect(localYearMonthOf('2025-12-31T17:30:00Z')).toEqual({ year: 2026, month: 1 });
      expect(localYearMonthOf(new Date('2025-12-31T16:59:59.999Z'))).toEqual({ year: 2025, month: 12 });
    });
    it('moves a late-evening UTC instant to the next local month', () => {
      expect(localMonthOf(new Date('2026-03-31T17:00:00.000Z'))).toBe('2026-04');
      expect(localMonthOf(new Date('2026-03-31T16:59:59.999Z'))).toBe('2026-03');
      expect(firstDayOfLocalMonth(new Date('2026-02-28T18:00:00.000Z'))).toBe('2026-03-01');
    });
    it('starts a local month at 17:00 UTC of the last day before it', () => {
      expect(startOfLocalMonth('2026-01-15').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    });
  });

  describe('months', () => {
    it('parses and formats months', () => {
      expect(parseMonth('2026-02')).toEqual({ year: 2026, month: 2 });
      expect(parseMonth('2026-02-17')).toEqual({ year: 2026, month: 2 });
      expect(parseMonth('2026-13')).toBeNull();
      expect(parseMonth('2026-00')).toBeNull();
      expect(parseMonth('26-1')).toBeNull();
      expect(formatMonth({ year: 2026, month: 3 })).toBe('2026-03');
      expect(monthIndex({ year: 2026, month: 1 }) - monthIndex({ year: 2025, month: 12 })).toBe(1);
    });
    it('round-trips any month through its text and index', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
          const ym = { year, month };
          expect(parseMonth(formatMonth(ym))).toEqual(ym);
          const i = monthIndex(ym);
          expect({ year: Math.floor(i / 12), month: (i % 12) + 1 }).toEqual(ym);
        }),
      );
    });
    it('agrees with the local date of the same instant', () => {
      fc.assert(
        fc.property(
          fc.date({ min: new Date('1980-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
          (at) => expect(formatMonth(localYearMonthOf(at))).toBe(toLocalDate(at).slice(0, 7)),
        ),
      );
    });
  });

  describe('month boundaries of a date', () => {
    it('finds the first day of the month and of the next one, across year ends and leap years', () => {
      expect(firstDayOfMonth('2026-02-17')).toBe('2026-02-01');
      expect(firstDayOfNextMonth('2026-01-31')).toBe('2026-02-01');
      expect(firstDayOfNextMonth('2026-12-01')).toBe('2027-01-01');
      expect(addDays(firstDayOfNextMonth('2028-02-10'), -1)).toBe('2028-02-29');
      expect(addDays(firstDayOfNextMonth('2026-02-10'), -1)).toBe('2026-02-28');
    });
    it('brackets every date by its month', () => {
      fc.assert(
        fc.property(aDate, (date) => {
          const first = firstDayOfMonth(date);
          const next = firstDayOfNextMonth(date);
          expect(isLocalDate(first) && isLocalDate(next)).toBe(true);
          expect(first <= date && date < next).toBe(true);
          expect(addDays(next, -1).slice(0, 7)).toBe(date.slice(0, 7));
          expect(next.slice(8)).toBe('01');
        }),
      );
    });
    it('refuses a date that does not exist', () => {
      expect(() => firstDayOfMonth('2026-02-30')).toThrow(RangeError);
      expect(() => firstDayOfNextMonth('2026-13-01')).toThrow(RangeError);
    });
  });
});
