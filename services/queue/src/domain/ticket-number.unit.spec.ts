import fc from 'fast-check';
import { localHour, localIsoWeekday } from './local-time';
import { formatTicketNumber, localDayKey, nextDailySequence } from './ticket-number';

describe('formatTicketNumber', () => {
  it('pads the sequence to three digits after the prefix', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('A', 42)).toBe('A042');
    expect(formatTicketNumber('HT', 999)).toBe('HT999');
  });

  it('grows past 999 instead of wrapping, so no number repeats within a day', () => {
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
    expect(formatTicketNumber('A', 12345)).toBe('A12345');
  });

  it.each([
    ['', 1],
    ['a', 1],
    ['ABCD', 1],
    ['A1', 1],
    ['A', 0],
    ['A', -3],
    ['A', 1.5],
  ])('refuses prefix %p with sequence %p', (prefix, seq) => {
    expect(() => formatTicketNumber(prefix, seq)).toThrow(
      expect.objectContaining({ code: 'TICKET.INVALID_NUMBER' }),
    );
  });
});

describe('localDayKey (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('changes day at local midnight, 17:00 UTC', () => {
    expect(localDayKey(new Date('2025-07-01T16:59:59Z'))).toBe('2025-07-01');
    expect(localDayKey(new Date('2025-07-01T17:00:00Z'))).toBe('2025-07-02');
  });

  it('handles month and year ends', () => {
    expect(localDayKey(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
    expect(localDayKey(new Date('2024-02-28T17:30:00Z'))).toBe('2024-02-29');
  });

  it('agrees with the IANA time-zone database for any instant', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    const hour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1980-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(localDayKey(d)).toBe(fmt.format(d));
          expect(localHour(d)).toBe(Number(hour.format(d)));
        },
      ),
    );
  });

  it('gives ISO weekdays in local time', () => {
    expect(localIsoWeekday(new Date('2025-07-03T17:00:00Z'))).toBe(5); // Friday 4 July 00:00 local
    expect(localIsoWeekday(new Date('2025-07-06T16:59:59Z'))).toBe(7); // still Sunday
  });

  it('refuses an invalid date', () => {
    expect(() => localDayKey(new Date('nope'))).toThrow(
      expect.objectContaining({ code: 'QUEUE.INVALID_INPUT' }),
    );
  });
});

describe('nextDailySequence', () => {
  const evening = new Date('2025-07-01T16:59:59Z');
  const midnight = new Date('2025-07-01T17:00:00Z');

  it('starts at 1 for the first ticket ever', () => {
    expect(nextDailySequence(null, evening)).toEqual({ dayKey: '2025-07-01', seq: 1 });
  });

  it('counts on within the same local day', () => {
    expect(nextDailySequence({ dayKey: '2025-07-01', seq: 57 }, evening)).toEqual({
      dayKey: '2025-07-01',
      seq: 58,
    });
  });

  it('restarts at 1 at local midnight, lazily on the first ticket of the new day', () => {
    expect(nextDailySequence({ dayKey: '2025-07-01', seq: 57 }, midnight)).toEqual({
      dayKey: '2025-07-02',
      seq: 1,
    });
    expect(formatTicketNumber('A', nextDailySequence({ dayKey: '2025-07-01', seq: 57 }, midnight).seq)).toBe(
      'A001',
    );
  });
});
