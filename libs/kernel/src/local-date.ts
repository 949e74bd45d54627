/**
 * Calendar dates without a time of day ('YYYY-MM-DD'), as the offices and their reports count them. The
 * arithmetic runs on the date's own Y-M-D at midnight UTC, which has no daylight saving and no leap
 * seconds, so a day is always 86,400,000 ms there; such a value is never an instant (see vietnam-time.ts).
 */

/** A local (Vietnam) calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** 1 = Monday … 7 = Sunday (ISO 8601), as dashboards group by weekday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const DAY_MS = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Midnight UTC of the date's Y-M-D, or NaN unless `date` is an existing 'YYYY-MM-DD' day. */
const utcMsOf = (date: unknown): number => {
  if (typeof date !== 'string') return NaN;
  const m = LOCAL_DATE.exec(date);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to 2 March: only a date that survives the round trip exists.
  return dateOfUtcMs(ms) === date ? ms : NaN;
};

/** Midnight UTC of `date`; throws a RangeError for a malformed or impossible date (a caller's bug). */
export const utcMidnightOf = (date: LocalDate): number => {
  const ms = utcMsOf(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not a calendar date (expected YYYY-MM-DD): ${String(date)}`);
  return ms;
};

/** The 'YYYY-MM-DD' of a UTC millisecond count (years 0–9999). */
export const dateOfUtcMs = (ms: number): LocalDate => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** True for an existing calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, 2026-2-3, times). */
export const isLocalDate = (value: unknown): value is LocalDate => !Number.isNaN(utcMsOf(value));

/** `date` moved by `days` calendar days (negative: back). */
export const addDays = (date: LocalDate, days: number): LocalDate =>
  dateOfUtcMs(utcMidnightOf(date) + days * DAY_MS);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((utcMidnightOf(b) - utcMidnightOf(a)) / DAY_MS);

export const weekdayOf = (date: LocalDate): Weekday => new Date(utcMidnightOf(date)).getUTCDay() as Weekday;

export const isoWeekdayOf = (date: LocalDate): IsoWeekday => {
  const day = weekdayOf(date);
  return day === 0 ? 7 : day;
};
