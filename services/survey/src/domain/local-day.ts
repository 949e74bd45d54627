/**
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. Dashboards,
 * buckets and date filters reason in the local calendar day: a response at 23:30 UTC on 31 March counts
 * for 1 April in Hà Nội.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Ho_Chi_Minh calendar day of an instant, as `YYYY-MM-DD`. */
export const localDayOf = (instant: Date): string =>
  new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The local month of an instant, as `YYYY-MM`. */
export const localMonthOf = (instant: Date): string => localDayOf(instant).slice(0, 7);

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export const isLocalDay = (s: string): boolean => {
  if (!DAY_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** The first day of the local month of `instant`, as `YYYY-MM-DD`. */
export const firstDayOfLocalMonth = (instant: Date): string => `${localMonthOf(instant)}-01`;
