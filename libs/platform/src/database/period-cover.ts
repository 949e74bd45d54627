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

const DAY = 86_400_000;
const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const asDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => asDay(new Date(asDate(day).getTime() + n * DAY));
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const d = asDate(monthStart(day));
  return asDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
};

/** `from` ≤ `to`, both real `YYYY-MM-DD` days. */
export const coverPeriod = (from: string, to: string): PeriodCover => {
  const firstWhole = from === monthStart(from) ? from : nextMonthStart(from);
  const afterLastWhole = addDays(to, 1) === nextMonthStart(to) ? nextMonthStart(to) : monthStart(to);
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= to) days.push({ from: afterLastWhole, to });
  return { months: { from: firstWhole, to: monthStart(addDays(afterLastWhole, -1)) }, days };
};
