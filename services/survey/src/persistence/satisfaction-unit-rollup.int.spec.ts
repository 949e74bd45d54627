import fc from 'fast-check';
import { SURVEY_CHANNELS, type SurveyChannel } from '@fg/contracts';
import type { HistoryMember } from '@fg/kernel';
import { addCounters, type AggregateCounters } from '../domain';
import { startSurvey, SurveyHarness } from '../testing/survey-harness';
import { SatisfactionBucketRepository, type StatsGroup } from './satisfaction-bucket.repository';
import { ROLLUP_KEYS_V1, rollupColumn } from './satisfaction-rollup-columns';

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

  it('the children rollup equals one rebuilt from the unit rollup and the current parents, as units move', async () => {
    const cols = `parent_code, grain, to_char(period_start, 'YYYY-MM-DD') AS day, ${ROLLUP_KEYS_V1.map((k) => `${rollupColumn(k)}::text`).join(', ')}, extra`;
    const anyCount = `${ROLLUP_KEYS_V1.map((k) => `${rollupColumn(k)} <> 0`).join(' OR ')} OR extra IS NOT NULL`;
    const kept = () =>
      h.db.query(`SELECT ${cols} FROM satisfaction_children_rollup WHERE ${anyCount} ORDER BY 1, 2, 3`);
    const rebuilt = () =>
      h.db.query(
        `SELECT ${cols} FROM (
           SELECT u.parent_code, r.grain, r.period_start, ${ROLLUP_KEYS_V1.map((k) => `sum(r.${rollupColumn(k)}) AS ${rollupColumn(k)}`).join(', ')},
                  nonzero_counts(sum_counts(r.extra)) AS extra
           FROM satisfaction_unit_rollup r JOIN units u ON u.code = r.unit_code WHERE u.parent_code IS NOT NULL
           GROUP BY 1, 2, 3) AS x WHERE ${anyCount} ORDER BY 1, 2, 3`,
      );
    const province = UNITS[2];
    const whole: HistoryMember[] = UNITS.map((code) => ({ code, before: null }));
    const byMonth = async () =>
      Object.fromEntries(
        [
          ...(await repo.sum({ members: whole, from: dayAt(3), to: dayAt(SPAN_DAYS - 1), groupBy: 'month' })),
        ].map(([g, c]) => [g, nonZero(c)]),
      );
    expect((await kept()).length).toBeGreaterThan(0);
    expect(await kept()).toEqual(await rebuilt());
    // A commune leaves the province, responses arrive for both communes, it comes back.
    await h.db.query(`UPDATE units SET parent_code = NULL WHERE code = $1`, [UNITS[1]]);
    expect(await kept()).toEqual(await rebuilt());
    const more = fc.sample(added, { numRuns: 60, seed: 22 }).filter((a) => a.unitCode !== province);
    for (const a of more) await h.db.transaction((m) => repo.add(a, a.counters, m));
    responses.push(...more);
    expect(await kept()).toEqual(await rebuilt());
    await h.db.query(`UPDATE units SET parent_code = $2 WHERE code = $1`, [UNITS[1], province]);
    expect(await kept()).toEqual(await rebuilt());
    // The whole province by month, read through its children's rollup, equals the responses one by one.
    const expected = new Map<string, AggregateCounters>();
    for (const a of responses)
      if (a.localDay >= dayAt(3)) {
        const g = a.localDay.slice(0, 7);
        expected.set(g, addCounters(expected.get(g) ?? {}, a.counters));
      }
    expect(await byMonth()).toEqual(Object.fromEntries([...expected].map(([g, c]) => [g, nonZero(c)])));
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
