/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/**
 * The Vietnam-local year and month of an instant: a dossier finished at 23:30 on 31 Dec (UTC) belongs to
 * January of the next year in Hà Nội, and provinces report by local periods.
 */
export const vietnamYearMonth = (instant: string | Date): YearMonth => {
  const local = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
};

/** The Vietnam-local calendar date (YYYY-MM-DD) of an instant. */
export const vietnamDate = (instant: string | Date): string =>
  new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** Months are compared as year·12 + month, which orders them and makes ranges simple. */
export const monthIndex = ({ year, month }: YearMonth): number => year * 12 + (month - 1);

/** Parses `YYYY-MM` (or `YYYY-MM-DD`, whose month is taken) into a month; null when malformed. */
export const parseMonth = (text: string): YearMonth | null => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
};

export const formatMonth = ({ year, month }: YearMonth): string =>
  `${year}-${String(month).padStart(2, '0')}`;
