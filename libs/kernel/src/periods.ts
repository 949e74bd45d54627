import { dateOfUtcMs, type LocalDate, utcMidnightOf } from './local-date';
import { type Instant, startOfLocalDay, toLocalDate, wallClockOf } from './vietnam-time';

/**
 * Months as provinces report them: by Vietnam-local calendar, so a dossier finished at 23:30 UTC on
 * 31 December counts for January of the next year.
 */
export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/** The local (Vietnam) year and month of an instant. */
export const localYearMonthOf = (at: Instant): YearMonth => {
  const wall = wallClockOf(at);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1 };
};

/** The local month of an instant, 'YYYY-MM'. */
export const localMonthOf = (at: Instant): string => toLocalDate(at).slice(0, 7);

/** The first day of the local month of an instant, 'YYYY-MM-01'. */
export const firstDayOfLocalMonth = (at: Instant): LocalDate => `${localMonthOf(at)}-01`;

/** Months are compared as year·12 + month − 1, which orders them and makes ranges simple. */
export const monthIndex = ({ year, month }: YearMonth): number => year * 12 + (month - 1);

/** Parses 'YYYY-MM' (or 'YYYY-MM-DD', whose month is taken; the day is not checked); null when malformed. */
export const parseMonth = (text: string): YearMonth | null => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
};

export const formatMonth = ({ year, month }: YearMonth): string =>
  `${year}-${String(month).padStart(2, '0')}`;

/** The first day of the month of `date`. */
export const firstDayOfMonth = (date: LocalDate): LocalDate => {
  utcMidnightOf(date); // validates
  return `${date.slice(0, 7)}-01`;
};

/** The first day of the month after the month of `date` (December rolls over into January). */
export const firstDayOfNextMonth = (date: LocalDate): LocalDate => {
  utcMidnightOf(date); // validates
  // Date.UTC takes a 0-based month, so the 1-based month number of `date` is the next month.
  return dateOfUtcMs(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1));
};

/** The instant the local month of `date` starts (local midnight of its first day). */
export const startOfLocalMonth = (date: LocalDate): Date => startOfLocalDay(firstDayOfMonth(date));
