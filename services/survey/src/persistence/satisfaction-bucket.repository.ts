import { Injectable } from '@nestjs/common';
import { SurveyChannel } from '@fg/contracts';
import { DataSource, EntityManager } from 'typeorm';
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
  month: `to_char(local_day, 'YYYY-MM')`,
  channel: 'channel',
  unit: 'unit_code',
  weekday: `extract(isodow FROM local_day)::int::text`,
};

/**
 * Pre-aggregated satisfaction per (unit, local day, channel, officer). A response adds its counters with
 * one upsert in the response's own transaction; the row lock of the upsert serializes concurrent adds to
 * the same bucket, so no count is lost. Days are the finest grain so `from`/`to` filters are exact.
 */
@Injectable()
export class SatisfactionBucketRepository {
  constructor(private readonly ds: DataSource) {}

  async add(key: BucketKey, counters: AggregateCounters, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO satisfaction_buckets AS b (unit_code, local_day, channel, officer_id, counts) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT ON CONSTRAINT satisfaction_buckets_key DO UPDATE SET counts = add_counts(b.counts, EXCLUDED.counts)`,
      [key.unitCode, key.localDay, key.channel, key.officerId, JSON.stringify(counters)],
    );
  }

  /** Sums the buckets of `units` between two local days (inclusive), per group key. */
  async sum(f: {
    units: string[];
    from: string;
    to: string;
    groupBy: StatsGroup;
  }): Promise<Map<string, AggregateCounters>> {
    const rows: { g: string; k: string; n: string }[] = await this.ds.query(
      /* sql */ `SELECT ${GROUP_EXPR[f.groupBy]} AS g, e.key AS k, sum(e.value::bigint)::text AS n
        FROM satisfaction_buckets, jsonb_each_text(counts) AS e
        WHERE unit_code = ANY($1) AND local_day BETWEEN $2 AND $3
        GROUP BY 1, 2`,
      [f.units, f.from, f.to],
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
