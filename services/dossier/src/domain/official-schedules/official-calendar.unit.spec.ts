import { formatLocal, fromLocal } from '@fg/kernel';
import { computeDueAt } from '../due-date';
import { DEFAULT_WORKING_HOURS, withWeekday } from '../working-hours';
import { createWorkingCalendar, type WorkingCalendar } from '../working-calendar';
import { NO_OVERRIDES } from '../calendar-overrides';
import type { WorkingHours } from '../working-hours';

// The calendar as the service builds it: Labour Code defaults under the shipped official schedules.
const calendar = createWorkingCalendar();
const statutory = createWorkingCalendar({ officialSchedules: {} });
const saturdayMornings = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);

const days = (year: number, cal: WorkingCalendar = calendar) =>
  cal.listYear(year).map((e) => `${e.date} ${e.kind === 'DAY_OFF' ? 'off' : 'work'} ${e.source}`);
const range = (from: number, to: number, prefix: string, what = 'off OFFICIAL') =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${String(from + i).padStart(2, '0')} ${what}`);

const due = (
  received: string,
  amount: number,
  unit: 'WORKING_DAYS' | 'WORKING_HOURS',
  hours?: WorkingHours,
  cal = calendar,
) => formatLocal(computeDueAt({ receivedAt: fromLocal(received), amount, unit, calendar: cal, hours }).dueAt);

describe('the calendar with the official schedules', () => {
  it('2025: Tết 25 Jan – 2 Feb, 30 Apr – 4 May with Sat 26 Apr worked, 30 Aug – 2 Sep; the rest by the Labour Code', () => {
    expect(days(2025)).toEqual([
      '2025-01-01 off COMPUTED', // Tết Dương lịch: no decision, statutory
      ...range(25, 31, '2025-01'),
      ...range(1, 2, '2025-02'),
      '2025-04-07 off COMPUTED', // Giỗ Tổ Hùng Vương: no decision, statutory
      '2025-04-26 work OFFICIAL',
      '2025-04-30 off OFFICIAL',
      ...range(1, 4, '2025-05'),
      ...range(30, 31, '2025-08'),
      ...range(1, 2, '2025-09'),
    ]);
  });

  it('2026: 1–4 Jan with Sat 10 Jan worked, Tết 14–22 Feb, 29 Aug – 2 Sep with Sat 22 Aug worked', () => {
    expect(days(2026)).toEqual([
      ...range(1, 4, '2026-01'),
      '2026-01-10 work OFFICIAL',
      ...range(14, 22, '2026-02'),
      '2026-04-26 off COMPUTED', // Giỗ Tổ on Sunday …
      '2026-04-27 off COMPUTED', // … made up on Monday (Labour Code Art. 111(3))
      '2026-04-30 off COMPUTED',
      '2026-05-01 off COMPUTED',
      '2026-08-22 work OFFICIAL',
      ...range(29, 31, '2026-08'),
      ...range(1, 2, '2026-09'),
    ]);
    // The statutory default for 2 Sep on a Wednesday is 3 Sep; the decision chose 1 Sep instead.
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
    expect(statutory.isWorkingDay('2026-09-03')).toBe(false);
  });

  it('cites the document in the reason of each official day', () => {
    expect(calendar.entryOn('2026-01-10')).toEqual({
      date: '2026-01-10',
      kind: 'WORKING_DAY',
      reason: 'Làm bù cho thứ Sáu 2/1/2026 (hoán đổi ngày làm việc) (12729/VPCP-KGVX)',
      source: 'OFFICIAL',
    });
    expect(calendar.entryOn('2025-05-02')?.reason).toContain('8726/VPCP-KGVX');
  });

  it("marks each year 'official: <source>' or 'statutory only'", () => {
    expect(calendar.year(2025).basis).toMatch(/^official: 8726\/VPCP-KGVX \(Văn phòng Chính phủ/);
    expect(calendar.year(2026).basis).toMatch(/^official: 12729\/VPCP-KGVX .*; 9859\/VPCP-KGVX /);
    expect(calendar.year(2027).basis).toBe('statutory only');
    expect(statutory.year(2026).basis).toBe('statutory only');
  });

  it('keeps the version of a year without a decision, and changes those of 2025 and 2026', () => {
    expect(calendar.versionOf(2027)).toBe(statutory.versionOf(2027));
    expect(calendar.versionOf(2024)).toBe(statutory.versionOf(2024));
    expect(calendar.versionOf(2025)).not.toBe(statutory.versionOf(2025));
    expect(calendar.versionOf(2026)).not.toBe(statutory.versionOf(2026));
  });

  it("lets the administrators' overrides win over the official schedule, with their own source", () => {
    const cal = createWorkingCalendar({
      overrides: {
        2026: {
          ...NO_OVERRIDES,
          removeDaysOff: ['2026-01-02'],
          extraWorkingDays: [{ date: '2026-01-03', reason: 'Trực Tết Dương lịch' }],
        },
      },
    });
    expect(cal.isWorkingDay('2026-01-02')).toBe(true);
    expect(cal.entryOn('2026-01-03')).toMatchObject({ kind: 'WORKING_DAY', source: 'OVERRIDE' });
    expect(cal.entryOn('2026-01-01')).toMatchObject({ kind: 'DAY_OFF', source: 'OFFICIAL' });
  });
});

// Working days end at closing time of the n-th working day after the date of receipt (docs/domain.md §Due
// dates, issue #15 item 4); these expectations were at the receipt's clock time before.
describe('due dates under the official schedules (issue #15)', () => {
  it('Fri 24 Jan 2025 10:00 + 1 working day is Mon 3 Feb 17:00 (Labour Code alone: Mon 27 Jan)', () => {
    expect(due('2025-01-24 10:00', 1, 'WORKING_DAYS')).toBe('2025-02-03 17:00');
    expect(due('2025-01-24 10:00', 1, 'WORKING_DAYS', undefined, statutory)).toBe('2025-01-27 17:00');
  });

  it('Tue 29 Apr 2025 16:00 + 2 working days is Tue 6 May 17:00: Fri 2 May is off, swapped to Sat 26 Apr', () => {
    expect(due('2025-04-29 16:00', 2, 'WORKING_DAYS')).toBe('2025-05-06 17:00');
    expect(due('2025-04-25 16:00', 1, 'WORKING_DAYS')).toBe('2025-04-26 17:00'); // the make-up Saturday counts
  });

  it('Wed 31 Dec 2025 15:00 + 1 working day is Mon 5 Jan 2026 17:00, with both years in the version', () => {
    const r = computeDueAt({
      receivedAt: fromLocal('2025-12-31 15:00'),
      amount: 1,
      unit: 'WORKING_DAYS',
      calendar,
    });
    expect(formatLocal(r.dueAt)).toBe('2026-01-05 17:00');
    expect(r.calendarVersion).toBe(`${calendar.versionOf(2025)}+${calendar.versionOf(2026)}`);
  });

  describe('for a unit open on Saturday mornings', () => {
    it('loses the Saturday inside Tết: Fri 13 Feb 2026 16:00 + 4 working hours is Mon 23 Feb 10:00', () => {
      expect(due('2026-02-13 16:00', 4, 'WORKING_HOURS', saturdayMornings)).toBe('2026-02-23 10:00');
      // Labour Code alone leaves Sat 14 Feb a working morning.
      expect(due('2026-02-13 16:00', 4, 'WORKING_HOURS', saturdayMornings, statutory)).toBe(
        '2026-02-14 10:30',
      );
    });

    it('works a full weekday on a make-up Saturday: Fri 9 Jan 2026 16:00 + 6 working hours is Sat 10 Jan 14:00', () => {
      // 1 h on Friday, 07:00–11:30 and 13:30–14:00 on the make-up Saturday (Monday's hours, not 07:30–11:30).
      expect(due('2026-01-09 16:00', 6, 'WORKING_HOURS', saturdayMornings)).toBe('2026-01-10 14:00');
      expect(due('2026-01-09 16:00', 6, 'WORKING_HOURS')).toBe('2026-01-10 14:00');
    });

    it('keeps its Saturday morning on an ordinary Saturday', () => {
      expect(due('2026-01-16 16:00', 2, 'WORKING_HOURS', saturdayMornings)).toBe('2026-01-17 08:30');
    });
  });
});
