import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PublishedScore } from '../domain/score-change';

export interface UnitScoreRow extends PublishedScore {
  unitCode: string;
  year: number;
  schemeCode: string;
}

/** The score and star level last published per unit and year: the reference for change detection. */
@Injectable()
export class UnitScoresRepository {
  async find(
    manager: EntityManager,
    unitCodes: string[],
    years: number[],
  ): Promise<Map<string, UnitScoreRow>> {
    if (!unitCodes.length || !years.length) return new Map();
    const rows: UnitScoreRow[] = await manager.query(
      /* sql */ `SELECT unit_code AS "unitCode", year, scheme_code AS "schemeCode", score, stars, provisional, final_stars AS "finalStars"
        FROM unit_scores WHERE unit_code = ANY($1) AND year = ANY($2)`,
      [unitCodes, years],
    );
    return new Map(rows.map((r) => [`${r.unitCode}|${r.year}`, r]));
  }

  async save(manager: EntityManager, rows: UnitScoreRow[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      /* sql */ `INSERT INTO unit_scores (unit_code, year, scheme_code, score, stars, provisional, final_stars)
        SELECT * FROM jsonb_to_recordset($1::jsonb)
          AS t("unitCode" text, year int, "schemeCode" text, score double precision, stars int, provisional boolean, "finalStars" int)
        ON CONFLICT (unit_code, year) DO UPDATE SET scheme_code = EXCLUDED.scheme_code, score = EXCLUDED.score,
          stars = EXCLUDED.stars, provisional = EXCLUDED.provisional, final_stars = EXCLUDED.final_stars, computed_at = now()`,
      [
        JSON.stringify(
          rows.map((r) => ({
            unitCode: r.unitCode,
            year: r.year,
            schemeCode: r.schemeCode,
            score: r.score,
            stars: r.stars,
            provisional: r.provisional,
            finalStars: r.finalStars,
          })),
        ),
      ],
    );
  }

  /** (unit, year) pairs already scored whose scheme is `schemeCode`, or that lie in `subtreeOf`'s subtree. */
  async scored(
    manager: EntityManager,
    filter: { schemeCode?: string; subtreeOf?: string },
  ): Promise<{ unitCode: string; year: number }[]> {
    if (filter.schemeCode) {
      return manager.query(`SELECT unit_code AS "unitCode", year FROM unit_scores WHERE scheme_code = $1`, [
        filter.schemeCode,
      ]);
    }
    return manager.query(
      /* sql */ `WITH RECURSIVE down(code, depth) AS (
          SELECT $1::text, 0
          UNION ALL
          SELECT u.code, d.depth + 1 FROM unit_registry u JOIN down d ON u.parent_code = d.code WHERE d.depth < 16
        ) SELECT s.unit_code AS "unitCode", s.year FROM unit_scores s JOIN down d ON d.code = s.unit_code`,
      [filter.subtreeOf],
    );
  }
}
