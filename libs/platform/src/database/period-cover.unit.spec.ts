import fc from 'fast-check';
import { addDays, daysBetween, firstDayOfNextMonth } from '@fg/kernel';
import { coverPeriod } from './period-cover';

describe('covering a range of days with month and day buckets', () => {
  it('reads whole months from month buckets only', () => {
    expect(coverPeriod('2026-01-01', '2026-12-31')).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      days: [],
    });
    expect(coverPeriod('2026-02-01', '2026-02-28')).toEqual({
      months: { from: '2026-02-01', to: '2026-02-01' },
      days: [],
    });
  });
  it('reads the partial months at both ends from day buckets', () => {
    expect(coverPeriod('2026-01-15', '2026-04-10')).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
  });
  it('uses days only when no whole month fits', () => {
    expect(coverPeriod('2026-01-15', '2026-02-10')).toEqual({
      months: null,
      days: [{ from: '2026-01-15', to: '2026-02-10' }],
    });
    expect(coverPeriod('2026-03-05', '2026-03-05')).toEqual({
      months: null,
      days: [{ from: '2026-03-05', to: '2026-03-05' }],
    });
    expect(coverPeriod('2026-03-01', '2026-03-30')).toEqual({
      months: null,
      days: [{ from: '2026-03-01', to: '2026-03-30' }],
    });
  });
  it('handles leap February and year ends', () => {
    expect(coverPeriod('2028-02-29', '2029-01-01')).toEqual({
      months: { from: '2028-03-01', to: '2028-12-01' },
      days: [
        { from: '2028-02-29', to: '2028-02-29' },
        { from: '2029-01-01', to: '2029-01-01' },
      ],
    });
    expect(coverPeriod('2028-02-01', '2028-02-29').months).toEqual({ from: '2028-02-01', to: '2028-02-01' });
  });
  it('covers every day of any range exactly once', () => {
    const aDate = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(aDate, fc.integer({ min: 0, max: 800 }), (from, length) => {
        const to = addDays(from, length);
        const cover = coverPeriod(from, to);
        const covered: string[] = cover.days.flatMap((r) =>
          Array.from({ length: daysBetween(r.from, r.to) + 1 }, (_, i) => addDays(r.from, i)),
        );
        const months = cover.months;
        if (months) {
          for (let month = months.from; month <= months.to; month = firstDayOfNextMonth(month)) {
            for (let day = month; day < firstDayOfNextMonth(month); day = addDays(day, 1)) covered.push(day);
          }
        }
        expect(covered.sort()).toEqual(Array.from({ length: length + 1 }, (_, i) => addDays(from, i)));
      }),
      { numRuns: 200 },
    );
  });
});
