import { Injectable } from '@nestjs/common';
import { type LocalDate, toLocalDate } from '@fg/kernel';
import { EntityManager } from 'typeorm';
import { UnitAggregates } from '../domain';
import { MonthlyCounters, REPORT_ONLY_COUNTERS, UnitMonthDelta } from '../events/metric-book';
import { fromColumns, isZeroFlat, METRIC_COLUMNS, toColumns } from './metric-columns';
import type { StatementPart } from './score-queue.repository';

export interface YearAggregates {
  unitCode: string;
  year: number;
  aggregates: UnitAggregates;
  extra: Pick<MonthlyCounters, 'dossiersReceived' | 'apologiesIssued'>;
}

const cols = METRIC_COLUMNS;

/**
 * The rows each root unit (`$1`, text[]) rolls up: itself, its subtree and, unless `$3` (asWas), its lineage
 * up to each succession's date (`before`), for successions in force on `$4` (today). Shared by the scorecards'
 * year aggregates and the monthly report.
 */
const MEMBERS_CTE = /* sql */ `WITH RECURSIVE tree(root, code, before, depth) AS (
          SELECT r, r, NULL::date, 0 FROM unnest($1::text[]) AS r
          UNION ALL
          SELECT t.root, x.code, x.before, t.depth + 1 FROM tree t CROSS JOIN LATERAL (
            SELECT u.code, t.before FROM unit_registry u WHERE u.parent_code = t.code
            UNION ALL
            -- LEAST ignores NULL: a descendant's (unbounded) window narrows to the succession date
            SELECT l.predecessor_code, LEAST(t.before, l.before) FROM unit_lineage l
            -- in force once the latest date along the chain has come, not the earliest (A → C → D: D's own)
            WHERE l.unit_code = t.code AND NOT $3::boolean AND l.in_force_from <= $4::date
          ) x WHERE t.depth < 16
        ),
        members AS (
          SELECT root, code, CASE WHEN bool_or(before IS NULL) THEN NULL ELSE max(before) END AS before
          FROM tree GROUP BY root, code
        )`;

/** Monthly counters per unit, written by the consumers and read (rolled up) by the scorecards. */
@Injectable()
export class UnitMetricsRepository {
  /**
   * Adds a batch's deltas in one statement. Idempotence comes from the platform inbox (an event is applied
   * once), so the upsert can simply add. Rows go in key order: the three consumers upsert concurrently and
   * must lock shared rows in one order (no deadlock). One array per column (`unnest`), not a JSON document
   * of row objects: every column name was repeated in every row, built, sent and parsed again by
   * PostgreSQL for each of the ~2,600 (unit, month) rows a catching-up chunk folds into. `along` rides in the
   * same statement (the score marks); returns false when there was nothing to add, and then `along` was not
   * written either.
   */
  async add(manager: EntityManager, deltas: UnitMonthDelta[], along?: StatementPart): Promise<boolean> {
    const units: string[] = [];
    const years: number[] = [];
    const months: number[] = [];
    const values: number[][] = cols.map(() => []);
    for (const d of deltas) {
      const flat = toColumns(d.counters);
      if (isZeroFlat(flat)) continue;
      units.push(d.unitCode);
      years.push(d.year);
      months.push(d.month);
      for (let i = 0; i < cols.length; i++) values[i].push(flat[cols[i]]);
    }
    if (!units.length) return false;
    const params: unknown[] = [units, years, months, ...values];
    await manager.query(
      /* sql */ `${along ? `WITH ${along.cte(params.length + 1)} ` : ''}INSERT INTO unit_metrics (unit_code, year, month, ${cols.join(', ')})
        SELECT * FROM unnest($1::text[], $2::int[], $3::int[], ${cols.map((_, i) => `$${i + 4}::bigint[]`).join(', ')})
          AS t(unit_code, year, month, ${cols.join(', ')})
        ORDER BY unit_code, year, month
        ON CONFLICT (unit_code, year, month) DO UPDATE SET
          ${cols.map((c) => `${c} = unit_metrics.${c} + EXCLUDED.${c}`).join(',\n          ')},
          updated_at = now()`,
      along ? [...params, ...along.params] : params,
    );
    return true;
  }

  /** The earliest year any of the units has counters for, or null. */
  async firstYear(manager: EntityManager, unitCodes: string[]): Promise<number | null> {
    const [row] = await manager.query<{ first: number | null }[]>(
      /* sql */ `SELECT min(year) AS first FROM unit_metrics WHERE unit_code = ANY($1)`,
      [unitCodes],
    );
    return row?.first ?? null;
  }

  /**
   * Each unit's aggregates for each year, rolled up over its whole subtree (the unit itself and every
   * registered descendant) and, unless `asWas`, over its lineage: a predecessor's months before the
   * succession date count for the successor (docs/domain.md §Administrative units), the predecessor's own
   * subtree with it. A unit reached along several paths counts once, over its widest window (all months
   * when it is also a descendant). Additive counters are summed over the year; the open-overdue snapshot is
   * the running sum of its deltas up to the end of the year (never below 0). A succession dated after
   * `today` is not in force yet: its predecessors are not read, nor those of a chain it ends (a lineage link
   * is in force from the latest date along its chain, `in_force_from`).
   */
  async yearAggregates(
    manager: EntityManager,
    unitCodes: string[],
    years: number[],
    asWas = false,
    today: LocalDate = toLocalDate(new Date()),
  ): Promise<YearAggregates[]> {
    if (!unitCodes.length || !years.length) return [];
    // Summed as float8, exact for integers up to 2^53 (a province's year of waiting seconds is ~10^11): numeric
    // sums, which sum(bigint) gives, allocate an accumulator per group and column and took 52–66 ms of the
    // 1,000 communes' ranking against 21–24 ms (issue #21).
    const sums = cols
      .filter((c) => c !== 'open_overdue_delta')
      .map((c) => `sum(m.${c}::float8) FILTER (WHERE m.year = y.year) AS ${c}`);
    const list = cols.map((c) => `m.${c}`).join(', ');
    // Whole years from the yearly sums (unit_metrics_yearly, kept by triggers); only the year of a succession
    // date is read month by month, for the predecessor's months before that date.
    const rows: Record<string, unknown>[] = await manager.query(
      /* sql */ `${MEMBERS_CTE},
        counted AS (
          SELECT t.root, m.year, ${list} FROM members t
          JOIN unit_metrics_yearly m ON m.unit_code = t.code AND m.year <= $5::int
            AND (t.before IS NULL OR m.year < extract(year FROM t.before)::int)
          UNION ALL
          SELECT t.root, m.year, ${list} FROM members t
          JOIN unit_metrics m ON m.unit_code = t.code AND t.before IS NOT NULL AND m.year <= $5::int
            AND m.year = extract(year FROM t.before)::int AND make_date(m.year, m.month, 1) < t.before
        )
        SELECT m.root AS unit_code, y.year, ${sums.join(', ')},
          greatest(0, coalesce(sum(m.open_overdue_delta), 0)) AS open_overdue_delta
        FROM counted m CROSS JOIN unnest($2::int[]) AS y(year)
        WHERE m.year <= y.year
        GROUP BY m.root, y.year`,
      [unitCodes, years, asWas, today, Math.max(...years)],
    );
    const found = new Map(rows.map((r) => [`${String(r.unit_code)}|${String(r.year)}`, r]));
    return unitCodes.flatMap((unitCode) =>
      years.map((year) => {
        const c = fromColumns(found.get(`${unitCode}|${year}`) ?? {});
        const { dossiersReceived, apologiesIssued, ...rest } = c;
        const aggregates: UnitAggregates = { ...rest };
        for (const k of REPORT_ONLY_COUNTERS) delete (aggregates as Partial<MonthlyCounters>)[k];
        return { unitCode, year, aggregates, extra: { dossiersReceived, apologiesIssued } };
      }),
    );
  }

  /**
   * One unit's months `1..lastMonth` of `year`, each rolled up like the year aggregates (subtree and lineage):
   * additive counters of the month, and the open-overdue snapshot at the end of the month (the running sum
   * of its deltas since the first month ever projected, never below 0). What the monthly report reads.
   */
  async months(
    manager: EntityManager,
    unitCode: string,
    year: number,
    lastMonth: number,
    asWas = false,
    today: LocalDate = toLocalDate(new Date()),
  ): Promise<MonthlyCounters[]> {
    const sums = cols.map((c) => `sum(m.${c}) AS ${c}`);
    const rows: Record<string, unknown>[] = await manager.query(
      /* sql */ `${MEMBERS_CTE}
        SELECT CASE WHEN m.year < $2::int THEN 0 ELSE m.month END AS month, ${sums.join(', ')}
        FROM members t
        JOIN unit_metrics m ON m.unit_code = t.code AND m.year <= $2::int AND (m.year < $2::int OR m.month <= $5::int)
          AND (t.before IS NULL OR make_date(m.year, m.month, 1) < t.before)
        GROUP BY 1`,
      [[unitCode], year, asWas, today, lastMonth],
    );
    const byMonth = new Map(rows.map((r) => [Number(r.month), fromColumns(r)]));
    // Month 0: every earlier year, only its overdue deltas matter (the snapshot runs on from them).
    let overdue = byMonth.get(0)?.openOverdue ?? 0;
    const out: MonthlyCounters[] = [];
    for (let month = 1; month <= lastMonth; month++) {
      const c = byMonth.get(month) ?? fromColumns({});
      overdue += c.openOverdue;
      out.push({ ...c, openOverdue: Math.max(0, overdue) });
    }
    return out;
  }
}
