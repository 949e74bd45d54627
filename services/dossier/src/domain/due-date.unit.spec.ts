import { formatLocal, fromLocal } from '@fg/kernel';
import { computeDueAt, extendByPausedWorkingTime, type ProcessingUnit } from './due-date';
import { calendarWith, defaultCalendar, TET_2026_CIVIL_SERVANTS } from './testing/calendars';
import type { WorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, withWeekday, type WorkingHours } from './working-hours';

const calendar = defaultCalendar();

const due = (
  received: string,
  amount: number,
  unit: ProcessingUnit = 'WORKING_DAYS',
  cal: WorkingCalendar = calendar,
  hours?: WorkingHours,
) => {
  const r = computeDueAt({ receivedAt: fromLocal(received), amount, unit, calendar: cal, hours });
  return {
    dueAt: formatLocal(r.dueAt),
    clockStartAt: formatLocal(r.clockStartAt),
    calendarVersion: r.calendarVersion,
  };
};

// Issue #15: 'n working days' end at closing time of the n-th working day after the local date of
// receipt (docs/domain.md §Due dates). These expectations replaced the earlier "same position in the
// working day" ones (09:00 Mon + 3 days was 09:00 Thu, 07:00 Mon + 1 day was 17:00 Mon); dossiers
// already received keep the appointment stored at receipt.
describe('computeDueAt with working days', () => {
  it('is due at closing time of the n-th working day after the day of receipt', () => {
    expect(due('2025-07-07 09:00', 3)).toEqual({
      dueAt: '2025-07-10 17:00',
      clockStartAt: '2025-07-07 09:00',
      calendarVersion: calendar.versionOf(2025),
    });
  });

  describe('at the receipt edges of Monday 7 Jul 2025 with 1 working day', () => {
    it.each([
      ['just after midnight', '2025-07-07 00:00', '2025-07-07 07:00'],
      ['before opening', '2025-07-07 06:59', '2025-07-07 07:00'],
      ['at opening time', '2025-07-07 07:00', '2025-07-07 07:00'],
      ['a minute after opening', '2025-07-07 07:01', '2025-07-07 07:01'],
      ['a minute before lunch', '2025-07-07 11:29', '2025-07-07 11:29'],
      ['at the start of lunch', '2025-07-07 11:30', '2025-07-07 13:30'],
      ['during lunch', '2025-07-07 12:15', '2025-07-07 13:30'],
      ['a minute before lunch ends', '2025-07-07 13:29', '2025-07-07 13:30'],
      ['at the end of lunch', '2025-07-07 13:30', '2025-07-07 13:30'],
      ['a minute before closing', '2025-07-07 16:59', '2025-07-07 16:59'],
      ['at closing time', '2025-07-07 17:00', '2025-07-08 07:00'],
      ['a minute after closing', '2025-07-07 17:01', '2025-07-08 07:00'],
      ['late in the evening', '2025-07-07 23:59', '2025-07-08 07:00'],
    ])('received %s is due Tuesday 17:00', (_label, received, clockStartAt) => {
      expect(due(received, 1)).toMatchObject({ dueAt: '2025-07-08 17:00', clockStartAt });
    });

    it('moves a whole date only when the date of receipt changes, at midnight', () => {
      expect(due('2025-07-07 23:59', 1).dueAt).toBe('2025-07-08 17:00');
      expect(due('2025-07-08 00:00', 1).dueAt).toBe('2025-07-09 17:00');
    });
  });

  it('counts from the first working day after a receipt on a day off', () => {
    expect(due('2025-07-11 16:59', 1).dueAt).toBe('2025-07-14 17:00');
    expect(due('2025-07-11 19:00', 2)).toMatchObject({
      clockStartAt: '2025-07-14 07:00',
      dueAt: '2025-07-15 17:00',
    });
    expect(due('2025-07-12 10:00', 1).dueAt).toBe('2025-07-14 17:00');
    expect(due('2025-07-13 23:59', 1).dueAt).toBe('2025-07-14 17:00');
    expect(due('2025-07-14 00:00', 1).dueAt).toBe('2025-07-15 17:00');
  });

  describe('at the year boundary', () => {
    it('skips 1–4 Jan for a receipt on 31 Dec afternoon and records both years’ versions', () => {
      // New Year 2026: Thu 1 – Sun 4 Jan off, Fri 2 Jan swapped to Sat 10 Jan (12729/VPCP-KGVX, 25 Dec 2025).
      expect(due('2025-12-31 15:00', 3)).toEqual({
        clockStartAt: '2025-12-31 15:00',
        dueAt: '2026-01-07 17:00',
        calendarVersion: `${calendar.versionOf(2025)}+${calendar.versionOf(2026)}`,
      });
    });

    it('gives a receipt on 31 Dec after hours the same date as one during hours', () => {
      // New Year 2026: Thu 1 – Sun 4 Jan off, Fri 2 Jan swapped to Sat 10 Jan (12729/VPCP-KGVX, 25 Dec 2025).
      expect(due('2025-12-31 17:30', 1)).toMatchObject({
        clockStartAt: '2026-01-05 07:00',
        dueAt: '2026-01-05 17:00',
      });
      expect(due('2025-12-31 10:00', 1).dueAt).toBe('2026-01-05 17:00');
    });
  });

  describe('around Tết', () => {
    // Tết 2025: Sat 25 Jan – Sun 2 Feb off (8726/VPCP-KGVX, 26 Nov 2024; Thông báo 6150/TB-LĐTBXH).
    it('Tết in January (2025): Fri 24 Jan 10:00 + 3 days skips 25 Jan – 2 Feb', () => {
      expect(due('2025-01-24 10:00', 3).dueAt).toBe('2025-02-05 17:00');
    });

    it('Tết in February (2026): Fri 13 Feb 10:00 + 3 days is Wed 25 Feb 17:00', () => {
      expect(due('2026-02-13 10:00', 3).dueAt).toBe('2026-02-25 17:00');
    });

    it('the civil-servant schedule (14–22 Feb) only adds weekend days: same due date, other calendar version', () => {
      const civil = calendarWith({ 2026: TET_2026_CIVIL_SERVANTS });
      const withOverride = due('2026-02-13 10:00', 3, 'WORKING_DAYS', civil);
      expect(withOverride.dueAt).toBe('2026-02-25 17:00');
      expect(withOverride.calendarVersion).toBe(civil.versionOf(2026));
      expect(withOverride.calendarVersion).not.toBe(due('2026-02-13 10:00', 3).calendarVersion);
    });

    it('a bridge day off moves the clock start; a make-up working Saturday counts', () => {
      const swapped = calendarWith({
        2026: {
          addDaysOff: [{ date: '2026-02-13', reason: 'Nghỉ bắc cầu (giả định)' }],
          removeDaysOff: [],
          extraWorkingDays: [{ date: '2026-02-28', reason: 'Làm bù cho thứ Sáu 13/2 (giả định)' }],
        },
      });
      expect(due('2026-02-13 10:00', 3, 'WORKING_DAYS', swapped)).toMatchObject({
        clockStartAt: '2026-02-23 07:00',
        dueAt: '2026-02-25 17:00',
      });
      expect(due('2026-02-26 10:00', 2, 'WORKING_DAYS', swapped).dueAt).toBe('2026-02-28 17:00');
      expect(due('2026-02-26 10:00', 2).dueAt).toBe('2026-03-02 17:00');
    });
  });

  describe('around weekend holidays with make-up days', () => {
    it('Hùng Kings 2026 (Sunday, made up Monday 27 Apr): Fri 24 Apr + 1 day is Tue 28 Apr', () => {
      expect(due('2026-04-24 10:00', 1).dueAt).toBe('2026-04-28 17:00');
      expect(due('2026-04-24 10:00', 3).dueAt).toBe('2026-05-04 17:00');
    });

    it('30 Apr – 1 May 2025: Tue 29 Apr 16:00 + 2 days is Tue 6 May (Fri 2 May swapped off)', () => {
      // Off Wed 30 Apr – Sun 4 May, Fri 2 May swapped to Sat 26 Apr (8726/VPCP-KGVX; Thông báo 6150/TB-LĐTBXH).
      expect(due('2025-04-29 16:00', 2).dueAt).toBe('2025-05-06 17:00');
    });

    it('2 Sep 2023 on Saturday: Thu 31 Aug 09:00 + 1 day is Tue 5 Sep', () => {
      expect(due('2023-08-31 09:00', 1).dueAt).toBe('2023-09-05 17:00');
    });
  });

  describe('for a unit open on Saturday morning', () => {
    const saturday = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);
    it('counts Saturday as a working day, due at its closing time', () => {
      expect(due('2025-07-10 09:00', 2, 'WORKING_DAYS', calendar, saturday).dueAt).toBe('2025-07-12 11:30');
      expect(due('2025-07-11 15:00', 1, 'WORKING_DAYS', calendar, saturday).dueAt).toBe('2025-07-12 11:30');
      expect(due('2025-07-12 11:29', 1, 'WORKING_DAYS', calendar, saturday).dueAt).toBe('2025-07-14 17:00');
    });
  });
});

describe('computeDueAt with working hours', () => {
  it('counts only working time: Fri 16:00 + 4 h is Mon 10:00', () => {
    expect(due('2025-07-11 16:00', 4, 'WORKING_HOURS').dueAt).toBe('2025-07-14 10:00');
  });
  it('skips lunch: 11:00 + 1 h is 14:00', () => {
    expect(due('2025-07-07 11:00', 1, 'WORKING_HOURS').dueAt).toBe('2025-07-07 14:00');
  });
  it('stops at closing time rather than the next opening: 13:30 + 3.5 h is 17:00', () => {
    expect(due('2025-07-07 13:30', 3.5, 'WORKING_HOURS').dueAt).toBe('2025-07-07 17:00');
  });
});

describe('computeDueAt for same-day procedures', () => {
  it.each([
    ['in the morning', '2025-07-07 09:00', '2025-07-07 17:00'],
    ['before opening', '2025-07-07 06:45', '2025-07-07 17:00'],
    ['at opening time', '2025-07-07 07:00', '2025-07-07 17:00'],
    ['during lunch (clock starts 13:30, before the cutoff)', '2025-07-07 12:15', '2025-07-07 17:00'],
    ['a minute before 15:00', '2025-07-07 14:59', '2025-07-07 17:00'],
    ['at 15:00 exactly', '2025-07-07 15:00', '2025-07-07 17:00'],
    ['after 15:00', '2025-07-07 15:01', '2025-07-08 17:00'],
    ['at closing time', '2025-07-07 17:00', '2025-07-08 17:00'],
    ['after hours', '2025-07-07 17:10', '2025-07-08 17:00'],
    ['after 15:00 on Friday', '2025-07-11 15:01', '2025-07-14 17:00'],
    ['after 15:00 on Friday before the Hùng Kings make-up Monday', '2026-04-24 15:30', '2026-04-28 17:00'],
    ['on a Saturday', '2025-07-12 09:00', '2025-07-14 17:00'],
    ['on mùng 2 Tết', '2026-02-18 09:00', '2026-02-23 17:00'],
  ])('received %s is due at the right close', (_label, received, expected) => {
    expect(due(received, 0, 'SAME_DAY').dueAt).toBe(expected);
  });
});

describe('computeDueAt input checks', () => {
  it.each([
    [0, 'WORKING_DAYS'],
    [1.5, 'WORKING_DAYS'],
    [-1, 'WORKING_HOURS'],
    [Number.NaN, 'WORKING_HOURS'],
    [2, 'SAME_DAY'],
    [1, 'WORKING_WEEKS'],
  ])('refuses %p %s', (amount, unit) => {
    expect(() =>
      computeDueAt({
        receivedAt: fromLocal('2025-07-07 09:00'),
        amount,
        unit: unit as ProcessingUnit,
        calendar,
      }),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_PROCESSING_TIME' }));
  });
  it('refuses an invalid receipt time', () => {
    expect(() =>
      computeDueAt({ receivedAt: new Date('nope'), amount: 1, unit: 'WORKING_DAYS', calendar }),
    ).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_INSTANT' }));
  });
});

describe('extendByPausedWorkingTime', () => {
  it('moves the due date by the working time of a pause across Tết only', () => {
    // Fri 13 Feb 10:00 → Mon 23 Feb 10:00: 300 min on Friday + 180 on Monday; Tết and weekends count nothing.
    const r = extendByPausedWorkingTime(
      fromLocal('2026-02-25 10:00'),
      fromLocal('2026-02-13 10:00'),
      fromLocal('2026-02-23 10:00'),
      calendar,
    );
    expect(r.pausedMinutes).toBe(480);
    expect(formatLocal(r.dueAt)).toBe('2026-02-26 10:00');
    expect(r.calendarVersion).toBe(calendar.versionOf(2026));
  });

  it('leaves the due date alone for a pause outside working time', () => {
    const dueAt = fromLocal('2025-07-10 09:00');
    const r = extendByPausedWorkingTime(
      dueAt,
      fromLocal('2025-07-11 17:30'),
      fromLocal('2025-07-14 06:00'),
      calendar,
    );
    expect(r).toMatchObject({ pausedMinutes: 0, dueAt });
  });

  it('carries a due date over the New Year holiday', () => {
    const r = extendByPausedWorkingTime(
      fromLocal('2025-12-31 16:00'),
      fromLocal('2025-12-29 09:00'),
      fromLocal('2025-12-29 11:00'),
      calendar,
    );
    // 120 paused minutes: 16:00–17:00 on 31 Dec, then 07:00–08:00 on Mon 5 Jan.
    // New Year 2026: Thu 1 – Sun 4 Jan off, Fri 2 Jan swapped to Sat 10 Jan (12729/VPCP-KGVX, 25 Dec 2025).
    expect(formatLocal(r.dueAt)).toBe('2026-01-05 08:00');
    expect(r.calendarVersion).toBe(`${calendar.versionOf(2025)}+${calendar.versionOf(2026)}`);
  });
});
