import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { emptyCounters, UnitMonthDelta } from '../events/metric-book';
import { RatingTestKit } from '../testing/rating-test-kit';
import { fromColumns, METRIC_COLUMNS } from './metric-columns';
import { UnitMetricsRepository } from './unit-metrics.repository';

const P = 'P95';
const DISTRICT = 'D951';
const COMMUNES = ['W95A', 'W95B', 'W95C', 'W95D'];
const cols = METRIC_COLUMNS;

/**
 * `unit_metrics_yearly` (migration 1730000802500) is the monthly counters summed per (unit, year), kept by
 * statement triggers whoever writes `unit_metrics`; the scorecards' year aggregates read it. These tests hold
 * it to the monthly rows it sums, and the aggregates to the same aggregation read from the monthly rows alone.
 */
describe('unit_metrics_yearly', () => {
  let kit: RatingTestKit;
  let ds: DataSource;
  let repo: UnitMetricsRepository;

  /** The yearly rows that hold anything, and the monthly rows summed per (unit, year): equal, as sorted text. */
  const bothWays = async () => {
    const sums = cols.map((c) => `sum(${c})::bigint AS ${c}`).join(', ');
    const nonZero = cols.map((c) => `${c} <> 0`).join(' OR ');
    const [yearly, monthly] = await Promise.all([
      ds.query(`SELECT unit_code, year, ${cols.join(', ')} FROM unit_metrics_yearly
        WHERE ${nonZero} ORDER BY unit_code, year`),
      ds.query(`SELECT * FROM (SELECT unit_code, year, ${sums} FROM unit_metrics GROUP BY unit_code, year) s
        WHERE ${nonZero} ORDER BY unit_code, year`),
    ]);
    return { yearly, monthly };
  };

  const delta = (unitCode: string, year: number, month: number, n: number): UnitMonthDelta => {
    const counters = emptyCounters();
    counters.dossiersFinished = n;
    counters.onTime = n % 7;
    counters.openOverdue = (n % 5) - 2; // the snapshot's deltas go both ways
    counters.satisfiedByElement.OFFICER = { satisfied: n % 3, valid: n % 4 };
    counters.starCounts = [n % 2, 0, 0, 0, n % 9];
    counters.waitHistogram[3] = n % 11;
    return { unitCode, year, month, counters };
  };

  const aDelta = fc
    .record({
      unit: fc.constantFrom(...COMMUNES, DISTRICT),
      year: fc.integer({ min: 2024, max: 2026 }),
      month: fc.integer({ min: 1, max: 12 }),
      n: fc.integer({ min: 1, max: 50 }),
    })
    .map((d) => delta(d.unit, d.year, d.month, d.n));

  /** A consumer's batch: its book folds the events into one delta per (unit, month). */
  const aBatch = (maxLength: number) =>
    fc.uniqueArray(aDelta, {
      minLength: 1,
      maxLength,
      selector: (d) => `${d.unitCode}|${d.year}|${d.month}`,
    });

  beforeAll(async () => {
    kit = await RatingTestKit.start('rating_metrics_yearly');
    ds = kit.app.get(DataSource);
    repo = kit.app.get(UnitMetricsRepository);
    await kit.registerUnits([
      { code: P, name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
      { code: DISTRICT, name: 'Huyện Thử Nghiệm', level: 'DISTRICT', parentCode: P },
      ...COMMUNES.map((code) => ({
        code,
        name: `Xã ${code}`,
        level: 'COMMUNE' as const,
        parentCode: DISTRICT,
      })),
    ]);
  });
  afterAll(() => kit.stop());

  it('follows every kind of write: the consumers’ upserts, updates, deletes and a truncation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(aBatch(12), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 12 }),
        async (batches, pick) => {
          await ds.query('TRUNCATE unit_metrics');
          expect(await ds.query('SELECT count(*)::int AS n FROM unit_metrics_yearly')).toEqual([{ n: 0 }]);
          for (const batch of batches) await ds.transaction((m) => repo.add(m, batch));
          // An operator's fix and a removal, outside the consumers' path.
          await ds.query(
            `UPDATE unit_metrics SET on_time = on_time + 3, open_overdue_delta = open_overdue_delta - 1, year = year - 10
              WHERE month = $1`,
            [(pick % 12) + 1],
          );
          await ds.query(`DELETE FROM unit_metrics WHERE month = $1`, [((pick + 5) % 12) + 1]);
          const { yearly, monthly } = await bothWays();
          expect(yearly).toEqual(monthly);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stays exact under consumers adding to the same rows at once, without a deadlock', async () => {
    await ds.query('TRUNCATE unit_metrics');
    // Six transactions over the same (unit, month) rows, each listing them in another order.
    const rows = COMMUNES.flatMap((u) =>
      [2025, 2026].flatMap((y) => [1, 6, 12].map((mo) => [u, y, mo] as const)),
    );
    await Promise.all(
      Array.from({ length: 6 }, (_, t) =>
        ds.transaction(async (m) => {
          const mine = [...rows.slice(t * 4), ...rows.slice(0, t * 4)].map(([u, y, mo], i) =>
            delta(u, y, mo, t + i + 1),
          );
          await repo.add(m, mine);
          await new Promise((resolve) => setTimeout(resolve, 20)); // hold the locks a while
        }),
      ),
    );
    const { yearly, monthly } = await bothWays();
    expect(yearly).toHaveLength(COMMUNES.length * 2);
    expect(yearly).toEqual(monthly);
  });

  it('gives the year aggregates that the monthly rows give, lineage windows included', async () => {
    await ds.query('TRUNCATE unit_metrics');
    // W95C took over W95A on 15 March 2026 and W95B on 1 January 2026; W95D over W95C on 1 December 2025
    // (recorded ahead, in force from then on). A predecessor counts for its successor before the date only.
    await ds.query(`DELETE FROM unit_lineage`);
    await ds.query(`INSERT INTO unit_lineage (unit_code, predecessor_code, before, in_force_from) VALUES
      ('W95C', 'W95A', '2026-03-15', '2026-03-15'), ('W95C', 'W95B', '2026-01-01', '2026-01-01'),
      ('W95D', 'W95C', '2025-12-01', '2025-12-01')`);
    await fc.assert(
      fc.asyncProperty(aBatch(40), async (deltas) => {
        await ds.query('TRUNCATE unit_metrics');
        await ds.transaction((m) => repo.add(m, deltas));
        for (const asWas of [false, true]) {
          const roots = [P, DISTRICT, ...COMMUNES];
          const years = [2024, 2025, 2026];
          const got = await repo.yearAggregates(ds.manager, roots, years, asWas, '2026-12-07');
          const want = await monthlyOnly(roots, years, asWas, '2026-12-07');
          for (const g of got) {
            const w = fromColumns(want.get(`${g.unitCode}|${g.year}`) ?? {});
            const carried = Object.keys(g.aggregates) as (keyof typeof w)[];
            expect({ unit: g.unitCode, year: g.year, ...g.aggregates, ...g.extra }).toEqual({
              unit: g.unitCode,
              year: g.year,
              ...Object.fromEntries(carried.map((k) => [k, w[k]])),
              dossiersReceived: w.dossiersReceived,
              apologiesIssued: w.apologiesIssued,
            });
          }
        }
      }),
      { numRuns: 20 },
    );
    await ds.query(`DELETE FROM unit_lineage`);
  });

  /** The aggregation as it was before the yearly sums: straight from the monthly rows (the oracle). */
  async function monthlyOnly(roots: string[], years: number[], asWas: boolean, today: string) {
    const sums = cols
      .filter((c) => c !== 'open_overdue_delta')
      .map((c) => `coalesce(sum(m.${c}) FILTER (WHERE m.year = y.year), 0)::bigint AS ${c}`);
    const rows: Record<string, unknown>[] = await ds.query(
      `WITH RECURSIVE tree(root, code, before, depth) AS (
          SELECT r, r, NULL::date, 0 FROM unnest($1::text[]) AS r
          UNION ALL
          SELECT t.root, x.code, x.before, t.depth + 1 FROM tree t CROSS JOIN LATERAL (
            SELECT u.code, t.before FROM unit_registry u WHERE u.parent_code = t.code
            UNION ALL
            SELECT l.predecessor_code, LEAST(t.before, l.before) FROM unit_lineage l
            WHERE l.unit_code = t.code AND NOT $3::boolean AND l.in_force_from <= $4::date
          ) x WHERE t.depth < 16
        ),
        members AS (
          SELECT root, code, CASE WHEN bool_or(before IS NULL) THEN NULL ELSE max(before) END AS before
          FROM tree GROUP BY root, code
        )
        SELECT t.root AS unit_code, y.year, ${sums.join(', ')},
          greatest(0, coalesce(sum(m.open_overdue_delta), 0))::bigint AS open_overdue_delta
        FROM members t CROSS JOIN unnest($2::int[]) AS y(year)
        JOIN unit_metrics m ON m.unit_code = t.code AND m.year <= y.year
          AND (t.before IS NULL OR make_date(m.year, m.month, 1) < t.before)
        GROUP BY t.root, y.year`,
      [roots, years, asWas, today],
    );
    return new Map(rows.map((r) => [`${String(r.unit_code)}|${String(r.year)}`, r]));
  }
});
