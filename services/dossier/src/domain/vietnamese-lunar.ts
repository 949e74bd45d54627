import { CalendarVietnamese } from 'date-chinese';
import { addDays, type LocalDate } from '@fg/kernel';

/*
 * Vietnamese lunar dates from `date-chinese`'s CalendarVietnamese: the Chinese astronomical rules
 * computed at the UTC+7 meridian. Never use a Chinese (UTC+8) calendar here: new moons near
 * midnight put Tết on different days in some years (1985, 2007, 2030, 2053: a day or a month apart).
 * Conversions cost milliseconds each, so results are memoised per Gregorian year (pure function).
 */

export interface LunarNewYear {
  /** Mùng 1 tháng Giêng of the lunar year that starts in this Gregorian year. */
  firstDay: LocalDate;
  /** The last day of the previous lunar year (29 or 30 tháng Chạp), the day before `firstDay`. */
  lastDayOfPreviousYear: LocalDate;
  /** 29 or 30: the day number of `lastDayOfPreviousYear` in the twelfth lunar month. */
  lastDayNumber: number;
}

interface LunarYear extends LunarNewYear {
  hungKings: LocalDate;
}

const cache = new Map<number, LunarYear>();

const iso = (g: { year: number; month: number; day: number }): LocalDate =>
  `${String(g.year).padStart(4, '0')}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`;

const lunarDay = (date: LocalDate): { month: number; leap: boolean; day: number } => {
  const c = new CalendarVietnamese().fromGregorian(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)),
    Number(date.slice(8, 10)),
  );
  const [, , month, leap, day] = c.get() as [number, number, number, boolean | number, number];
  return { month, leap: Boolean(leap), day };
};

const compute = (year: number): LunarYear => {
  const cal = new CalendarVietnamese();
  cal.fromJDE(cal.newYear(year));
  const [cycle, cycleYear] = cal.get();
  const firstDay = iso(cal.toGregorian(year));
  const lastDayOfPreviousYear = addDays(firstDay, -1);
  const hungKings = iso(new CalendarVietnamese(cycle, cycleYear, 3, 0, 10).toGregorian(year));

  // Round-trip checks guard against library edge cases (leap months); they hold for 1970–2200.
  const first = lunarDay(firstDay);
  const last = lunarDay(lastDayOfPreviousYear);
  const hung = lunarDay(hungKings);
  if (
    first.month !== 1 ||
    first.day !== 1 ||
    last.month !== 12 ||
    hung.month !== 3 ||
    hung.leap ||
    hung.day !== 10
  ) {
    throw new Error(`Vietnamese lunar calendar inconsistent for ${year}`);
  }
  return { firstDay, lastDayOfPreviousYear, lastDayNumber: last.day, hungKings };
};

const lunarYear = (year: number): LunarYear => {
  let y = cache.get(year);
  if (!y) {
    y = compute(year);
    cache.set(year, y);
  }
  return y;
};

/** Tết Nguyên đán of the lunar year starting in Gregorian `year` (Vietnamese calendar, UTC+7). */
export const lunarNewYear = (year: number): LunarNewYear => {
  const { firstDay, lastDayOfPreviousYear, lastDayNumber } = lunarYear(year);
  return { firstDay, lastDayOfPreviousYear, lastDayNumber };
};

/** Giỗ Tổ Hùng Vương: 10th day of the (non-leap) 3rd lunar month, in Gregorian `year`. */
export const hungKingsDay = (year: number): LocalDate => lunarYear(year).hungKings;
