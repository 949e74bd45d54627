import { dateOfUtcMs, type IsoWeekday, isoWeekdayOf, type LocalDate, utcMidnightOf } from './local-date';

/**
 * Local time of the offices. Asia/Ho_Chi_Minh has been a fixed UTC+7 without daylight saving since 1975,
 * so plain arithmetic on the UTC instant is exact and needs no time-zone database. Every service, tool and
 * benchmark converts through this file; if Vietnam ever changed its clocks, it is the one place to change
 * (rows already stored per local day or month would then need a migration).
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
export const MINUTE_MS = 60_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;

/** An instant: a Date, or an ISO-8601 date-time string with a zone, as events carry them. */
export type Instant = Date | string;

/** True for a Date that holds a time (not `new Date('nope')`). */
export const isValidInstant = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** Milliseconds since the epoch; a RangeError for an invalid instant (callers validate input first). */
const msOf = (at: Instant): number => {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid instant: ${String(at)}`);
  return ms;
};

/**
 * A Date whose UTC fields (getUTCFullYear, getUTCHours…) read Vietnam's wall clock at `at`; never an instant
 * itself, so never store or compare it with instants. For hot loops that need several local fields at once.
 */
export const wallClockOf = (at: Instant): Date => new Date(msOf(at) + OFFSET_MS);

/** The local (Vietnam) date that contains `at`: 17:00Z is already the next day there. */
export const toLocalDate = (at: Instant): LocalDate => dateOfUtcMs(msOf(at) + OFFSET_MS);

/** Local hour of day, 0–23. */
export const localHourOf = (at: Instant): number => wallClockOf(at).getUTCHours();

/** ISO weekday in local time: 1 = Monday … 7 = Sunday ("Fast Friday" is 5). */
export const localIsoWeekdayOf = (at: Instant): IsoWeekday => isoWeekdayOf(toLocalDate(at));

/** Local year of `at`. */
export const localYearOf = (at: Instant): number => wallClockOf(at).getUTCFullYear();

/** The instant at `minuteOfDay` minutes after local midnight of `date` (1440 = the next midnight). */
export const atLocalMinute = (date: LocalDate, minuteOfDay: number): Date =>
  new Date(utcMidnightOf(date) + minuteOfDay * MINUTE_MS - OFFSET_MS);

/** Local midnight at the start of `date`: 17:00Z of the day before. */
export const startOfLocalDay = (date: LocalDate): Date => atLocalMinute(date, 0);

/** 'YYYY-MM-DD HH:mm' in local time, for messages and tests. */
export const formatLocal = (at: Instant): string =>
  wallClockOf(at).toISOString().slice(0, 16).replace('T', ' ');

const LOCAL_WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/;

/** The instant of a local wall-clock time 'YYYY-MM-DD HH:mm' (or 'YYYY-MM-DDTHH:mm'). */
export const fromLocal = (text: string): Date => {
  const m = LOCAL_WALL_CLOCK.exec(text);
  if (!m) throw new RangeError(`Not a local time (expected YYYY-MM-DD HH:mm): ${text}`);
  return atLocalMinute(m[1], Number(m[2]) * 60 + Number(m[3]));
};
