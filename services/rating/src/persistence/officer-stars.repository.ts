import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StarCounts } from '../domain';
import { OfficerMonthDelta } from '../events/metric-book';

export interface OfficerCounts {
  officerId: string;
  unitCode: string;
  /** 1★…5★ */
  starCounts: StarCounts;
  ticketsServed: number;
}

const STAR_SUMS =
  'sum(stars_1) AS s1, sum(stars_2) AS s2, sum(stars_3) AS s3, sum(stars_4) AS s4, sum(stars_5) AS s5, sum(tickets_served) AS served';

/** A row of `officer_id, unit_code, STAR_SUMS` (bigint sums arrive as strings). */
type Selected = Record<string, string | number>;

const toCounts = (r: Selected): OfficerCounts => ({
  officerId: String(r.officer_id),
  unitCode: String(r.unit_code ?? ''),
  starCounts: [Number(r.s1), Number(r.s2), Number(r.s3), Number(r.s4), Number(r.s5)],
  ticketsServed: Number(r.served),
});

/** Star ratings and tickets served per officer, unit and Vietnam-local month. */
@Injectable()
export class OfficerStarsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Rows are upserted in key order so that concurrent consumers lock shared rows in one order (no deadlock). */
  async add(manager: EntityManager, deltas: OfficerMonthDelta[]): Promise<void> {
    if (!deltas.length) return;
    const rows = deltas.map((d) => ({
      officer_id: d.officerId,
      unit_code: d.unitCode,
      year: d.year,
      month: d.month,
      stars_1: d.starCounts[0],
      stars_2: d.starCounts[1],
      stars_3: d.starCounts[2],
      stars_4: d.starCounts[3],
      stars_5: d.starCounts[4],
      tickets_served: d.ticketsServed,
    }));
    await manager.query(
      /* sql */ `INSERT INTO officer_stars (officer_id, unit_code, year, month, stars_1, stars_2, stars_3, stars_4, stars_5, tickets_served)
        SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(officer_id text, unit_code text, year int, month int,
          stars_1 bigint, stars_2 bigint, stars_3 bigint, stars_4 bigint, stars_5 bigint, tickets_served bigint)
        ORDER BY officer_id, unit_code, year, month
        ON CONFLICT (officer_id, unit_code, year, month) DO UPDATE SET
          stars_1 = officer_stars.stars_1 + EXCLUDED.stars_1, stars_2 = officer_stars.stars_2 + EXCLUDED.stars_2,
          stars_3 = officer_stars.stars_3 + EXCLUDED.stars_3, stars_4 = officer_stars.stars_4 + EXCLUDED.stars_4,
          stars_5 = officer_stars.stars_5 + EXCLUDED.stars_5, tickets_served = officer_stars.tickets_served + EXCLUDED.tickets_served`,
      [JSON.stringify(rows)],
    );
  }

  /** All-time counts of each (officer, unit) pair. */
  async allTime(
    manager: EntityManager,
    pairs: { officerId: string; unitCode: string }[],
  ): Promise<OfficerCounts[]> {
    if (!pairs.length) return [];
    const rows = await manager.query<Selected[]>(
      /* sql */ `SELECT officer_id, unit_code, ${STAR_SUMS} FROM officer_stars
        WHERE (officer_id, unit_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        GROUP BY officer_id, unit_code`,
      [pairs.map((p) => p.officerId), pairs.map((p) => p.unitCode)],
    );
    return rows.map(toCounts);
  }

  /** One officer's counts per unit for months fromIndex…toIndex (year·12 + month − 1). */
  async forOfficer(officerId: string, fromIndex: number, toIndex: number): Promise<OfficerCounts[]> {
    const rows = await this.ds.query<Selected[]>(
      /* sql */ `SELECT officer_id, unit_code, ${STAR_SUMS} FROM officer_stars
        WHERE officer_id = $1 AND year * 12 + month - 1 BETWEEN $2 AND $3 GROUP BY officer_id, unit_code ORDER BY unit_code`,
      [officerId, fromIndex, toIndex],
    );
    return rows.map(toCounts);
  }

  /** Counts per officer over a unit's whole subtree for months fromIndex…toIndex. */
  async forSubtree(unitCode: string, fromIndex: number, toIndex: number): Promise<OfficerCounts[]> {
    const rows = await this.ds.query<Selected[]>(
      /* sql */ `WITH RECURSIVE down(code, depth) AS (
          SELECT $1::text, 0
          UNION ALL
          SELECT u.code, d.depth + 1 FROM unit_registry u JOIN down d ON u.parent_code = d.code WHERE d.depth < 16
        )
        SELECT officer_id, NULL AS unit_code, ${STAR_SUMS} FROM officer_stars o JOIN down d ON d.code = o.unit_code
        WHERE o.year * 12 + o.month - 1 BETWEEN $2 AND $3 GROUP BY officer_id`,
      [unitCode, fromIndex, toIndex],
    );
    return rows.map(toCounts);
  }
}
