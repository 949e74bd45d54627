import { DomainError } from '@fg/platform';
import { firstDayOfLocalMonth, isLocalDay, localDayOf } from '../domain';

/** Local days `from`..`to` (inclusive); missing ends default to the current local month up to today. */
export const resolvePeriod = (
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: string; to: string } => {
  const period = { from: from ?? firstDayOfLocalMonth(now), to: to ?? localDayOf(now) };
  for (const [name, day] of Object.entries(period)) {
    if (!isLocalDay(day))
      throw new DomainError('INVALID', 'REQUEST.INVALID', `${name} ${day} is not a calendar date`);
  }
  if (period.from > period.to)
    throw new DomainError('INVALID', 'REQUEST.INVALID', `from ${period.from} is after to ${period.to}`);
  return period;
};
