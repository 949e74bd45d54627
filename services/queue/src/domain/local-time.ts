import { QueueRuleError } from './queue.errors';

/**
 * Local time of the offices: Asia/Ho_Chi_Minh is a fixed UTC+7 with no daylight saving (none since
 * 1975), so plain arithmetic on the UTC instant is exact and needs no time-zone database.
 * If Vietnam ever adopted DST this module is the single place to change.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const shift = (at: Date): Date => {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new QueueRuleError('QUEUE.INVALID_INPUT', `Invalid date: ${String(at)}`);
  }
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of the local (Vietnam) calendar day that contains `at`. */
export const localDayKey = (at: Date): string => {
  const l = shift(at);
  return `${pad(l.getUTCFullYear(), 4)}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
};

/** Local hour of day, 0–23. */
export const localHour = (at: Date): number => shift(at).getUTCHours();

/** ISO weekday in local time: 1 = Monday … 7 = Sunday ("Fast Friday" is 5). */
export const localIsoWeekday = (at: Date): number => {
  const d = shift(at).getUTCDay();
  return d === 0 ? 7 : d;
};
