import fc from 'fast-check';
import { SURVEY_CHANNELS, type SurveyChannel } from '@fg/contracts';
import type { HistoryMember } from '@fg/kernel';
import { addCounters, type AggregateCounters } from '../domain';
import { startSurvey, SurveyHarness } from '../testing/survey-harness';
import { SatisfactionBucketRepository, type StatsGroup } from './satisfaction-bucket.repository';
import { ROLLUP_KEYS_V1 } from './satisfaction-rollup-columns';

/**
 * The per-unit rollup (migration 1730000600900) answers exactly what the raw responses say: random responses
 * (units, days over five months, channels, officers, counters including a key without a column) are added
 * through the repository, then for random periods, members (with and without a predecessor's cut-off day) and
 * groupings the repository's sums equal the responses summed here one by one.
 */
const UNITS = ['07210', '07216', '24'];
const OFFICERS = [null, 'officer-1', 'officer-2'];
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2026, 0, 20);
const SPAN_DAYS = 150; // 2026-01-20 … 2026-06-18
const dayAt = (i: number) => new Date(FIRST + i * DAY_MS).toISOString().slice(0, 10);
const isoWeekday = (day: string) => String(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);

interface Added {
  unitCode: string;
  localDay: string;
  channel: SurveyChannel;
  officerId: string | null;
  counters: AggregateCounters;
}

const groupOf = (a: Added, g: StatsGroup): string =>
  ({
    none: '',
    month: a.localDay.slice(0, 7),
    unit: a.unitCode,
    weekday: isoWeekday(a.localDay),
    officer: a.officerId ?? '',
    channel: a.channel,
  })[g];

const counters = fc
  .tuple(
    fc.subarray([...ROLLUP_KEYS_V1], { minLength: 1, maxLength: 12 }),
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 12, maxLength: 12 }),
    fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4 }),
  )
  .map(([keys, values, future]) => {
    const c: Record<string, number> = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
    if (future !== null) c['future.key'] = future; // a key the rollup has no column for
    return c;
  });

const added = fc.record({
  unitCode: fc.constantFrom(...UNITS),
  localDay: fc.integer({ min: 0, max: SPAN_DAYS - 1 }).map(dayAt),
  channel: fc.constantFrom(...SURVEY_CHANNELS),
  officerId: fc.constantFrom(...OFFICERS),
  counters,
});

const nonZero = (c: AggregateCounters) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0));

describe('satisfaction unit rollup', () => {
  let h: SurveyHarness;
  let repo: SatisfactionBucketRepository;
  let responses: Added[];

  beforeAll(async () => {
    h = await startSurvey('survey_rollup');
    repo = h.app.get(SatisfactionBucketRepository);
    responses = fc.sample(added, { numRuns: 400, seed: 21 });
    for (const a of responses) await h.db.transaction((m) => repo.add(a, a.counters, m));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sums equal the responses summed one by one, for random periods, members and groupings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -10, max: SPAN_DAYS + 10 }),
        fc.integer({ min: 0, max: SPAN_DAYS }),
        fc.constantFrom<StatsGroup>('none', 'month', 'unit', 'weekday', 'officer', 'channel'),
        fc.subarray(UNITS, { minLength: 1 }),
        fc.option(fc.integer({ min: 0, max: SPAN_DAYS }), { freq: 3 }),
        async (start, length, groupBy, codes, cutoff) => {
          const from = dayAt(start);
          const to = dayAt(start + length);
          // The first member, when a cut-off is drawn, counts only the days before it (a predecessor).
          const members: HistoryMember[] = codes.map((code, i) => ({
            code,
            before: i === 0 && cutoff !== null ? dayAt(cutoff) : null,
          }));
          const want = new Map<string, AggregateCounters>();
          for (const a of responses) {
            const m = members.find((x) => x.code === a.unitCode);
            if (!m || a.localDay < from || a.localDay > to || (m.before !== null && a.localDay >= m.before))
              continue;
            const g = groupOf(a, groupBy);
            want.set(g, addCounters(want.get(g) ?? {}, a.counters));
          }
          const got = await repo.sum({ members, from, to, groupBy });
          expect(Object.fromEntries([...got].map(([g, c]) => [g, nonZero(c)]))).toEqual(
            Object.fromEntries([...want].map(([g, c]) => [g, nonZero(c)])),
          );
        },
      ),
      { numRuns: 150, seed: 2121 },
    );
  });

  it('the incrementally maintained rows equal a rebuild from the buckets', async () => {
    const snapshot = `SELECT * FROM satisfaction_unit_rollup ORDER BY unit_code, grain, period_start`;
    const before = await h.db.query(snapshot);
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((r: { extra: unknown }) => r.extra !== null)).toBe(true);
    await h.db.query(`SELECT rebuild_satisfaction_unit_rollup()`);
    expect(await h.db.query(snapshot)).toEqual(before);
  });
});
