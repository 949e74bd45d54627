import fc from 'fast-check';
import { addDays, daysBetween, isLocalDate, isoWeekdayOf, utcMidnightOf, weekdayOf } from './local-date';

/** Any existing date of years 1900–2199 as 'YYYY-MM-DD'. */
const aDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('local dates', () => {
  describe('isLocalDate', () => {
    it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2027-01-01'])('accepts %s', (date) => {
      expect(isLocalDate(date)).toBe(true);
    });
    it.each([
      ['an impossible day', '2026-02-30'],
      ['29 February of a common year', '2026-02-29'],
      ['month 13', '2026-13-01'],
      ['day 0', '2026-01-00'],
      ['unpadded fields', '2026-2-3'],
      ['a time', '2026-02-28T00:00'],
      ['a number', 20260228],
      ['undefined', undefined],
    ])('refuses %s', (_, value) => {
      expect(isLocalDate(value)).toBe(false);
    });
    it('accepts exactly the dates the Date type round-trips', () => {
      fc.assert(fc.property(aDate, (date) => isLocalDate(date)));
    });
  });

  describe('addDays', () => {
    it('crosses month ends, year ends and leap days', () => {
      expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
      expect(addDays('2026-03-15', 0)).toBe('2026-03-15');
    });
    it('is undone by going back as many days, and daysBetween counts them', () => {
      fc.assert(
        fc.property(aDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
          const moved = addDays(date, n);
          expect(isLocalDate(moved)).toBe(true);
          expect(addDays(moved, -n)).toBe(date);
          expect(daysBetween(date, moved)).toBe(n);
        }),
      );
    });
    it('orders dates as strings do', () => {
      fc.assert(fc.property(aDate, fc.integer({ min: 1, max: 5000 }), (date, n) => addDays(date, n) > date));
    });
    it('throws a RangeError for a date that does not exist (a caller must validate first)', () => {
      expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
      expect(() => utcMidnightOf('26-1-1')).toThrow(/Not a calendar date/);
    });
  });

  describe('weekdays', () => {
    it('knows the weekday of a date, Sunday = 0 and ISO Sunday = 7', () => {
      expect(weekdayOf('2026-02-17')).toBe(2); // Tuesday, mùng 1 Tết
      expect(weekdayOf('2025-07-06')).toBe(0);
      expect(isoWeekdayOf('2025-07-06')).toBe(7);
      expect(isoWeekdayOf('2025-07-07')).toBe(1);
      expect(isoWeekdayOf('2025-07-04')).toBe(5); // Fast Friday
    });
    it('moves one weekday per day, with ISO and JS numbering agreeing', () => {
      fc.assert(
        fc.property(aDate, (date) => {
          expect(weekdayOf(addDays(date, 1))).toBe((weekdayOf(date) + 1) % 7);
          expect(isoWeekdayOf(date) % 7).toBe(weekdayOf(date));
        }),
      );
    });
  });
});
