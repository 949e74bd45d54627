import { countsOnDay, historyColumns, mergeHistoryMembers } from './unit-history';

describe('unit history members', () => {
  describe('when a unit is reached along several paths', () => {
    it('keeps it once, with every day when one path counts all of them', () => {
      expect(
        mergeHistoryMembers([
          { code: 'B', before: '2025-07-01' },
          { code: 'A', before: null },
          { code: 'B', before: null },
        ]),
      ).toEqual([
        { code: 'A', before: null },
        { code: 'B', before: null },
      ]);
    });

    it('keeps the widest window (the latest date) otherwise', () => {
      expect(
        mergeHistoryMembers([
          { code: 'A', before: '2024-01-01' },
          { code: 'A', before: '2025-07-01' },
          { code: 'A', before: '2023-05-01' },
        ]),
      ).toEqual([{ code: 'A', before: '2025-07-01' }]);
    });
  });

  describe('when a predecessor counts until its succession date', () => {
    const a = { code: 'A', before: '2025-07-01' };
    it('counts the day before the date', () => expect(countsOnDay(a, '2025-06-30')).toBe(true));
    it('does not count the date itself or later', () => {
      expect(countsOnDay(a, '2025-07-01')).toBe(false);
      expect(countsOnDay(a, '2025-08-01')).toBe(false);
    });
    it('counts every day of the unit itself', () =>
      expect(countsOnDay({ code: 'C', before: null }, '2099-01-01')).toBe(true));
  });

  it('gives the SQL parameters as parallel arrays', () => {
    expect(
      historyColumns([
        { code: 'C', before: null },
        { code: 'A', before: '2025-07-01' },
      ]),
    ).toEqual({ codes: ['C', 'A'], before: [null, '2025-07-01'] });
  });
});
