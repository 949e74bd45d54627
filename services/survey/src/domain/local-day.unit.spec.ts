import { firstDayOfLocalMonth, isLocalDay, localDayOf, localMonthOf } from './local-day';

describe('local day in Asia/Ho_Chi_Minh', () => {
  it('moves a late-evening UTC instant to the next local day and month', () => {
    expect(localDayOf(new Date('2026-03-31T17:00:00.000Z'))).toBe('2026-04-01');
    expect(localMonthOf(new Date('2026-03-31T17:00:00.000Z'))).toBe('2026-04');
  });
  it('keeps an instant just before local midnight on its day', () => {
    expect(localDayOf(new Date('2026-03-31T16:59:59.999Z'))).toBe('2026-03-31');
  });
  it('gives the first day of the local month', () => {
    expect(firstDayOfLocalMonth(new Date('2026-02-28T18:00:00.000Z'))).toBe('2026-03-01');
  });
  it('accepts real dates only', () => {
    expect(isLocalDay('2026-02-28')).toBe(true);
    expect(isLocalDay('2026-02-30')).toBe(false);
    expect(isLocalDay('2026-2-3')).toBe(false);
    expect(isLocalDay('2026-02-28T00:00')).toBe(false);
  });
});
