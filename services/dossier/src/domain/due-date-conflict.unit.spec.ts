import { fromLocal } from '@fg/kernel';
import { dueDateConflict, rescheduleReasonVi } from './due-date-conflict';
import { createWorkingCalendar } from './working-calendar';
import { DEFAULT_WORKING_HOURS, withWeekday } from './working-hours';

// 2027 with the Labour Code defaults only, and with one made-up day off on Friday 16 July.
const before = createWorkingCalendar({ officialSchedules: {} });
const after = createWorkingCalendar({
  officialSchedules: {},
  overrides: {
    2027: {
      addDaysOff: [{ date: '2027-07-16', reason: 'Nghỉ đột xuất' }],
      removeDaysOff: [],
      extraWorkingDays: [],
    },
  },
});
const saturdayMornings = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);

describe('a printed due date under a newer calendar', () => {
  const printed = fromLocal('2027-07-16 17:00');

  it('is no conflict while its day still has working time', () => {
    expect(dueDateConflict(printed, before, DEFAULT_WORKING_HOURS)).toBeNull();
  });

  it("conflicts on a new day off; the proposal is the closing time of the unit's next working day", () => {
    expect(dueDateConflict(printed, after, DEFAULT_WORKING_HOURS)).toEqual({
      dayOff: '2027-07-16',
      printedDueAt: printed,
      proposedDueAt: fromLocal('2027-07-19 17:00'), // over the weekend, to Monday
    });
  });

  it('proposes Saturday noon for a unit that opens on Saturday mornings', () => {
    expect(dueDateConflict(printed, after, saturdayMornings)?.proposedDueAt).toEqual(
      fromLocal('2027-07-17 11:30'),
    );
  });

  it('is no conflict on a Saturday for such a unit, but is one for a unit closed on Saturdays', () => {
    const saturday = fromLocal('2027-07-17 11:30');
    expect(dueDateConflict(saturday, before, saturdayMornings)).toBeNull();
    expect(dueDateConflict(saturday, before, DEFAULT_WORKING_HOURS)?.dayOff).toBe('2027-07-17');
  });

  it('gives the apology a reason naming the day and why it is off', () => {
    expect(rescheduleReasonVi('2027-07-16', 'Nghỉ đột xuất')).toBe(
      'Theo lịch nghỉ được công bố sau khi tiếp nhận hồ sơ, ngày hẹn trả kết quả 16/7/2027 là ngày nghỉ (Nghỉ đột xuất).',
    );
    expect(rescheduleReasonVi('2027-07-17', null)).toBe(
      'Theo lịch nghỉ được công bố sau khi tiếp nhận hồ sơ, ngày hẹn trả kết quả 17/7/2027 là ngày nghỉ.',
    );
  });
});
