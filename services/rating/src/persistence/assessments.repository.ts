import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Assessment } from '../domain';

export interface AssessmentRecord extends Assessment {
  id: number;
  unitCode: string;
  year: number;
  criterionCode: string;
  schemeCode: string;
}

const COLUMNS = /* sql */ `id::int, unit_code AS "unitCode", year, criterion_code AS "criterionCode", scheme_code AS "schemeCode",
  points, evidence, note, assessed_by AS "by", assessed_at AS "at"`;

/** A row as `COLUMNS` selects it. */
type Selected = AssessmentRecord & { at: Date | string; note: string | null };

const toRecord = (r: Selected): AssessmentRecord => ({
  ...r,
  at: new Date(r.at).toISOString(),
  note: r.note ?? undefined,
});

/** Assessments are appended, never updated: the latest row per criterion is current, the rest is history. */
@Injectable()
export class AssessmentsRepository {
  constructor(private readonly ds: DataSource) {}

  async append(
    manager: EntityManager,
    a: {
      unitCode: string;
      year: number;
      criterionCode: string;
      schemeCode: string;
      points: number;
      evidence: string;
      note?: string;
      by: string;
    },
  ): Promise<AssessmentRecord> {
    const rows = await manager.query<Selected[]>(
      /* sql */ `INSERT INTO assessments (unit_code, year, criterion_code, scheme_code, points, evidence, note, assessed_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        RETURNING ${COLUMNS}`,
      [a.unitCode, a.year, a.criterionCode, a.schemeCode, a.points, a.evidence, a.note ?? null, a.by],
    );
    return toRecord(rows[0]);
  }

  /** Current assessments of each (unit, year), keyed `${unit}|${year}` then by criterion code. */
  async current(
    manager: EntityManager,
    unitCodes: string[],
    years: number[],
  ): Promise<Map<string, Map<string, Assessment>>> {
    const out = new Map<string, Map<string, Assessment>>();
    if (!unitCodes.length || !years.length) return out;
    const rows = await manager.query<Selected[]>(
      /* sql */ `SELECT DISTINCT ON (unit_code, year, criterion_code) ${COLUMNS} FROM assessments
        WHERE unit_code = ANY($1) AND year = ANY($2)
        ORDER BY unit_code, year, criterion_code, id DESC`,
      [unitCodes, years],
    );
    for (const r of rows.map(toRecord)) {
      const key = `${r.unitCode}|${r.year}`;
      if (!out.has(key)) out.set(key, new Map());
      out.get(key)!.set(r.criterionCode, r);
    }
    return out;
  }

  /** Every assessment ever entered for a unit and year, newest first. */
  async history(unitCode: string, year: number): Promise<AssessmentRecord[]> {
    const rows = await this.ds.query<Selected[]>(
      `SELECT ${COLUMNS} FROM assessments WHERE unit_code = $1 AND year = $2 ORDER BY id DESC`,
      [unitCode, year],
    );
    return rows.map(toRecord);
  }
}
