import { Injectable } from '@nestjs/common';
import { autocommitWrite } from '@fg/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CertificationTarget } from '../domain';

/** Certification targets (share of communes with ≥ 1 star) per unit, normally the province, and year. */
@Injectable()
export class TargetsRepository {
  constructor(private readonly ds: DataSource) {}

  async set(
    manager: EntityManager,
    unitCode: string,
    target: CertificationTarget,
    by: string,
  ): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO unit_targets (unit_code, year, certified_share, set_by) VALUES ($1, $2, $3, $4)
        ON CONFLICT (unit_code, year) DO UPDATE SET certified_share = EXCLUDED.certified_share, set_by = EXCLUDED.set_by, set_at = now()`,
      [unitCode, target.year, target.certifiedShare, by],
    );
  }

  async insertIfMissing(unitCode: string, targets: readonly CertificationTarget[]): Promise<void> {
    await autocommitWrite(
      this.ds,
      /* sql */ `INSERT INTO unit_targets (unit_code, year, certified_share, set_by)
        SELECT $1, t.year, t.share, 'seed' FROM unnest($2::int[], $3::float8[]) AS t(year, share)
        ON CONFLICT (unit_code, year) DO NOTHING`,
      [unitCode, targets.map((t) => t.year), targets.map((t) => t.certifiedShare)],
    );
  }

  /**
   * The targets of the nearest unit in `unitCode`'s ancestry (itself first) that has any: a district
   * follows its province's targets unless it sets its own.
   */
  async nearest(unitCode: string): Promise<{ unitCode: string; targets: CertificationTarget[] } | null> {
    const rows: { unit_code: string; year: number; certified_share: number }[] = await this.ds.query(
      /* sql */ `WITH RECURSIVE up(code, depth) AS (
          SELECT $1::text, 0
          UNION ALL
          SELECT u.parent_code, up.depth + 1 FROM unit_registry u JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL AND up.depth < 16
        ), owner AS (
          SELECT up.code FROM up WHERE EXISTS (SELECT 1 FROM unit_targets t WHERE t.unit_code = up.code) ORDER BY up.depth LIMIT 1
        )
        SELECT t.unit_code, t.year, t.certified_share FROM unit_targets t JOIN owner o ON o.code = t.unit_code ORDER BY t.year`,
      [unitCode],
    );
    if (!rows.length) return null;
    return {
      unitCode: rows[0].unit_code,
      targets: rows.map((r) => ({ year: r.year, certifiedShare: r.certified_share })),
    };
  }
}
