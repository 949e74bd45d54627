import { Injectable } from '@nestjs/common';
import { type HistoryMember, historyColumns } from '@fg/kernel';
import { DataSource, EntityManager } from 'typeorm';
import { QueueStatsRow, StatsDelta, statsSlotOf } from '../domain';

/** An inclusive range of local (day, hour) slots of the pre-aggregated statistics. */
export interface StatsRange {
  fromDay: string;
  fromHour: number;
  toDay: string;
  toHour: number;
}

export type StatsGroupBy = 'service' | 'counter' | 'officer' | 'hour' | 'weekday' | 'day';

const GROUP_KEY: Record<StatsGroupBy, string> = {
  service: 'service_code',
  counter: `NULLIF(counter_no, '')`,
  officer: `NULLIF(officer_id, '')`,
  hour: 'hour::text',
  weekday: 'weekday::text',
  day: `to_char(day, 'YYYY-MM-DD')`,
};

const addArrays = (col: string) =>
  `ARRAY(SELECT a + b FROM unnest(s.${col}, EXCLUDED.${col}) WITH ORDINALITY AS x(a, b, i) ORDER BY i)`;

/**
 * Pre-aggregated statistics, one row per (unit, local day, hour, service, counter, officer). Rows are
 * bumped in the transaction that issues, cancels, completes or marks a ticket no-show, so the
 * dashboards read a few hundred rows per month instead of scanning tickets.
 */
/** One group as `grouped` selects it; sums of bigint columns arrive as strings. */
interface GroupedRow {
  k: string | null;
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  wc: number;
  ws: string;
  wmin: number | null;
  wmax: number | null;
  waitBuckets: number[];
  sc: number;
  ss: string;
  smin: number | null;
  smax: number | null;
  serviceBuckets: number[];
}

@Injectable()
export class QueueStatsRepository {
  constructor(private readonly ds: DataSource) {}

  async add(manager: EntityManager, unitCode: string, d: StatsDelta): Promise<void> {
    const { day, hour, weekday } = statsSlotOf(d.at);
    const { wait: w, service: s } = d.delta;
    await manager.query(
      /* sql */ `INSERT INTO queue_stats AS s (unit_code, day, hour, weekday, service_code, counter_no, officer_id,
          issued, served, no_shows, cancelled, wait_count, wait_sum, wait_min, wait_max, wait_buckets,
          service_count, service_sum, service_min, service_max, service_buckets)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
        ON CONFLICT (unit_code, day, hour, service_code, counter_no, officer_id) DO UPDATE SET
          issued = s.issued + EXCLUDED.issued, served = s.served + EXCLUDED.served,
          no_shows = s.no_shows + EXCLUDED.no_shows, cancelled = s.cancelled + EXCLUDED.cancelled,
          wait_count = s.wait_count + EXCLUDED.wait_count, wait_sum = s.wait_sum + EXCLUDED.wait_sum,
          wait_min = LEAST(s.wait_min, EXCLUDED.wait_min), wait_max = GREATEST(s.wait_max, EXCLUDED.wait_max),
          wait_buckets = ${addArrays('wait_buckets')},
          service_count = s.service_count + EXCLUDED.service_count, service_sum = s.service_sum + EXCLUDED.service_sum,
          service_min = LEAST(s.service_min, EXCLUDED.service_min), service_max = GREATEST(s.service_max, EXCLUDED.service_max),
          service_buckets = ${addArrays('service_buckets')}`,
      [
        unitCode,
        day,
        hour,
        weekday,
        d.serviceCode,
        d.counterNo,
        d.officerId,
        d.delta.issued,
        d.delta.served,
        d.delta.noShows,
        d.delta.cancelled,
        w.count,
        w.sumSeconds,
        w.minSeconds,
        w.maxSeconds,
        w.buckets,
        s.count,
        s.sumSeconds,
        s.minSeconds,
        s.maxSeconds,
        s.buckets,
      ],
    );
  }

  /**
   * Rows of the members in the (day, hour) range, merged per group (SUM, MIN, MAX, bucket-wise SUM); a
   * member with a window (a predecessor, docs/domain.md §Administrative units) counts its local days
   * before `before` only.
   */
  async grouped(
    members: HistoryMember[],
    range: StatsRange,
    groupBy: StatsGroupBy,
  ): Promise<{ key: string | null; row: QueueStatsRow }[]> {
    const rows = await this.ds.query<GroupedRow[]>(
      /* sql */ `WITH r AS (
          SELECT ${GROUP_KEY[groupBy]} AS k, queue_stats.* FROM queue_stats
            JOIN unnest($1::text[], $6::date[]) AS w(member_code, cutoff) ON unit_code = member_code
          WHERE (day, hour) >= ($2::date, $3::smallint) AND (day, hour) <= ($4::date, $5::smallint)
            AND (cutoff IS NULL OR day < cutoff)
        ), totals AS (
          SELECT k, sum(issued)::int AS issued, sum(served)::int AS served, sum(no_shows)::int AS "noShows",
            sum(cancelled)::int AS cancelled,
            sum(wait_count)::int AS wc, sum(wait_sum)::bigint AS ws, min(wait_min) AS wmin, max(wait_max) AS wmax,
            sum(service_count)::int AS sc, sum(service_sum)::bigint AS ss, min(service_min) AS smin, max(service_max) AS smax
          FROM r GROUP BY k
        ), wb AS (
          SELECT k, array_agg(t ORDER BY i) AS b FROM (
            SELECT k, i, sum(v)::int AS t FROM r, unnest(r.wait_buckets) WITH ORDINALITY AS u(v, i) GROUP BY k, i) x GROUP BY k
        ), sb AS (
          SELECT k, array_agg(t ORDER BY i) AS b FROM (
            SELECT k, i, sum(v)::int AS t FROM r, unnest(r.service_buckets) WITH ORDINALITY AS u(v, i) GROUP BY k, i) x GROUP BY k
        )
        SELECT totals.*, wb.b AS "waitBuckets", sb.b AS "serviceBuckets" FROM totals
          JOIN wb ON wb.k IS NOT DISTINCT FROM totals.k JOIN sb ON sb.k IS NOT DISTINCT FROM totals.k`,
      [
        historyColumns(members).codes,
        range.fromDay,
        range.fromHour,
        range.toDay,
        range.toHour,
        historyColumns(members).before,
      ],
    );
    return rows.map((r) => ({
      key: r.k,
      row: {
        issued: r.issued,
        served: r.served,
        noShows: r.noShows,
        cancelled: r.cancelled,
        wait: {
          count: r.wc,
          sumSeconds: Number(r.ws),
          minSeconds: r.wmin,
          maxSeconds: r.wmax,
          buckets: r.waitBuckets,
        },
        service: {
          count: r.sc,
          sumSeconds: Number(r.ss),
          minSeconds: r.smin,
          maxSeconds: r.smax,
          buckets: r.serviceBuckets,
        },
      },
    }));
  }
}
