import { fromLocal } from '@fg/kernel';
import { NO_OVERRIDES, validateCalendarOverrides } from './calendar-overrides';
import { calendarWith, TET_2026_CIVIL_SERVANTS } from './testing/calendars';
import { buildYearCalendar, createWorkingCalendar } from './working-calendar';

describe('working calendar', () => {
  describe('with the Labour Code defaults only (no official schedule, no overrides)', () => {
    const calendar = createWorkingCalendar({ officialSchedules: {} });

    it('lists each day off with its reason and source', () => {
      const feb = calendar.listYear(2026).filter((e) => e.date.startsWith('2026-02'));
      expect(feb.map((e) => e.date)).toEqual([
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
      ]);
      expect(feb.every((e) => e.kind === 'DAY_OFF' && e.source === 'COMPUTED')).toBe(true);
    });

    it('knows working days, weekends, holidays and make-up days off', () => {
      expect(calendar.isWorkingDay('2026-02-13')).toBe(true); // Friday before Tết
      expect(calendar.isWorkingDay('2026-02-14')).toBe(false); // Saturday
      expect(calendar.isWorkingDay('2026-02-17')).toBe(false); // mùng 1 Tết
      expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù Hùng Kings
      expect(calendar.isWorkingDay('2026-04-28')).toBe(true);
    });

    it('refuses malformed dates', () => {
      expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(
        expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }),
      );
      expect(() => calendar.isWorkingDay('26-2-1')).toThrow(
        expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }),
      );
    });
  });

  describe('with the civil-servant Tết 2026 schedule (Sat 14 – Sun 22 Feb) as overrides of the defaults', () => {
    const statutory = (overrides = {}) => createWorkingCalendar({ overrides, officialSchedules: {} });
    const calendar = statutory({ 2026: TET_2026_CIVIL_SERVANTS });

    it('lists the nine days off, the added ones as OVERRIDE', () => {
      const feb = calendar.listYear(2026).filter((e) => e.date >= '2026-02-14' && e.date <= '2026-02-22');
      expect(feb.map((e) => e.date)).toEqual([
        '2026-02-14',
        '2026-02-15',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-02-21',
        '2026-02-22',
      ]);
      expect(feb.filter((e) => e.source === 'OVERRIDE').map((e) => e.date)).toEqual([
        '2026-02-14',
        '2026-02-15',
        '2026-02-21',
        '2026-02-22',
      ]);
    });

    it('has a different version than the computed calendar, the same for the same content', () => {
      expect(calendar.versionOf(2026)).not.toBe(statutory().versionOf(2026));
      expect(calendar.versionOf(2026)).toBe(statutory({ 2026: TET_2026_CIVIL_SERVANTS }).versionOf(2026));
      expect(calendar.versionOf(2026)).toMatch(/^2026-[0-9a-f]{12}$/);
      expect(calendar.versionOf(2025)).toBe(statutory().versionOf(2025));
    });
  });

  describe('with a swapped bridge day and a make-up working Saturday', () => {
    const calendar = calendarWith({
      2025: {
        addDaysOff: [{ date: '2025-01-27', reason: 'Nghỉ hoán đổi, làm bù thứ Bảy 8/2/2025' }],
        removeDaysOff: ['2025-02-03'],
        extraWorkingDays: [{ date: '2025-02-08', reason: 'Làm bù cho ngày thứ Hai 27/1/2025' }],
      },
    });

    it('makes the Saturday a working day and the bridge Monday a day off', () => {
      expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
      expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
      expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
      expect(calendar.entryOn('2025-02-08')).toEqual({
        date: '2025-02-08',
        kind: 'WORKING_DAY',
        reason: 'Làm bù cho ngày thứ Hai 27/1/2025',
        source: 'OVERRIDE',
      });
    });
  });

  it('lets a make-up working day win over a computed day off', () => {
    const calendar = calendarWith({
      2026: { ...NO_OVERRIDES, extraWorkingDays: [{ date: '2026-04-27', reason: 'Đi làm' }] },
    });
    expect(calendar.isWorkingDay('2026-04-27')).toBe(true);
  });

  it('records the versions of every year a period spans', () => {
    const calendar = createWorkingCalendar();
    expect(calendar.versionBetween(fromLocal('2025-12-31 15:00'), fromLocal('2026-01-06 15:00'))).toBe(
      `${calendar.versionOf(2025)}+${calendar.versionOf(2026)}`,
    );
    // The local year decides: 16:59Z on 31 Dec is 23:59 local (2025), 17:00Z is midnight of 1 Jan 2026.
    expect(calendar.versionBetween(new Date('2025-12-31T16:59:00Z'), new Date('2025-12-31T16:59:00Z'))).toBe(
      calendar.versionOf(2025),
    );
    expect(calendar.versionBetween(new Date('2025-12-31T17:00:00Z'), new Date('2025-12-31T17:00:00Z'))).toBe(
      calendar.versionOf(2026),
    );
  });

  it('builds a year calendar directly from overrides', () => {
    const y = buildYearCalendar(2026, TET_2026_CIVIL_SERVANTS);
    expect(y.year).toBe(2026);
    expect(y.entries.length).toBe(createWorkingCalendar({ officialSchedules: {} }).listYear(2026).length + 4);
  });
});

describe('validateCalendarOverrides', () => {
  const ok = { addDaysOff: [], removeDaysOff: [], extraWorkingDays: [] };
  it.each([
    ['a date outside the year', { ...ok, removeDaysOff: ['2025-02-03'] }, 'CALENDAR.DATE_OUTSIDE_YEAR'],
    [
      'an impossible date',
      { ...ok, addDaysOff: [{ date: '2026-02-29', reason: 'x' }] },
      'CALENDAR.INVALID_DATE',
    ],
    [
      'a blank reason',
      { ...ok, addDaysOff: [{ date: '2026-11-24', reason: '  ' }] },
      'CALENDAR.REASON_REQUIRED',
    ],
    [
      'a date added twice',
      {
        ...ok,
        addDaysOff: [
          { date: '2026-11-24', reason: 'a' },
          { date: '2026-11-24', reason: 'b' },
        ],
      },
      'CALENDAR.CONFLICTING_OVERRIDE',
    ],
    [
      'a day both off and working',
      {
        ...ok,
        addDaysOff: [{ date: '2026-11-24', reason: 'a' }],
        extraWorkingDays: [{ date: '2026-11-24', reason: 'b' }],
      },
      'CALENDAR.CONFLICTING_OVERRIDE',
    ],
    [
      'a day both added and removed',
      { ...ok, addDaysOff: [{ date: '2026-11-24', reason: 'a' }], removeDaysOff: ['2026-11-24'] },
      'CALENDAR.CONFLICTING_OVERRIDE',
    ],
  ])('refuses %s', (_label, overrides, code) => {
    expect(() => validateCalendarOverrides(2026, overrides)).toThrow(expect.objectContaining({ code }));
  });

  it('adds a new holiday as data (24 Nov, Ngày Văn hóa Việt Nam) and normalises the input', () => {
    const o = validateCalendarOverrides(2026, {
      ...ok,
      addDaysOff: [
        { date: '2026-11-24', reason: ' Ngày Văn hóa Việt Nam ' },
        { date: '2026-01-02', reason: 'Nghỉ bắc cầu' },
      ],
    });
    expect(o.addDaysOff).toEqual([
      { date: '2026-01-02', reason: 'Nghỉ bắc cầu' },
      { date: '2026-11-24', reason: 'Ngày Văn hóa Việt Nam' },
    ]);
    expect(calendarWith({ 2026: o }).isWorkingDay('2026-11-24')).toBe(false);
  });
});
