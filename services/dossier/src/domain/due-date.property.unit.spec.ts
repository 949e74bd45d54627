import fc from 'fast-check';
import { atLocalMinute, toLocalDate } from '@fg/kernel';
import { computeDueAt, extendByPausedWorkingTime } from './due-date';
import { calendarWith, defaultCalendar, TET_2026_CIVIL_SERVANTS } from './testing/calendars';
import { DEFAULT_WORKING_HOURS, withWeekday } from './working-hours';
import { isUnitWorkingDay, nextWorkingDay, workingMinutesBetween, workingPeriodsOn } from './working-time';

const calendars = [defaultCalendar(), calendarWith({ 2026: TET_2026_CIVIL_SERVANTS })];
const saturdayUnit = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);

// Instants from 2024 to 2027 local, with minute precision (both sides of every holiday we model).
const instant = fc
  .integer({
    min: Date.parse('2024-01-01T00:00:00+07:00') / 60_000,
    max: Date.parse('2027-12-31T23:59:00+07:00') / 60_000,
  })
  .map((m) => new Date(m * 60_000));
const setup = fc.record({
  calendar: fc.constantFrom(...calendars),
  hours: fc.constantFrom(DEFAULT_WORKING_HOURS, saturdayUnit),
});
const days = fc.integer({ min: 1, max: 30 });

/** True when `at` lies in (period start, period end] of a working period of a working day. */
const insideWorkingPeriod = (
  at: Date,
  s: { calendar: (typeof calendars)[number]; hours: typeof DEFAULT_WORKING_HOURS },
): boolean => {
  const date = toLocalDate(at);
  if (!isUnitWorkingDay(date, s.calendar, s.hours)) return false;
  return workingPeriodsOn(date, s.calendar, s.hours).some(
    (p) => at > atLocalMinute(date, p.startMinute) && at <= atLocalMinute(date, p.endMinute),
  );
};

describe('due date properties', () => {
  it('a due date always lies within working hours on a working day, after the receipt', () => {
    fc.assert(
      fc.property(
        instant,
        days,
        fc.constantFrom('WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY' as const),
        setup,
        (receivedAt, n, unit, s) => {
          const amount = unit === 'SAME_DAY' ? 0 : n;
          const { dueAt, clockStartAt } = computeDueAt({ receivedAt, amount, unit, ...s });
          return insideWorkingPeriod(dueAt, s) && dueAt > receivedAt && clockStartAt >= receivedAt;
        },
      ),
      { numRuns: 400 },
    );
  });

  it('more working days never give an earlier due date', () => {
    fc.assert(
      fc.property(instant, days, setup, (receivedAt, n, s) => {
        const a = computeDueAt({ receivedAt, amount: n, unit: 'WORKING_DAYS', ...s }).dueAt;
        const b = computeDueAt({ receivedAt, amount: n + 1, unit: 'WORKING_DAYS', ...s }).dueAt;
        return b > a;
      }),
      { numRuns: 300 },
    );
  });

  // Issue #15: monotone in the receipt time for every unit — a later receipt never gets an earlier appointment.
  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 7 * 24 * 60 }),
        days,
        fc.constantFrom('WORKING_DAYS', 'WORKING_HOURS', 'SAME_DAY' as const),
        setup,
        (a, gap, n, unit, s) => {
          const b = new Date(a.getTime() + gap * 60_000);
          const amount = unit === 'SAME_DAY' ? 0 : n;
          return (
            computeDueAt({ receivedAt: b, amount, unit, ...s }).dueAt >=
            computeDueAt({ receivedAt: a, amount, unit, ...s }).dueAt
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('n working days end at closing time of the n-th working day after the date of receipt, whatever the hour', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        days,
        setup,
        (receivedAt, minute, n, s) => {
          const receiptDay = toLocalDate(receivedAt);
          const sameDay = atLocalMinute(receiptDay, minute);
          const { dueAt } = computeDueAt({ receivedAt, amount: n, unit: 'WORKING_DAYS', ...s });
          const other = computeDueAt({ receivedAt: sameDay, amount: n, unit: 'WORKING_DAYS', ...s }).dueAt;
          let day = receiptDay;
          for (let i = 0; i < n; i++) day = nextWorkingDay(day, s.calendar, s.hours);
          const periods = workingPeriodsOn(day, s.calendar, s.hours);
          const closes = atLocalMinute(day, periods[periods.length - 1].endMinute);
          return dueAt.getTime() === closes.getTime() && other.getTime() === dueAt.getTime();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('n working days give at least n full working days after the day of receipt', () => {
    fc.assert(
      fc.property(instant, days, fc.constantFrom(...calendars), (receivedAt, n, calendar) => {
        const { dueAt, clockStartAt } = computeDueAt({
          receivedAt,
          amount: n,
          unit: 'WORKING_DAYS',
          calendar,
        });
        return workingMinutesBetween(clockStartAt, dueAt, calendar) >= n * 480;
      }),
      { numRuns: 300 },
    );
  });

  it('n working hours are exactly n × 60 working minutes after the clock start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 80 }), setup, (receivedAt, n, s) => {
        const { dueAt, clockStartAt } = computeDueAt({ receivedAt, amount: n, unit: 'WORKING_HOURS', ...s });
        return workingMinutesBetween(clockStartAt, dueAt, s.calendar, s.hours) === n * 60;
      }),
      { numRuns: 300 },
    );
  });

  it('a same-day procedure is due on the receipt day or the next working day', () => {
    fc.assert(
      fc.property(instant, setup, (receivedAt, s) => {
        const { dueAt } = computeDueAt({ receivedAt, amount: 0, unit: 'SAME_DAY', ...s });
        const receiptDay = toLocalDate(receivedAt);
        const dueDay = toLocalDate(dueAt);
        const periods = workingPeriodsOn(dueDay, s.calendar, s.hours);
        const closes = atLocalMinute(dueDay, periods[periods.length - 1].endMinute);
        return (
          dueAt.getTime() === closes.getTime() &&
          (dueDay === receiptDay || dueDay === nextWorkingDay(receiptDay, s.calendar, s.hours))
        );
      }),
      { numRuns: 300 },
    );
  });

  it('pausing never moves the due date earlier, and moves it by exactly the paused working time', () => {
    fc.assert(
      fc.property(
        instant,
        days,
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        setup,
        (receivedAt, n, startOffset, length, s) => {
          const { dueAt } = computeDueAt({ receivedAt, amount: n, unit: 'WORKING_DAYS', ...s });
          const from = new Date(receivedAt.getTime() + startOffset * 60_000);
          const to = new Date(from.getTime() + length * 60_000);
          const r = extendByPausedWorkingTime(dueAt, from, to, s.calendar, s.hours);
          return (
            r.dueAt >= dueAt && workingMinutesBetween(dueAt, r.dueAt, s.calendar, s.hours) === r.pausedMinutes
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
