import { formatLocal, fromLocal } from '@fg/kernel';
import { defaultCalendar } from './testing/calendars';
import { DEFAULT_WORKING_HOURS, defineWorkingHours, withWeekday } from './working-hours';
import {
  addWorkingMinutes,
  clockStartFor,
  isWithinWorkingTime,
  nextWorkingDay,
  workingMinutesBetween,
} from './working-time';
import { createWorkingCalendar } from './working-calendar';

const calendar = defaultCalendar();
const start = (local: string) => formatLocal(clockStartFor(fromLocal(local), calendar));

describe('clock start', () => {
  it.each([
    ['inside the morning period', '2025-07-07 09:15', '2025-07-07 09:15'],
    ['at opening time', '2025-07-07 07:00', '2025-07-07 07:00'],
    ['before opening', '2025-07-07 06:10', '2025-07-07 07:00'],
    ['at lunch', '2025-07-07 12:00', '2025-07-07 13:30'],
    ['at closing time', '2025-07-07 17:00', '2025-07-08 07:00'],
    ['after hours on Friday', '2025-07-11 18:30', '2025-07-14 07:00'],
    ['on Saturday', '2025-07-12 09:00', '2025-07-14 07:00'],
    // 30 Apr – 4 May 2025 off, Fri 2 May swapped to Sat 26 Apr (8726/VPCP-KGVX; Thông báo 6150/TB-LĐTBXH).
    ['on 30 Apr 2025 (before 1–4 May)', '2025-04-30 09:00', '2025-05-05 07:00'],
    // 1–4 Jan 2026 off, Fri 2 Jan swapped to Sat 10 Jan (12729/VPCP-KGVX, 25 Dec 2025).
    ['on New Year’s Eve after hours', '2025-12-31 17:30', '2026-01-05 07:00'],
  ])('for a receipt %s starts at the right time', (_label, received, expected) => {
    expect(start(received)).toBe(expected);
  });
});

describe('working minutes', () => {
  it('counts a full day as 480 minutes and skips lunch', () => {
    expect(
      workingMinutesBetween(fromLocal('2025-07-07 07:00'), fromLocal('2025-07-07 17:00'), calendar),
    ).toBe(480);
    expect(
      workingMinutesBetween(fromLocal('2025-07-07 11:00'), fromLocal('2025-07-07 14:00'), calendar),
    ).toBe(60);
  });

  it('counts only working time across a weekend and across Tết', () => {
    expect(
      workingMinutesBetween(fromLocal('2025-07-11 16:00'), fromLocal('2025-07-14 08:00'), calendar),
    ).toBe(120);
    // Thu 12 Feb 2026 16:00 → Mon 23 Feb 08:00: 60 + Fri 13 (480) + 60; Tết 16–20 Feb and two weekends count nothing.
    expect(
      workingMinutesBetween(fromLocal('2026-02-12 16:00'), fromLocal('2026-02-23 08:00'), calendar),
    ).toBe(600);
  });

  it('is zero for an empty or reversed interval and drops seconds', () => {
    const t = fromLocal('2025-07-07 09:00');
    expect(workingMinutesBetween(t, t, calendar)).toBe(0);
    expect(workingMinutesBetween(fromLocal('2025-07-08 09:00'), t, calendar)).toBe(0);
    expect(workingMinutesBetween(t, new Date(t.getTime() + 90_000), calendar)).toBe(1);
  });

  it('adds working minutes to the earliest instant, ending at closing time rather than the next opening', () => {
    expect(formatLocal(addWorkingMinutes(fromLocal('2025-07-07 16:00'), 60, calendar))).toBe(
      '2025-07-07 17:00',
    );
    expect(formatLocal(addWorkingMinutes(fromLocal('2025-07-07 16:00'), 61, calendar))).toBe(
      '2025-07-08 07:01',
    );
    expect(formatLocal(addWorkingMinutes(fromLocal('2025-07-12 10:00'), 30, calendar))).toBe(
      '2025-07-14 07:30',
    );
    expect(addWorkingMinutes(fromLocal('2025-07-12 10:00'), 0, calendar)).toEqual(
      fromLocal('2025-07-12 10:00'),
    );
  });

  it('counts a Saturday morning for a unit open then', () => {
    const hours = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);
    expect(
      workingMinutesBetween(fromLocal('2025-07-11 16:00'), fromLocal('2025-07-14 08:00'), calendar, hours),
    ).toBe(60 + 240 + 60);
  });

  it('refuses to search forever when a unit has no working time', () => {
    const never = defineWorkingHours({ weekly: {} });
    expect(() => clockStartFor(fromLocal('2025-07-07 09:00'), calendar, never)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.NO_WORKING_TIME' }),
    );
  });
});

describe('working time and days', () => {
  it('includes both ends of a working period', () => {
    expect(isWithinWorkingTime(fromLocal('2025-07-07 07:00'), calendar)).toBe(true);
    expect(isWithinWorkingTime(fromLocal('2025-07-07 17:00'), calendar)).toBe(true);
    expect(isWithinWorkingTime(fromLocal('2025-07-07 12:00'), calendar)).toBe(false);
    expect(isWithinWorkingTime(fromLocal('2026-02-17 09:00'), calendar)).toBe(false);
  });

  it('uses the make-up day hours on a make-up working Saturday', () => {
    const cal = createWorkingCalendar({
      overrides: {
        2026: {
          addDaysOff: [],
          removeDaysOff: [],
          extraWorkingDays: [{ date: '2026-02-28', reason: 'Làm bù' }],
        },
      },
    });
    expect(isWithinWorkingTime(fromLocal('2026-02-28 15:00'), cal)).toBe(true);
    expect(nextWorkingDay('2026-02-27', cal)).toBe('2026-02-28');
  });

  it('finds the next working day across the Hùng Kings weekend', () => {
    expect(nextWorkingDay('2026-04-24', calendar)).toBe('2026-04-28');
  });
});
