import { formatTicketNumber, nextDailySequence } from './ticket-number';

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
