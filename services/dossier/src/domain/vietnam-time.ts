import { CalendarRuleError } from './calendar.errors';

/**
 * Local time of the offices. Asia/Ho_Chi_Minh is a fixed UTC+7 with no daylight saving (the whole
 * country has used UTC+7 since 1975), so plain arithmetic on the UTC instant is exact and needs no
 * time-zone database. If that ever changed, this file is the single place to change.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

/** A local (Vietnam) calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const assertInstant = (at: Date, what = 'instant'): void => {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new CalendarRuleError('CALENDAR.INVALID_INSTANT', `Invalid ${what}: ${String(at)}`);
  }
};

/** Midnight UTC of the date's own Y-M-D; only used for day arithmetic, never as an instant. */
const dateUtcMs = (date: LocalDate): number => {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new CalendarRuleError('CALENDAR.INVALID_DATE', `Invalid date (expected YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new CalendarRuleError('CALENDAR.INVALID_DATE', `No such calendar day: ${date}`);
  }
  return ms;
};

const fromUtcMs = (ms: number): LocalDate => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export const isLocalDate = (value: unknown): value is LocalDate => {
  if (typeof value !== 'string') return false;
  try {
    dateUtcMs(value);
    return true;
  } catch {
    return false;
  }
};

/** Throws `CALENDAR.INVALID_DATE` unless `date` is an existing 'YYYY-MM-DD' day. */
export const assertLocalDate = (date: LocalDate): void => void dateUtcMs(date);

/** The local (Vietnam) date that contains `at`. */
export const toLocalDate = (at: Date): LocalDate => {
  assertInstant(at);
  return fromUtcMs(at.getTime() + OFFSET_MS);
};

/** Local year of `at`. */
export const localYear = (at: Date): number => Number(toLocalDate(at).slice(0, 4));

/** The instant at `minuteOfDay` minutes after local midnight of `date` (1440 = next midnight). */
export const atLocalMinute = (date: LocalDate, minuteOfDay: number): Date =>
  new Date(dateUtcMs(date) + minuteOfDay * MINUTE_MS - OFFSET_MS);

/** Local midnight at the start of `date`. */
export const startOfLocalDay = (date: LocalDate): Date => atLocalMinute(date, 0);

export const addDays = (date: LocalDate, days: number): LocalDate =>
  fromUtcMs(dateUtcMs(date) + days * DAY_MS);

export const weekdayOf = (date: LocalDate): Weekday => new Date(dateUtcMs(date)).getUTCDay() as Weekday;

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((dateUtcMs(b) - dateUtcMs(a)) / DAY_MS);

/** 'YYYY-MM-DD HH:mm' in local time, for messages and tests. */
export const formatLocal = (at: Date): string => {
  assertInstant(at);
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
};

/** The instant of a local wall-clock time 'YYYY-MM-DD HH:mm' (or 'YYYY-MM-DDTHH:mm'). */
export const fromLocal = (text: string): Date => {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text);
  if (!m)
    throw new CalendarRuleError(
      'CALENDAR.INVALID_INSTANT',
      `Invalid local time (expected YYYY-MM-DD HH:mm): ${text}`,
    );
  return atLocalMinute(m[1], Number(m[2]) * 60 + Number(m[3]));
};

const WEEKDAY_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** Vietnamese weekday name, e.g. 'Chủ nhật', 'thứ Bảy'. */
export const weekdayNameVi = (date: LocalDate): string => WEEKDAY_VI[weekdayOf(date)];

/** 'd/M' as Vietnamese write it, e.g. '26/4'. */
export const dayMonthVi = (date: LocalDate): string =>
  `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}`;
