import { CalendarChinese } from 'date-chinese';
import { weekdayOf } from '@fg/kernel';
import { computeVietnamHolidays, nationalDayAdjacentDate } from './vietnam-holidays';
import { hungKingsDay, lunarNewYear } from './vietnamese-lunar';

const datesOf = (year: number) => computeVietnamHolidays(year).map((d) => d.date);

describe('Vietnamese lunar dates (UTC+7)', () => {
  it.each([
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('puts Tết %i on %s', (year, date) => {
    expect(lunarNewYear(year).firstDay).toBe(date);
  });

  it('uses the Vietnamese calendar where the Chinese one differs (2030, 2007, 1985)', () => {
    expect(lunarNewYear(2030).firstDay).toBe('2030-02-02');
    expect(lunarNewYear(2007).firstDay).toBe('2007-02-17');
    expect(lunarNewYear(1985).firstDay).toBe('1985-01-21');
    // The Chinese (UTC+8) calendar says 3 Feb 2030: the two really differ.
    const cn = new CalendarChinese();
    cn.fromJDE(cn.newYear(2030));
    expect(cn.toGregorian(2030)).toEqual({ year: 2030, month: 2, day: 3 });
  });

  it('knows the last day of the lunar year may be the 29th', () => {
    expect(lunarNewYear(2026)).toEqual({
      firstDay: '2026-02-17',
      lastDayOfPreviousYear: '2026-02-16',
      lastDayNumber: 29,
    });
    expect(lunarNewYear(2024).lastDayNumber).toBe(30); // 30 Tết Quý Mão = 9 Feb 2024
  });

  it.each([
    [2023, '2023-04-29'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('puts Hùng Kings %i on %s', (year, date) => {
    expect(hungKingsDay(year)).toBe(date);
  });
});

describe('computeVietnamHolidays', () => {
  it('lists 2025: Tết in January with the Saturday made up on Monday 3 Feb', () => {
    expect(computeVietnamHolidays(2025)).toEqual([
      { date: '2025-01-01', reason: 'Tết Dương lịch (1/1)', source: 'COMPUTED' },
      { date: '2025-01-28', reason: 'Tết Nguyên đán (29 tháng Chạp)', source: 'COMPUTED' },
      { date: '2025-01-29', reason: 'Tết Nguyên đán (mùng 1 tháng Giêng)', source: 'COMPUTED' },
      { date: '2025-01-30', reason: 'Tết Nguyên đán (mùng 2 tháng Giêng)', source: 'COMPUTED' },
      { date: '2025-01-31', reason: 'Tết Nguyên đán (mùng 3 tháng Giêng)', source: 'COMPUTED' },
      { date: '2025-02-01', reason: 'Tết Nguyên đán (mùng 4 tháng Giêng)', source: 'COMPUTED' },
      { date: '2025-02-03', reason: 'Nghỉ bù Tết Nguyên đán (1/2 trùng thứ Bảy)', source: 'COMPUTED' },
      { date: '2025-04-07', reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', source: 'COMPUTED' },
      { date: '2025-04-30', reason: 'Ngày Chiến thắng (30/4)', source: 'COMPUTED' },
      { date: '2025-05-01', reason: 'Ngày Quốc tế Lao động (1/5)', source: 'COMPUTED' },
      { date: '2025-09-01', reason: 'Quốc khánh (ngày liền kề 2/9)', source: 'COMPUTED' },
      { date: '2025-09-02', reason: 'Quốc khánh (2/9)', source: 'COMPUTED' },
    ]);
  });

  it('gives Tết 2026 (February) as 16–20 Feb, all weekdays', () => {
    expect(datesOf(2026).filter((d) => d.startsWith('2026-02'))).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  describe('when Hùng Kings 2026 falls on Sunday 26 Apr', () => {
    it('makes it up on Monday 27 Apr', () => {
      const h = computeVietnamHolidays(2026);
      expect(weekdayOf('2026-04-26')).toBe(0);
      expect(h).toContainEqual({
        date: '2026-04-26',
        reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
        source: 'COMPUTED',
      });
      expect(h).toContainEqual({
        date: '2026-04-27',
        reason: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 trùng Chủ nhật)',
        source: 'COMPUTED',
      });
    });
  });

  it('makes up two weekend holidays on two following days (2022: 30 Apr Sat, 1 May Sun)', () => {
    expect(datesOf(2022).filter((d) => d >= '2022-04-30' && d <= '2022-05-31')).toEqual([
      '2022-04-30',
      '2022-05-01',
      '2022-05-02',
      '2022-05-03',
    ]);
  });

  it('makes up Tết days on weekends after the whole holiday (2027: Tết on Saturday)', () => {
    expect(datesOf(2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
  });

  it('makes up 1 Jan on a Sunday on Monday 2 Jan (2023)', () => {
    expect(datesOf(2023).slice(0, 2)).toEqual(['2023-01-01', '2023-01-02']);
  });

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
  ])('picks the day next to 2 Sep %i as the Government did: %s', (year, date) => {
    expect(nationalDayAdjacentDate(year)).toBe(date);
  });

  it('makes up 2 Sep 2023 (Saturday) on Monday 4 Sep', () => {
    expect(datesOf(2023).filter((d) => d.startsWith('2023-09'))).toEqual([
      '2023-09-01',
      '2023-09-02',
      '2023-09-04',
    ]);
  });

  it('keeps every day inside the year, sorted, unique and computed', () => {
    for (let year = 2021; year <= 2040; year++) {
      const days = computeVietnamHolidays(year);
      const dates = days.map((d) => d.date);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(days.every((d) => d.source === 'COMPUTED' && d.reason.length > 0)).toBe(true);
      // 11 statutory days, each on a weekly rest day made up once: 11 weekdays off every year.
      expect(dates.filter((d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6)).toHaveLength(11);
    }
  });

  it('does not make up Saturdays when only Sunday is the weekly rest day', () => {
    const dates = computeVietnamHolidays(2027, { weeklyRestDays: [0] }).map((d) => d.date);
    expect(dates).not.toContain('2027-05-03'); // 1 May 2027 is a Saturday
    expect(dates).toContain('2027-02-10'); // only Sunday 7 Feb is made up
    expect(dates).not.toContain('2027-02-11');
  });

  it('refuses years it cannot compute', () => {
    expect(() => computeVietnamHolidays(1900)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_YEAR' }),
    );
    expect(() => computeVietnamHolidays(2025.5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_YEAR' }),
    );
  });
});
