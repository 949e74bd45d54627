import { DEFAULT_WORKING_HOURS, defineWorkingHours, withWeekday } from './working-hours';

describe('working hours', () => {
  it('defaults to 07:00–11:30 and 13:30–17:00, Monday to Friday, same-day cutoff 15:00', () => {
    const monday = [
      { startMinute: 420, endMinute: 690 },
      { startMinute: 810, endMinute: 1020 },
    ];
    expect(DEFAULT_WORKING_HOURS.byWeekday[1]).toEqual(monday);
    expect(DEFAULT_WORKING_HOURS.byWeekday[5]).toEqual(monday);
    expect(DEFAULT_WORKING_HOURS.byWeekday[6]).toEqual([]);
    expect(DEFAULT_WORKING_HOURS.byWeekday[0]).toEqual([]);
    expect(DEFAULT_WORKING_HOURS.makeUpDay).toEqual(monday);
    expect(DEFAULT_WORKING_HOURS.sameDayCutoffMinute).toBe(900);
  });

  it('adds a Saturday morning for a unit that receives then', () => {
    const hours = withWeekday(DEFAULT_WORKING_HOURS, 'SAT', [{ start: '07:30', end: '11:30' }]);
    expect(hours.byWeekday[6]).toEqual([{ startMinute: 450, endMinute: 690 }]);
    expect(hours.byWeekday[1]).toEqual(DEFAULT_WORKING_HOURS.byWeekday[1]);
  });

  it('sorts periods given out of order', () => {
    const hours = defineWorkingHours({
      weekly: {
        MON: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ],
      },
    });
    expect(hours.byWeekday[1].map((p) => p.startMinute)).toEqual([480, 780]);
  });

  it.each([
    ['an end before the start', { weekly: { MON: [{ start: '11:30', end: '07:00' }] } }],
    [
      'overlapping periods',
      {
        weekly: {
          MON: [
            { start: '07:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
        },
      },
    ],
    ['a malformed time', { weekly: { MON: [{ start: '7:00', end: '11:30' }] } }],
    ['a time past midnight', { weekly: { MON: [{ start: '07:00', end: '24:30' }] } }],
    ['an unknown weekday', { weekly: { MONDAY: [{ start: '07:00', end: '11:30' }] } }],
    ['a bad cutoff', { weekly: {}, sameDayCutoff: '3pm' }],
  ])('refuses %s', (_label, config) => {
    expect(() => defineWorkingHours(config as never)).toThrow(
      expect.objectContaining({ code: 'WORKING_HOURS.INVALID' }),
    );
  });
});
