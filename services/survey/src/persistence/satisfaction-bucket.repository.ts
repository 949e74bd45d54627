import { Injectable } from '@nestjs/common';
import { SurveyChannel } from '@fg/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { coverPeriod } from '@fg/platform';
import { type HistoryMember, historyColumns } from '@fg/kernel';
import { AggregateCounters } from '../domain';

export interface BucketKey {
  unitCode: string;
  localDay: string;
  channel: SurveyChannel;
  officerId: string | null;
}

export const STATS_GROUPS = ['none', 'officer', 'month', 'channel', 'unit', 'weekday'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

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
 * Pre-aggregated satisfaction per (unit, channel, officer) and local day, and again per local month. A
 * response adds its counters to both with one upsert, in the response's own transaction; the row locks
 * of the upsert serialize concurrent adds to the same bucket, so no count is lost. A read takes whole
 * months from month rows and the partial months at the ends from day rows (`coverPeriod`).
 */
@Injectable()
export class SatisfactionBucketRepository {
  constructor(private readonly ds: DataSource) {}

  async add(key: BucketKey, counters: AggregateCounters, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO satisfaction_buckets AS b (unit_code, grain, period_start, channel, officer_id, counts)
        VALUES ($1, 'D', $2::date, $3, $4, $5), ($1, 'M', date_trunc('month', $2::date)::date, $3, $4, $5)
        ON CONFLICT ON CONSTRAINT satisfaction_buckets_key DO UPDATE SET counts = add_counts(b.counts, EXCLUDED.counts)`,
      [key.unitCode, key.localDay, key.channel, key.officerId, JSON.stringify(counters)],
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
    // Weekdays exist only in day rows.
    const cover =
      f.groupBy === 'weekday'
        ? { months: null, days: [{ from: f.from, to: f.to }] }
        : coverPeriod(f.from, f.to);
    const [head, tail] = cover.days;
    const rows: { g: string; k: string; n: string }[] = await this.ds.query(
      /* sql */ `SELECT ${GROUP_EXPR[f.groupBy]} AS g, e.key AS k, sum(e.value::bigint)::text AS n
        FROM satisfaction_buckets
          JOIN unnest($1::text[], $8::date[]) AS w(member_code, cutoff) ON unit_code = member_code,
          jsonb_each_text(counts) AS e
        WHERE (cutoff IS NULL AND (
            (grain = 'M' AND period_start BETWEEN $2 AND $3)
            OR (grain = 'D' AND (period_start BETWEEN $4 AND $5 OR period_start BETWEEN $6 AND $7))))
          OR (cutoff IS NOT NULL AND grain = 'D' AND period_start BETWEEN $9 AND $10 AND period_start < cutoff)
        GROUP BY 1, 2`,
      [
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
      ],
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
