import { addDays, type LocalDate, type Weekday, weekdayOf } from '@fg/kernel';
import { CalendarRuleError } from './calendar.errors';
import { hungKingsDay, lunarNewYear } from './vietnamese-lunar';

/*
 * Statutory days off, Labour Code 2019 (45/2019/QH14) Art. 112, in force since 1 January 2021:
 *   1 Jan; Tết 5 days; Hùng Kings (10/3 lunar); 30 Apr; 1 May; 2 Sep plus one adjacent day.
 * Art. 111(3): a holiday that falls on the weekly rest day is made up on the next working day (nghỉ bù).
 *
 * Art. 112(3): the Prime Minister fixes each year the exact days of Tết and of the day next to 2 Sep,
 * and the Government swaps working days around holidays; what is computed here is the documented
 * default for a year without a decision. The
 * decisions are data (official-schedules/), each replacing the computed days of the holidays it
 * decides; administrators' overrides (calendar-overrides.ts) come last. Defaults:
 * - Tết: the last day of the lunar year (29 or 30 tháng Chạp) and mùng 1–4 tháng Giêng.
 * - 2 Sep's adjacent day joins the holiday to the weekend: Mon→3 Sep, Tue→1 Sep, Wed→3 Sep (no
 *   bridge either way; the day after), Thu→3 Sep, Fri→1 Sep, Sat→1 Sep (Fri), Sun→3 Sep (Mon).
 *   This matches the official schedules of 2021 (2–3), 2022 (1–2), 2023 (1–2 + Mon 4), 2024 (2–3)
 *   and 2025 (1–2).
 * - Make-up days go, in date order, to the next day that is neither a weekly rest day nor another
 *   holiday nor an earlier make-up day (30 Apr Sat + 1 May Sun → Mon 2 and Tue 3 May).
 * Lunar dates use the Vietnamese calendar (UTC+7), see vietnamese-lunar.ts.
 */

const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** Vietnamese weekday name, e.g. 'Chủ nhật', 'thứ Bảy'. */
const weekdayNameVi = (date: LocalDate): string => WEEKDAY_VI[weekdayOf(date)];

/** 'd/M' as Vietnamese write it, e.g. '26/4'. */
const dayMonthVi = (date: LocalDate): string => `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}`;

/** COMPUTED: Labour Code defaults; OFFICIAL: the Government's schedule of the year; OVERRIDE: an administrator's. */
export type DayOffSource = 'COMPUTED' | 'OFFICIAL' | 'OVERRIDE';

/** The Art. 112 holidays; the Government's yearly schedule decides each of them as a whole. */
export type HolidayOccasion =
  'NEW_YEAR' | 'LUNAR_NEW_YEAR' | 'HUNG_KINGS' | 'REUNIFICATION_DAY' | 'LABOUR_DAY' | 'NATIONAL_DAY';

export const HOLIDAY_OCCASIONS: readonly HolidayOccasion[] = [
  'NEW_YEAR',
  'LUNAR_NEW_YEAR',
  'HUNG_KINGS',
  'REUNIFICATION_DAY',
  'LABOUR_DAY',
  'NATIONAL_DAY',
];

export interface DayOff {
  date: LocalDate;
  /** Vietnamese, e.g. 'Tết Nguyên đán (mùng 1 tháng Giêng)'. */
  reason: string;
  source: DayOffSource;
}

export interface HolidayRules {
  /** Weekly rest days of civil servants (Decree 145/2020: Saturday and Sunday). */
  weeklyRestDays: readonly Weekday[];
}

export const DEFAULT_HOLIDAY_RULES: HolidayRules = { weeklyRestDays: [6, 0] };

/** Identifies the computation rules; part of every calendar version, so bump it when they change. */
export const HOLIDAY_RULES_ID = 'VN-LC2019-ART112/1';

export const MIN_CALENDAR_YEAR = 1970;
export const MAX_CALENDAR_YEAR = 2200;

interface Holiday {
  date: LocalDate;
  name: string;
  reason: string;
  occasion: HolidayOccasion;
}

/** A computed day off with the holiday it belongs to (a make-up day belongs to the holiday it makes up for). */
export interface StatutoryDayOff extends DayOff {
  occasion: HolidayOccasion;
}

export const assertCalendarYear = (year: number): void => {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new CalendarRuleError(
      'CALENDAR.INVALID_YEAR',
      `Year must be an integer ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}: ${year}`,
    );
  }
};

/** Default day next to Quốc khánh (see the table above). */
export const nationalDayAdjacentDate = (year: number): LocalDate => {
  const nationalDay = `${year}-09-02`;
  const weekday = weekdayOf(nationalDay);
  const before = weekday === 2 || weekday === 5 || weekday === 6; // Tue, Fri, Sat
  return addDays(nationalDay, before ? -1 : 1);
};

const statutoryHolidays = (year: number): Holiday[] => {
  const tet = lunarNewYear(year);
  const tetName = 'Tết Nguyên đán';
  const list: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch', reason: 'Tết Dương lịch (1/1)', occasion: 'NEW_YEAR' },
    {
      date: tet.lastDayOfPreviousYear,
      name: tetName,
      reason: `${tetName} (${tet.lastDayNumber} tháng Chạp)`,
      occasion: 'LUNAR_NEW_YEAR',
    },
    ...[0, 1, 2, 3].map((i) => ({
      date: addDays(tet.firstDay, i),
      name: tetName,
      reason: `${tetName} (mùng ${i + 1} tháng Giêng)`,
      occasion: 'LUNAR_NEW_YEAR' as const,
    })),
    {
      date: hungKingsDay(year),
      name: 'Giỗ Tổ Hùng Vương',
      reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      occasion: 'HUNG_KINGS',
    },
    {
      date: `${year}-04-30`,
      name: 'Ngày Chiến thắng',
      reason: 'Ngày Chiến thắng (30/4)',
      occasion: 'REUNIFICATION_DAY',
    },
    {
      date: `${year}-05-01`,
      name: 'Ngày Quốc tế Lao động',
      reason: 'Ngày Quốc tế Lao động (1/5)',
      occasion: 'LABOUR_DAY',
    },
    { date: `${year}-09-02`, name: 'Quốc khánh', reason: 'Quốc khánh (2/9)', occasion: 'NATIONAL_DAY' },
    {
      date: nationalDayAdjacentDate(year),
      name: 'Quốc khánh',
      reason: 'Quốc khánh (ngày liền kề 2/9)',
      occasion: 'NATIONAL_DAY',
    },
  ];
  // Two holidays on one day give one day off (Hùng Kings falls 30 Mar–29 Apr, so this is defensive).
  const byDate = new Map<LocalDate, Holiday>();
  for (const h of list) {
    const same = byDate.get(h.date);
    byDate.set(h.date, same ? { ...same, reason: `${same.reason}; ${h.reason}` } : h);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
};

/**
 * The fixed dates of an occasion in `year` (Tết: mùng 1; Quốc khánh: 2 Sep, not the adjacent day
 * the Government chooses). An official schedule's days off for the occasion must include them.
 */
export const occasionDates = (year: number, occasion: HolidayOccasion): LocalDate[] => {
  switch (occasion) {
    case 'NEW_YEAR':
      return [`${year}-01-01`];
    case 'LUNAR_NEW_YEAR':
      return [lunarNewYear(year).firstDay];
    case 'HUNG_KINGS':
      return [hungKingsDay(year)];
    case 'REUNIFICATION_DAY':
      return [`${year}-04-30`];
    case 'LABOUR_DAY':
      return [`${year}-05-01`];
    case 'NATIONAL_DAY':
      return [`${year}-09-02`];
  }
};

/** `computeVietnamHolidays` with the occasion of each day, so an official schedule can replace an occasion's days. */
export const computeStatutoryDaysOff = (
  year: number,
  rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
): StatutoryDayOff[] => {
  assertCalendarYear(year);
  const holidays = statutoryHolidays(year);
  const isRest = (d: LocalDate): boolean => rules.weeklyRestDays.includes(weekdayOf(d));
  const taken = new Set(holidays.map((h) => h.date));
  const daysOff: StatutoryDayOff[] = holidays.map((h) => ({
    date: h.date,
    reason: h.reason,
    source: 'COMPUTED',
    occasion: h.occasion,
  }));

  if (rules.weeklyRestDays.length < 7) {
    for (const h of holidays) {
      if (!isRest(h.date)) continue;
      let d = addDays(h.date, 1);
      while (isRest(d) || taken.has(d)) d = addDays(d, 1);
      taken.add(d);
      daysOff.push({
        date: d,
        reason: `Nghỉ bù ${h.name} (${dayMonthVi(h.date)} trùng ${weekdayNameVi(h.date)})`,
        source: 'COMPUTED',
        occasion: h.occasion,
      });
    }
  }
  return daysOff.sort((a, b) => a.date.localeCompare(b.date));
};

/**
 * A year's statutory days off with their make-up days, sorted by date, all `source: 'COMPUTED'`.
 * Every date lies in `year` (Tết's first day is never before 21 Jan).
 */
export const computeVietnamHolidays = (year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): DayOff[] =>
  computeStatutoryDaysOff(year, rules).map(({ date, reason, source }) => ({ date, reason, source }));
