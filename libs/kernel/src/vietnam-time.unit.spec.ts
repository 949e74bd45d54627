import fc from 'fast-check';
import { addDays } from './local-date';
import {
  atLocalMinute,
  formatLocal,
  fromLocal,
  isValidInstant,
  localHourOf,
  localIsoWeekdayOf,
  localYearOf,
  startOfLocalDay,
  toLocalDate,
  VIETNAM_TIME_ZONE,
  VIETNAM_UTC_OFFSET_MINUTES,
} from './vietnam-time';

const anInstant = fc.date({
  min: new Date('1980-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

describe('Vietnam civil time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('is seven hours ahead of UTC', () => {
    expect(VIETNAM_UTC_OFFSET_MINUTES).toBe(420);
    expect(VIETNAM_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  describe('the local date of an instant', () => {
    it('changes at local midnight, 17:00 UTC', () => {
      expect(toLocalDate(new Date('2025-07-01T16:59:59.999Z'))).toBe('2025-07-01');
      expect(toLocalDate(new Date('2025-07-01T17:00:00.000Z'))).toBe('2025-07-02');
    });
    it('puts late evening UTC on 31 December into the next local year', () => {
      expect(toLocalDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
      expect(localYearOf(new Date('2025-12-31T17:00:00Z'))).toBe(2026);
      expect(localYearOf(new Date('2025-12-31T16:59:59.999Z'))).toBe(2025);
    });
    it('handles month ends and leap days', () => {
      expect(toLocalDate(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
      expect(toLocalDate(new Date('2024-02-28T17:30:00Z'))).toBe('2024-02-29');
    });
    it('reads ISO strings with a zone as events carry them', () => {
      expect(toLocalDate('2026-03-01T18:00:00Z')).toBe('2026-03-02');
      expect(toLocalDate('2026-03-01T00:00:00+07:00')).toBe('2026-03-01');
    });
    it('agrees with the IANA time-zone database for any instant', () => {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
      const hour = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        hour: '2-digit',
        hourCycle: 'h23',
      });
      const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'short' });
      const iso = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as Record<string, number>;
      fc.assert(
        fc.property(anInstant, (at) => {
          expect(toLocalDate(at)).toBe(date.format(at));
          expect(localHourOf(at)).toBe(Number(hour.format(at)));
          expect(localIsoWeekdayOf(at)).toBe(iso[weekday.format(at)]);
        }),
      );
    });
    it('refuses an invalid instant with a RangeError', () => {
      expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
      expect(() => toLocalDate('not a time')).toThrow(/Not a valid instant/);
      expect(isValidInstant(new Date('nope'))).toBe(false);
      expect(isValidInstant('2026-01-01')).toBe(false);
      expect(isValidInstant(new Date(0))).toBe(true);
    });
  });

  describe('local hours and weekdays', () => {
    it('reads the local hour, 0–23', () => {
      expect(localHourOf(new Date('2025-07-01T01:00:00Z'))).toBe(8);
      expect(localHourOf(new Date('2025-07-01T17:00:00Z'))).toBe(0);
      expect(localHourOf(new Date('2025-07-01T16:59:59.999Z'))).toBe(23);
    });
    it('gives ISO weekdays in local time', () => {
      expect(localIsoWeekdayOf(new Date('2025-07-03T17:00:00Z'))).toBe(5); // Friday 4 July 00:00 local
      expect(localIsoWeekdayOf(new Date('2025-07-06T16:59:59Z'))).toBe(7); // still Sunday
    });
  });

  describe('instants of local times', () => {
    it('starts a local day at 17:00 UTC of the day before', () => {
      expect(startOfLocalDay('2026-01-01').toISOString()).toBe('2025-12-31T17:00:00.000Z');
      expect(atLocalMinute('2026-03-01', 8 * 60).toISOString()).toBe('2026-03-01T01:00:00.000Z');
      expect(atLocalMinute('2026-02-28', 1440).toISOString()).toBe(
        startOfLocalDay('2026-03-01').toISOString(),
      );
    });
    it('keeps 00:00 and 23:59:59.999 local on the same local date', () => {
      fc.assert(
        fc.property(anInstant, (at) => {
          const date = toLocalDate(at);
          const start = startOfLocalDay(date);
          expect(toLocalDate(start)).toBe(date);
          expect(toLocalDate(new Date(start.getTime() - 1))).toBe(addDays(date, -1));
          const lastMs = new Date(startOfLocalDay(addDays(date, 1)).getTime() - 1);
          expect(toLocalDate(lastMs)).toBe(date);
          expect(formatLocal(lastMs)).toBe(`${date} 23:59`);
          expect(start.getTime() <= at.getTime() && at.getTime() <= lastMs.getTime()).toBe(true);
        }),
      );
    });
    it('round-trips a local wall-clock minute', () => {
      expect(fromLocal('2025-07-07 09:00').toISOString()).toBe('2025-07-07T02:00:00.000Z');
      expect(fromLocal('2025-07-07T09:00').toISOString()).toBe('2025-07-07T02:00:00.000Z');
      expect(formatLocal(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01 00:00');
      fc.assert(
        fc.property(anInstant, (at) => {
          const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
          expect(fromLocal(formatLocal(minute)).getTime()).toBe(minute.getTime());
        }),
      );
    });
    it('refuses a malformed local time or date', () => {
      expect(() => fromLocal('2025-07-07 9:00')).toThrow(RangeError);
      expect(() => atLocalMinute('2026-02-30', 0)).toThrow(RangeError);
    });
  });
});
