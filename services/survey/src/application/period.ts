import { DomainError } from '@fg/platform';
import { firstDayOfLocalMonth, isLocalDate, toLocalDate } from '@fg/kernel';

/** Local days `from`..`to` (inclusive); missing ends default to the current local month up to today. */
export const resolvePeriod = (
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: string; to: string } => {
  const period = { from: from ?? firstDayOfLocalMonth(now), to: to ?? toLocalDate(now) };
  for (const [name, day] of Object.entries(period)) {
    if (!isLocalDate(day))
      throw new DomainError('INVALID', 'REQUEST.INVALID', `${name} ${String(day)} is not a calendar date`);
  }
  if (period.from > period.to)
    throw new DomainError('INVALID', 'REQUEST.INVALID', `from ${period.from} is after to ${period.to}`);
  return period;
};
