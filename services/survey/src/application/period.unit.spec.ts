import { resolvePeriod } from './period';

describe('a statistics period', () => {
  const now = new Date('2026-03-31T18:00:00.000Z'); // 1 April, 01:00 in Hà Nội

  it('defaults to the current local month up to today', () => {
    expect(resolvePeriod(undefined, undefined, now)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
  });
  it('keeps given days', () => {
    expect(resolvePeriod('2026-01-01', '2026-03-31', now)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
  it('refuses a day that does not exist and a reversed range', () => {
    expect(() => resolvePeriod('2026-02-30', undefined, now)).toThrow(/not a calendar date/);
    expect(() => resolvePeriod('2026-03-02', '2026-03-01', now)).toThrow(/after/);
  });
});
