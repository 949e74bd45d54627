import { fromLocal } from '@fg/kernel';
import { defaultCalendar } from './testing/calendars';
import { DeadlineState, decideTimeliness, openDeadlineState, overdueFrom, Timeliness } from './timeliness';

describe('timeliness by local date', () => {
  const dueAt = fromLocal('2025-07-01 10:00');

  it('is EARLY before the due date, ON_TIME on it (even after the due hour), LATE after it', () => {
    expect(decideTimeliness(fromLocal('2025-06-30 16:00'), dueAt)).toBe(Timeliness.EARLY);
    expect(decideTimeliness(fromLocal('2025-07-01 07:05'), dueAt)).toBe(Timeliness.ON_TIME);
    expect(decideTimeliness(fromLocal('2025-07-01 16:30'), dueAt)).toBe(Timeliness.ON_TIME);
    expect(decideTimeliness(fromLocal('2025-07-02 07:00'), dueAt)).toBe(Timeliness.LATE);
  });

  describe('on each side of midnight in Vietnam', () => {
    it('counts 2025-07-01T16:59Z as 23:59 on 1 Jul local: ON_TIME', () => {
      expect(decideTimeliness(new Date('2025-07-01T16:59:59Z'), dueAt)).toBe(Timeliness.ON_TIME);
    });
    it('counts 2025-07-01T17:00Z as 00:00 on 2 Jul local: LATE', () => {
      expect(decideTimeliness(new Date('2025-07-01T17:00:00Z'), dueAt)).toBe(Timeliness.LATE);
    });
    it('counts 2025-06-30T17:00Z as 1 Jul local although it is still 30 Jun in UTC: ON_TIME', () => {
      expect(decideTimeliness(new Date('2025-06-30T17:00:00Z'), dueAt)).toBe(Timeliness.ON_TIME);
      expect(decideTimeliness(new Date('2025-06-30T16:59:00Z'), dueAt)).toBe(Timeliness.EARLY);
    });
  });
});

describe('deadline state of open dossiers', () => {
  const calendar = defaultCalendar();

  it('is overdue from local midnight after the due date', () => {
    const due = fromLocal('2025-07-01 10:00');
    expect(overdueFrom(due)).toEqual(new Date('2025-07-01T17:00:00Z'));
    expect(openDeadlineState(due, fromLocal('2025-07-01 16:59'), calendar)).toBe(DeadlineState.DUE_SOON);
    expect(openDeadlineState(due, fromLocal('2025-07-02 00:00'), calendar)).toBe(DeadlineState.OVERDUE);
  });

  it('is due soon when due today or on the next working day', () => {
    const due = fromLocal('2025-07-09 15:00'); // Wednesday
    expect(openDeadlineState(due, fromLocal('2025-07-07 09:00'), calendar)).toBe(
      DeadlineState.WITHIN_DEADLINE,
    );
    expect(openDeadlineState(due, fromLocal('2025-07-08 09:00'), calendar)).toBe(DeadlineState.DUE_SOON);
    expect(openDeadlineState(due, fromLocal('2025-07-09 09:00'), calendar)).toBe(DeadlineState.DUE_SOON);
  });

  it('looks across weekends and holidays for the next working day', () => {
    const dueAfterTet = fromLocal('2026-02-23 10:00'); // first working day after Tết 2026
    expect(openDeadlineState(dueAfterTet, fromLocal('2026-02-13 16:00'), calendar)).toBe(
      DeadlineState.DUE_SOON,
    );
    expect(openDeadlineState(dueAfterTet, fromLocal('2026-02-12 16:00'), calendar)).toBe(
      DeadlineState.WITHIN_DEADLINE,
    );
  });
});
