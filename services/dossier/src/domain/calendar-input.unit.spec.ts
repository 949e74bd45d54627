import { assertInstant, assertLocalDate } from './calendar-input';

describe('calendar input', () => {
  it('accepts an existing date and a valid instant', () => {
    expect(() => assertLocalDate('2028-02-29')).not.toThrow();
    expect(() => assertInstant(new Date('2025-07-07T02:00:00Z'))).not.toThrow();
  });

  it.each([
    ['2026-02-29', /No such calendar day/],
    ['2026-13-01', /No such calendar day/],
    ['26-2-1', /expected YYYY-MM-DD/],
    ['2026-02-01T00:00', /expected YYYY-MM-DD/],
  ])('refuses the date %p as CALENDAR.INVALID_DATE', (date, message) => {
    expect(() => assertLocalDate(date)).toThrow(
      expect.objectContaining({
        code: 'CALENDAR.INVALID_DATE',
        kind: 'INVALID',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('refuses an invalid instant as CALENDAR.INVALID_INSTANT, naming it', () => {
    expect(() => assertInstant(new Date('nope'), 'receivedAt')).toThrow(
      expect.objectContaining({
        code: 'CALENDAR.INVALID_INSTANT',
        message: 'Invalid receivedAt: Invalid Date',
      }),
    );
  });
});
