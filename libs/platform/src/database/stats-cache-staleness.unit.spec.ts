import fc from 'fast-check';
import { DEFAULT_STATS_MAX_STALE_MS, loadConfig, PlatformConfig } from '../config/platform-config';
import { entryUse } from './stats-cache';

const limits = { maxAgeMs: 60_000, maxStaleMs: 1_000 };

describe('the dashboard cache’s staleness bound', () => {
  it('serves a current answer, a settled out-of-date one within the bound, and nothing else', () => {
    const at = 10_000;
    expect(entryUse({ version: 3, at, settled: false }, 3, at + 5, limits)).toBe('current');
    expect(entryUse({ version: 2, at, settled: true }, 3, at + 999, limits)).toBe('stale');
    expect(entryUse({ version: 2, at, settled: true }, 3, at + 1_000, limits)).toBe('miss');
    // A computation still running is shared only within its version; a failed one is never settled.
    expect(entryUse({ version: 2, at, settled: false }, 3, at + 5, limits)).toBe('miss');
    expect(entryUse({ version: 3, at, settled: true }, 3, at + 60_000, limits)).toBe('miss');
    expect(entryUse({ version: 2, at, settled: true }, 3, at + 5, { ...limits, maxStaleMs: 0 })).toBe('miss');
  });

  it('property: whatever is served holds every commit older than the bound', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5_000 }),
        (entryVersion, bumps, at, elapsed, settled, maxStaleMs) => {
          const use = entryUse({ version: entryVersion, at, settled }, entryVersion + bumps, at + elapsed, {
            maxAgeMs: 60_000,
            maxStaleMs,
          });
          // Served out of date only while younger than the bound (the answer's snapshot is taken after `at`).
          if (use === 'stale') expect(bumps > 0 && settled && elapsed < maxStaleMs).toBe(true);
          if (use === 'current') expect(bumps === 0 && elapsed < 60_000).toBe(true);
        },
      ),
    );
  });

  it('takes STATS_MAX_STALE_MS from the validated configuration, defaulting to one second, refusing nonsense', () => {
    const bound = (v?: string) =>
      loadConfig(PlatformConfig, { JWT_SECRET: 'a-test-secret-of-16+', STATS_MAX_STALE_MS: v })
        .STATS_MAX_STALE_MS;
    expect(DEFAULT_STATS_MAX_STALE_MS).toBe(1_000);
    expect(bound()).toBe(1_000);
    expect(bound('')).toBe(1_000);
    expect(bound('0')).toBe(0);
    expect(bound('2500')).toBe(2_500);
    for (const bad of ['-1', '1.5', 'soon', '60001']) expect(() => bound(bad)).toThrow(/STATS_MAX_STALE_MS/);
  });
});
