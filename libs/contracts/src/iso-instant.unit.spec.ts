import fc from 'fast-check';
import isISO8601 from 'validator/lib/isISO8601';
import { isCanonicalInstant } from './iso-instant';

const strict = (s: string) => isISO8601(s, { strict: true });
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('isCanonicalInstant (the fast yes of @IsISO8601({ strict: true }))', () => {
  it("accepts Date.prototype.toISOString()'s output for every instant from year 1000 to 9999", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        (ms) => {
          const s = new Date(ms).toISOString();
          expect(isCanonicalInstant(s)).toBe(true);
          expect(strict(s)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('never accepts what validator refuses: any digits in the canonical shape, impossible dates included', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 999 }),
        ),
        ([y, mo, d, h, mi, s, ms]) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
          if (isCanonicalInstant(text)) expect(strict(text)).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['2024-02-29T00:00:00.000Z', true],
    ['2000-02-29T23:59:59.999Z', true],
    ['2026-02-29T00:00:00.000Z', false],
    ['2100-02-29T00:00:00.000Z', false],
    ['2026-04-31T00:00:00.000Z', false],
    ['2026-12-31T24:00:00.000Z', false],
    ['2026-12-07T10:00:00Z', false], // valid ISO 8601, but not the canonical form: left to validator
    ['2026-12-07T10:00:00.000+07:00', false],
    ['0999-01-01T00:00:00.000Z', false],
    ['2026-12-07T10:00:00.000Z\n', false],
  ])('%j → %s', (s, fast) => {
    expect(isCanonicalInstant(s)).toBe(fast);
    if (fast) expect(strict(s)).toBe(true);
  });
});
