import fc from 'fast-check';
import { addDays, daysBetween } from '@fg/kernel';
import { parseReportPeriod } from './report-period';

const TODAY = '2026-12-06';
const ok = (text: string, today = TODAY) => {
  const r = parseReportPeriod(text, today);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const refusal = (text: string, today = TODAY) => {
  const r = parseReportPeriod(text, today);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.message;
};

describe('parseReportPeriod', () => {
  it('reads a past month as its calendar days', () => {
    expect(ok('2026-02')).toEqual({
      period: '2026-02',
      kind: 'month',
      year: 2026,
      from: '2026-02-01',
      to: '2026-02-28',
      end: '2026-02-28',
      months: ['2026-02'],
      yearFrom: '2026-01-01',
      current: false,
    });
    expect(ok('2024-02').to).toBe('2024-02-29'); // leap year
  });

  it('reads a quarter as three months and a year as twelve', () => {
    expect(ok('2025-Q4')).toMatchObject({
      kind: 'quarter',
      from: '2025-10-01',
      to: '2025-12-31',
      months: ['2025-10', '2025-11', '2025-12'],
    });
    expect(ok('2025')).toMatchObject({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(ok('2025').months).toHaveLength(12);
  });

  it('ends the running period today', () => {
    expect(ok('2026-12')).toMatchObject({ from: '2026-12-01', to: TODAY, end: '2026-12-31', current: true });
    expect(ok('2026-Q4')).toMatchObject({ from: '2026-10-01', to: TODAY, current: true });
    expect(ok('2026')).toMatchObject({ from: '2026-01-01', to: TODAY, current: true });
    // Its first day is today: still allowed.
    expect(ok('2026-12', '2026-12-01')).toMatchObject({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('refuses a period beginning after today or before 2000, naming the period', () => {
    expect(refusal('2027-01')).toBe(
      'period 2027-01 is beyond the allowed span: from 2000 to the current month (today is 2026-12-06)',
    );
    expect(refusal('2027')).toMatch(/^period 2027 is beyond the allowed span/);
    expect(refusal('1999-12')).toMatch(/^period 1999-12 is beyond the allowed span/);
    expect(refusal('2026-12', '2026-11-30')).toMatch(/beyond the allowed span/);
  });

  it('refuses malformed periods, naming the parameter', () => {
    for (const bad of ['', '2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-01', '2026-1', '2026-01-01', 'x'])
      expect(refusal(bad)).toMatch(/^period ".*" must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY$/);
  });

  it('names the parameter and offers only the kinds asked for', () => {
    const month = { name: 'month', kinds: ['month' as const] };
    expect(parseReportPeriod('2026-Q1', TODAY, month)).toEqual({
      ok: false,
      message: 'month "2026-Q1" must be a month YYYY-MM',
    });
    expect(parseReportPeriod('2027-01', TODAY, month)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^month 2027-01 is beyond the allowed span/),
    });
    expect(parseReportPeriod('2026-11', TODAY, month)).toMatchObject({ ok: true, value: { kind: 'month' } });
  });

  it('always gives from ≤ to ≤ end within the year, to never after today (property)', () => {
    const day = fc.integer({ min: 0, max: 40 * 366 }).map((n) => addDays('2000-01-01', n));
    const text = fc.oneof(
      fc
        .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc
        .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 4 }))
        .map(([y, q]) => `${y}-Q${q}`),
      fc.integer({ min: 2000, max: 2040 }).map(String),
    );
    fc.assert(
      fc.property(text, day, (t, today) => {
        const r = parseReportPeriod(t, today);
        if (!r.ok) return r.message.startsWith(`period ${t} is beyond`) && `${t.slice(0, 4)}` >= '2000';
        const p = r.value;
        return (
          p.from <= p.to &&
          p.to <= p.end &&
          p.to <= today &&
          p.from.slice(0, 4) === p.end.slice(0, 4) &&
          daysBetween(p.from, p.end) < 366 &&
          p.months[0] === p.from.slice(0, 7) &&
          p.months[p.months.length - 1] === p.end.slice(0, 7) &&
          p.current === p.end >= today
        );
      }),
    );
  });
});
