import { formatMonth, monthIndex, parseMonth, vietnamDate, vietnamYearMonth } from './period';

describe('Vietnam-local periods', () => {
  it('puts an instant late on 31 December UTC into January in Vietnam', () => {
    expect(vietnamYearMonth('2025-12-31T17:30:00Z')).toEqual({ year: 2026, month: 1 });
    expect(vietnamYearMonth('2025-12-31T16:59:59Z')).toEqual({ year: 2025, month: 12 });
    expect(vietnamDate('2026-03-01T18:00:00Z')).toBe('2026-03-02');
  });

  it('parses and formats months', () => {
    expect(parseMonth('2026-02')).toEqual({ year: 2026, month: 2 });
    expect(parseMonth('2026-02-17')).toEqual({ year: 2026, month: 2 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('26-1')).toBeNull();
    expect(formatMonth({ year: 2026, month: 3 })).toBe('2026-03');
    expect(monthIndex({ year: 2026, month: 1 }) - monthIndex({ year: 2025, month: 12 })).toBe(1);
  });
});
