import { addDays, firstDayOfMonth, firstDayOfNextMonth } from '@fg/kernel';

/**
 * How to read a range of local days from day and month rows (survey satisfaction buckets, dossier timeliness
 * daily/monthly): whole calendar months from month buckets,
 * the partial months at either end from day buckets. A year is then 12 month rows per bucket key instead
 * of 365 day rows, and any `from`/`to` stays exact.
 */
export interface DayRange {
  from: string;
  to: string;
}
export interface PeriodCover {
  /** First days of the whole months covered, inclusive; null when the range holds no whole month. */
  months: DayRange | null;
  /** Day ranges not covered by whole months (at most two: the head and the tail). */
  days: DayRange[];
}

/** `from` ≤ `to`, both real `YYYY-MM-DD` days. */
export const coverPeriod = (from: string, to: string): PeriodCover => {
  const firstWhole = from === firstDayOfMonth(from) ? from : firstDayOfNextMonth(from);
  const afterLastWhole =
    addDays(to, 1) === firstDayOfNextMonth(to) ? firstDayOfNextMonth(to) : firstDayOfMonth(to);
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= to) days.push({ from: afterLastWhole, to });
  return { months: { from: firstWhole, to: firstDayOfMonth(addDays(afterLastWhole, -1)) }, days };
};
