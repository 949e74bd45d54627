import { Injectable } from '@nestjs/common';
import { SurveyChannel } from '@fg/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { coverPeriod } from '@fg/platform';
import { type HistoryMember, historyColumns } from '@fg/kernel';
import { AggregateCounters } from '../domain';
import { ROLLUP_KEYS_V1, rollupColumn } from './satisfaction-rollup-columns';

export interface BucketKey {
  unitCode: string;
  localDay: string;
  channel: SurveyChannel;
  officerId: string | null;
}

export const STATS_GROUPS = ['none', 'officer', 'month', 'channel', 'unit', 'weekday'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** The groupings the per-unit rollup can answer (it has no channel or officer). */
const ROLLUP_GROUPS: ReadonlySet<StatsGroup> = new Set(['none', 'month', 'unit', 'weekday']);
const ROLLUP_COLUMNS = ROLLUP_KEYS_V1.map(rollupColumn);
const ROLLUP_KEY_SET = new Set(ROLLUP_KEYS_V1);

/** A bucket's counters as the rollup stores them: one value per typed column, the other keys as `extra`. */
const rollupValues = (counters: AggregateCounters): { columns: number[]; extra: string | null } => {
  const extra: Record<string, number> = {};
  for (const [k, v] of Object.entries(counters)) if (!ROLLUP_KEY_SET.has(k)) extra[k] = v;
  return {
    columns: ROLLUP_KEYS_V1.map((k) => counters[k] ?? 0),
    extra: Object.keys(extra).length ? JSON.stringify(extra) : null,
  };
};

/** SQL for each grouping; constants only, never user input. ISO weekday: 1 = Monday … 7 = Sunday. */
const GROUP_EXPR: Record<StatsGroup, string> = {
  none: `''`,
  officer: `coalesce(officer_id, '')`,
  month: `to_char(period_start, 'YYYY-MM')`,
  channel: 'channel',
  unit: 'unit_code',
  weekday: `extract(isodow FROM period_start)::int::text`,
};

/**
 * The members joined with the rows of `table` their period's cover counts (see `coverParams`): per member up
 * to three disjoint ranges of `(grain, period_start)` (whole months, head days, tail days), or for a member
 * with a cut-off day its day rows before it; each is an index range of the table's key (issue #21: one OR
 * over them made PostgreSQL read every row of every member). `OFFSET 0` keeps the look-up per member and
 * range: flattened into a join, the planner hashed the whole table (6-8 s for the province).
 */
const COVERED_ROWS = (
  table: string,
  members = 'unnest($1::text[], $8::date[]) AS w(member_code, cutoff)',
) => /* sql */ `${members === 'o' ? 'o AS w' : members}
          CROSS JOIN LATERAL (
            SELECT * FROM (VALUES ('M'::char(1), $2::date, $3::date), ('D'::char(1), $4::date, $5::date),
              ('D'::char(1), $6::date, $7::date)) AS v(grain, lo, hi) WHERE cutoff IS NULL
            UNION ALL SELECT 'D'::char(1), $9::date, least($10::date, cutoff - 1) WHERE cutoff IS NOT NULL
          ) AS r(grain, lo, hi)
          CROSS JOIN LATERAL (
            SELECT * FROM ${table} WHERE unit_code = w.member_code AND grain = r.grain AND period_start BETWEEN r.lo AND r.hi
            OFFSET 0
          ) AS t`;

/**
 * Pre-aggregated satisfaction per (unit, channel, officer) and local day, and again per local month. A
 * response adds its counters to both with one upsert, in the response's own transaction; the row locks
 * of the upsert serialize concurrent adds to the same bucket, so no count is lost. A read takes whole
 * months from month rows and the partial months at the ends from day rows (`coverPeriod`).
 */
@Injectable()
export class SatisfactionBucketRepository {
  constructor(private readonly ds: DataSource) {}

  async add(key: BucketKey, counters: AggregateCounters, manager: EntityManager): Promise<void> {
    // One statement: the (channel, officer) buckets and the unit's rollup rows (satisfaction_unit_rollup,
    // migration 1730000600900), each a day and a month row.
    const { columns, extra } = rollupValues(counters);
    const colParams = ROLLUP_COLUMNS.map((_, i) => `$${i + 7}::bigint`).join(', ');
    await manager.query(
      /* sql */ `WITH fine AS (
          INSERT INTO satisfaction_buckets AS b (unit_code, grain, period_start, channel, officer_id, counts)
          VALUES ($1, 'D', $2::date, $3, $4, $5), ($1, 'M', date_trunc('month', $2::date)::date, $3, $4, $5)
          ON CONFLICT ON CONSTRAINT satisfaction_buckets_key DO UPDATE SET counts = add_counts(b.counts, EXCLUDED.counts))
        INSERT INTO satisfaction_unit_rollup AS r (unit_code, grain, period_start, ${ROLLUP_COLUMNS.join(', ')}, extra)
        VALUES ($1, 'D', $2::date, ${colParams}, $6::jsonb), ($1, 'M', date_trunc('month', $2::date)::date, ${colParams}, $6::jsonb)
        ON CONFLICT (unit_code, grain, period_start) DO UPDATE SET
          ${ROLLUP_COLUMNS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')},
          extra = CASE WHEN EXCLUDED.extra IS NULL THEN r.extra WHEN r.extra IS NULL THEN EXCLUDED.extra
                       ELSE add_counts(r.extra, EXCLUDED.extra) END`,
      [key.unitCode, key.localDay, key.channel, key.officerId, JSON.stringify(counters), extra, ...columns],
    );
  }

  /**
   * Sums the buckets of the members between two local days (inclusive), per group key. A member with a
   * window (a predecessor, docs/domain.md §Administrative units) counts its day rows before `before` only:
   * a month row may straddle the succession date, so it cannot tell which of its answers count.
   */
  async sum(f: {
    members: HistoryMember[];
    from: string;
    to: string;
    groupBy: StatsGroup;
  }): Promise<Map<string, AggregateCounters>> {
    return ROLLUP_GROUPS.has(f.groupBy) ? this.sumRollup(f) : this.sumBuckets(f);
  }

  /** The cover of the period: whole months from month rows, the partial ends from day rows (weekdays: days only). */
  private cover(f: { from: string; to: string; groupBy: StatsGroup }) {
    return f.groupBy === 'weekday'
      ? { months: null, days: [{ from: f.from, to: f.to }] }
      : coverPeriod(f.from, f.to);
  }

  /** The parameters of `COVERED_ROWS`: $1 members, $2–$7 the cover, $8 cut-offs, $9–$10 the period. */
  private coverParams(f: { members: HistoryMember[]; from: string; to: string; groupBy: StatsGroup }) {
    const cover = this.cover(f);
    const [head, tail] = cover.days;
    return [
      historyColumns(f.members).codes,
      cover.months?.from ?? null,
      cover.months?.to ?? null,
      head?.from ?? null,
      head?.to ?? null,
      tail?.from ?? null,
      tail?.to ?? null,
      historyColumns(f.members).before,
      f.from,
      f.to,
    ];
  }

  /**
   * Sums the unit rollup's typed columns per group (total, month, unit, weekday): one row per unit and day or
   * month instead of one per (unit, channel, officer) with its jsonb unnested. Not grouped by unit, a member
   * whose every current child is a member without a cut-off (a province or district with its descendants) has
   * its children read from `satisfaction_children_rollup`, one row per parent instead of one per child
   * (migration 1730000802200; the province by month on 1.6M responses read ~41,000 unit rows).
   */
  private async sumRollup(f: {
    members: HistoryMember[];
    from: string;
    to: string;
    groupBy: StatsGroup;
  }): Promise<Map<string, AggregateCounters>> {
    // No transaction here (e.g. for a SET LOCAL): every local commit drops the service's cached answers.
    // Grouped by unit, every member is its own group, so no parent can stand for its children.
    const byParents = f.groupBy !== 'unit';
    const rowColumns = `grain, period_start, ${ROLLUP_COLUMNS.join(', ')}, extra`;
    const rows = await this.ds.query<Record<string, string | null>[]>(
      /* sql */ `WITH w AS (SELECT * FROM unnest($1::text[], $8::date[]) AS w(member_code, cutoff)),
        -- members all of whose current children are members without a cut-off: their children are read summed
        f AS (SELECT p.member_code AS parent_code FROM w AS p
          WHERE $11::boolean AND EXISTS (SELECT 1 FROM units c WHERE c.parent_code = p.member_code)
            AND NOT EXISTS (SELECT 1 FROM units c LEFT JOIN w AS x ON x.member_code = c.code
              WHERE c.parent_code = p.member_code AND (x.member_code IS NULL OR x.cutoff IS NOT NULL))),
        -- the members read one by one: the others
        o AS (SELECT * FROM w WHERE NOT EXISTS (
          SELECT 1 FROM units c JOIN f ON f.parent_code = c.parent_code WHERE c.code = w.member_code))
        SELECT ${GROUP_EXPR[f.groupBy]} AS g, ${ROLLUP_COLUMNS.map((c, i) => `sum(${c})::text AS c${i}`).join(', ')},
          jsonb_agg(extra) FILTER (WHERE extra IS NOT NULL)::text AS extras
        FROM (
          SELECT t.unit_code, ${rowColumns.replace(/(^|, )/g, '$1t.')} FROM ${COVERED_ROWS('satisfaction_unit_rollup', 'o')}
          UNION ALL
          SELECT t.parent_code, ${rowColumns.replace(/(^|, )/g, '$1t.')} FROM f CROSS JOIN LATERAL (
            SELECT * FROM (VALUES ('M'::char(1), $2::date, $3::date), ('D'::char(1), $4::date, $5::date),
              ('D'::char(1), $6::date, $7::date)) AS v(grain, lo, hi)
          ) AS r(grain, lo, hi)
          CROSS JOIN LATERAL (
            SELECT * FROM satisfaction_children_rollup
            WHERE parent_code = f.parent_code AND grain = r.grain AND period_start BETWEEN r.lo AND r.hi
            OFFSET 0
          ) AS t
        ) AS t
        GROUP BY 1`,
      [...this.coverParams(f), byParents],
    );
    const out = new Map<string, AggregateCounters>();
    for (const r of rows) {
      const group: Record<string, number> = {};
      ROLLUP_KEYS_V1.forEach((k, i) => {
        const v = Number(r[`c${i}`]);
        if (v !== 0) group[k] = v;
      });
      for (const extra of r.extras ? (JSON.parse(r.extras) as Record<string, number>[]) : [])
        for (const [k, v] of Object.entries(extra)) group[k] = (group[k] ?? 0) + Number(v);
      out.set(r.g ?? '', group);
    }
    return out;
  }

  /** Sums the (channel, officer) buckets' jsonb counters per group (officer, channel). */
  private async sumBuckets(f: {
    members: HistoryMember[];
    from: string;
    to: string;
    groupBy: StatsGroup;
  }): Promise<Map<string, AggregateCounters>> {
    const rows: { g: string; k: string; n: string }[] = await this.ds.query(
      /* sql */ `SELECT ${GROUP_EXPR[f.groupBy]} AS g, e.key AS k, sum(e.value::bigint)::text AS n
        FROM ${COVERED_ROWS('satisfaction_buckets')}, jsonb_each_text(t.counts) AS e
        GROUP BY 1, 2`,
      this.coverParams(f),
    );
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const group = out.get(r.g) ?? {};
      group[r.k] = Number(r.n);
      out.set(r.g, group);
    }
    return out;
  }
}
