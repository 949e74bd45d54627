import { daysBetween } from '@fg/kernel';
import { DomainError } from '@fg/platform';
import { statsSlotOf } from '../domain';
import type { StatsRange } from '../persistence/queue-stats.repository';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/**
 * `from`/`to` as local dates (whole days, both inclusive) or as instants with a zone (rounded to the
 * local hours the rows are kept by: `from` inclusive, `to` exclusive, e.g. 08:00 to 12:00 = four hours).
 */
export function toStatsRange(from: string, to: string): StatsRange {
  const start = DATE_ONLY.test(from) ? { day: from, hour: 0 } : statsSlotOf(new Date(from));
  const end = DATE_ONLY.test(to) ? { day: to, hour: 23 } : statsSlotOf(new Date(Date.parse(to) - 1));
  const range = { fromDay: start.day, fromHour: start.hour, toDay: end.day, toHour: end.hour };
  if (range.fromDay > range.toDay || (range.fromDay === range.toDay && range.fromHour > range.toHour)) {
    throw new DomainError('INVALID', 'STATS.BAD_RANGE', `from (${from}) must be before to (${to})`);
  }
  if (daysBetween(range.fromDay, range.toDay) + 1 > MAX_DAYS) {
    throw new DomainError('INVALID', 'STATS.BAD_RANGE', `A range covers at most ${MAX_DAYS} days`);
  }
  return range;
}
